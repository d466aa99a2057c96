"""The kinds, formats and states a workshop, its segments and its questions take."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkshopKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    TRAINING = "training", _("Training")
    WEBINAR = "webinar", _("Webinar")
    HACKATHON = "hackathon", _("Hackathon or codefest")
    DIALOGUE = "dialogue", _("Dialogue session")


class WorkshopFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class WorkshopStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    ONGOING = "ongoing", _("Ongoing")
    PAST = "past", _("Past")


class SegmentAccess(models.TextChoices):
    OPEN = "open", _("Open to all participants")
    INVITATION = "invitation", _("By invitation only")


class QuestionKind(models.TextChoices):
    YES_NO = "yes_no", _("Yes or no")
    TEXT = "text", _("Short text")
    LONG_TEXT = "long_text", _("Longer text")
    CHOICE = "choice", _("One of a list")
