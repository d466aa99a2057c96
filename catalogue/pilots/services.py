"""Writes of pilots: the pilot, its offices and entries, and its milestones in one go."""

from django.db import transaction

from catalogue.models import Pilot


def pilot_save(*, form, milestones, user) -> Pilot:
    """Save a valid pilot form and its valid milestone formset together, or nothing."""
    with transaction.atomic():
        pilot = form.save(commit=False)
        if pilot.pk is None:
            pilot.created_by = user
        pilot.save()
        form.save_m2m()
        milestones.instance = pilot
        milestones.save()
    return pilot
