"""Signal handlers: publishing more places serves the waiting list."""

from django.dispatch import receiver

from wagtail.signals import page_published

from portal.workshops.models import WorkshopPage
from portal.workshops.services import registrations_fill_places


@receiver(page_published, dispatch_uid="workshops.fill_places_on_publish")
def fill_places_on_publish(sender, instance, **kwargs):
    # Publishing more places (or a higher limit per office), from the admin or on a
    # schedule, gives them to the waiting list at once.
    if isinstance(instance, WorkshopPage):
        registrations_fill_places(workshop=instance.original)
