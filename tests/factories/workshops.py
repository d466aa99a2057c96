import datetime

import factory
import wagtail_factories

from portal.workshops import models


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
