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


class WorkshopIndexPageFactory(wagtail_factories.PageFactory):
    title = "Workshops"
    slug = "workshops"

    class Meta:
        model = models.WorkshopIndexPage


class WorkshopPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Workshop {n}")
    summary = "Offices share how they do it."
    start_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=1))
    start_time = datetime.time(9, 0)
    end_time = datetime.time(17, 0)
    time_zone = "Europe/Zurich"

    class Meta:
        model = models.WorkshopPage


class SpeakerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Speaker {n}")
    affiliation = "An IP office"

    class Meta:
        model = models.Speaker


class HackathonChallengeFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Challenge {n}")
    brief = "<p>Build a small tool that helps examiners.</p>"

    class Meta:
        model = models.HackathonChallenge


class RegistrationQuestionFactory(factory.django.DjangoModelFactory):
    label = "Do you need a visa letter?"
    kind = "yes_no"

    class Meta:
        model = models.RegistrationQuestion
