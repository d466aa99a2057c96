import datetime
import uuid

from django.utils import timezone

import factory
import wagtail_factories

from portal.consultations import models


def paragraphs(*texts: str) -> list[dict]:
    """A consultation's text as the StreamField stores it, one block id a paragraph."""
    return [
        {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())} for text in texts
    ]


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Consultations"
    slug = "consultations"

    class Meta:
        model = models.ConsultationIndexPage


class ConsultationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Consultation {n}")
    intro = "The proposed next steps, for consideration and comments."
    text = factory.LazyFunction(
        lambda: paragraphs(
            "An ICT maturity index for IP offices.",
            "Presentations from the private sector on AI-based tools.",
            "Breakout sessions for more interactive discussion.",
        )
    )
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))
    audience = models.Audience.MEMBERS

    class Meta:
        model = models.ConsultationPage
