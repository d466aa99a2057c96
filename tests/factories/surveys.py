import datetime

from django.utils import timezone

import factory
import wagtail_factories

from portal.surveys import models

# The first survey's kinds of question, one of each, under two sections.
QUESTIONS = [
    ("section", "Priorities", "", False),
    ("radio", "Top priority", "Digital services\nCyber security\nAI tools", True),
    ("checkboxes", "Technologies in use", "AI\nBlockchain\nCloud", True),
    ("scale", "Digital maturity", "", True),
    ("section", "Cooperation", "", False),
    ("ranking", "Cooperation wanted", "Training\nShared tools\nPilots", False),
    ("multiline", "Difficulties", "", False),
]


class SurveyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Surveys"
    slug = "surveys"

    class Meta:
        model = models.SurveyIndexPage


class SurveyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Survey {n}")
    intro = "The offices' priorities, technologies, difficulties and cooperation."
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    audience = models.SurveyAudience.ALL

    class Meta:
        model = models.SurveyPage
        skip_postgeneration_save = True

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        rows = QUESTIONS if extracted is None else extracted
        for order, (kind, label, choices, required) in enumerate(rows):
            models.SurveyQuestion.objects.create(
                page=self,
                sort_order=order,
                field_type=kind,
                label=label,
                choices=choices,
                required=required,
            )
