import factory
import wagtail_factories

from catalogue import models
from catalogue.facet_summary import summary_invalidate


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


def bulk_entries(
    index,
    count: int,
    *,
    categories,
    offices,
    standards=(),
    languages=(),
    deployments=(),
    tags=(),
    adopters=(),
) -> list[int]:
    """Insert ``count`` published entries under ``index`` in a few queries, for tests and
    benchmarks of lists with thousands of entries (creating pages one by one is slow).

    Each entry gets a category, a provider office, and (cycling through the lists) a
    standard, a language, a deployment model, a tag and an adoption.
    """
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.models.sql import InsertQuery
    from django.utils import timezone

    from wagtail.models import Page

    from taggit.models import Tag

    content_type = ContentType.objects.get_for_model(models.CatalogueEntryPage)
    index = Page.objects.get(pk=index.pk)
    start = index.numchild
    now = timezone.now()
    pages = []
    for number in range(start, start + count):
        slug = f"bulk-entry-{number}"
        pages.append(
            Page(
                title=f"Bulk entry {number:05d}",
                draft_title=f"Bulk entry {number:05d}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(index.path, index.depth + 1, number + 1),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
            )
        )
    pages = Page.objects.bulk_create(pages, batch_size=500)
    entries = [
        models.CatalogueEntryPage(
            page_ptr_id=page.pk,
            summary="A solution inserted in bulk.",
            category=categories[n % len(categories)],
            kind=models.EntryKind.values[n % 2],
            lifecycle=models.Lifecycle.values[n % 4],
            licence=models.Licence.values[n % 3],
        )
        for n, page in enumerate(pages)
    ]
    fields = models.CatalogueEntryPage._meta.local_concrete_fields
    for offset in range(0, len(entries), 500):
        query = InsertQuery(models.CatalogueEntryPage)
        query.insert_values(fields, entries[offset : offset + 500])
        query.get_compiler(connection=connection).execute_sql()
    Page.objects.filter(pk=index.pk).update(numchild=start + count)

    ids = [page.pk for page in pages]
    entry_model = models.CatalogueEntryPage

    def link(through, attribute, values):
        if values:
            through.objects.bulk_create(
                [
                    through(catalogueentrypage_id=pk, **{attribute: values[n % len(values)]})
                    for n, pk in enumerate(ids)
                ],
                batch_size=1000,
            )

    link(entry_model.provider_offices.through, "officepage", list(offices))
    link(entry_model.standards.through, "wipostandard", list(standards))
    link(entry_model.languages.through, "language", list(languages))
    link(entry_model.deployment_models.through, "deploymentmodel", list(deployments))
    tag_objects = [
        Tag.objects.get_or_create(name=name, defaults={"slug": name.lower()})[0] for name in tags
    ]
    if tag_objects:
        models.CatalogueEntryTag.objects.bulk_create(
            [
                models.CatalogueEntryTag(
                    content_object_id=pk, tag=tag_objects[n % len(tag_objects)]
                )
                for n, pk in enumerate(ids)
            ],
            batch_size=1000,
        )
    if adopters:
        models.Adoption.objects.bulk_create(
            [
                models.Adoption(entry_id=pk, office=adopters[n % len(adopters)])
                for n, pk in enumerate(ids)
                if n % 3 == 0
            ],
            batch_size=1000,
        )
    # Bulk inserts send no signals: the listing's kept facet counts are emptied by hand.
    summary_invalidate()
    return ids
