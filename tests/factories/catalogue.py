import factory
import wagtail_factories

from catalogue import models


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = models.Category
        django_get_or_create = ["slug"]


class WipoStandardFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"ST.{100 + n}")
    title = "A WIPO standard"

    class Meta:
        model = models.WipoStandard
        django_get_or_create = ["code"]


class CatalogueIndexPageFactory(wagtail_factories.PageFactory):
    title = "Catalogue"
    slug = "catalogue"

    class Meta:
        model = models.CatalogueIndexPage


class CatalogueEntryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Solution {n}")
    summary = "Does one thing well for offices."
    category = factory.SubFactory(CategoryFactory)

    class Meta:
        model = models.CatalogueEntryPage
        skip_postgeneration_save = True

    @factory.post_generation
    def provider_offices(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.provider_offices.set(extracted)
            obj.save()
