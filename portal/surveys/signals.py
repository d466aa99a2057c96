"""Receivers: a new survey index is made members-only at once."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from portal.surveys import services
from portal.surveys.models import SurveyIndexPage


@receiver(post_save, sender=SurveyIndexPage)
def index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.index_restrict_to_members(index=instance)
