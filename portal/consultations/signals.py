"""Receivers: a new consultation index is made members-only at once."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from portal.consultations import services
from portal.consultations.models import ConsultationIndexPage


@receiver(post_save, sender=ConsultationIndexPage)
def index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.index_restrict_to_members(index=instance)
