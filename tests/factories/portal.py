import datetime

import factory
import wagtail_factories

from portal import models


class RegionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")

    class Meta:
        model = models.Region
        django_get_or_create = ["slug"]


class LanguageFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"l{n}")
    name = factory.Sequence(lambda n: f"Language {n}")

    class Meta:
        model = models.Language
        django_get_or_create = ["code"]


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "An introduction."

    class Meta:
        model = models.StandardPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"

    class Meta:
        model = models.NewsIndexPage


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News article {n}")
    summary = "What happened, in one sentence."
    date = factory.LazyFunction(datetime.date.today)

    class Meta:
        model = models.NewsArticlePage
