"""The roles people hold in the network."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberRole(models.TextChoices):
    """What a person does in their office (or for the network)."""

    CIO = "cio", _("Chief information officer")
    CTO = "cto", _("Chief technology officer")
    DEPUTY = "deputy", _("Deputy")
    EXPERT = "expert", _("ICT expert")
    SECRETARIAT = "secretariat", _("Secretariat")


class Seat(models.TextChoices):
    """An office's seat in the network: it belongs to the office, not to the person."""

    PRINCIPAL = "principal", _("Head of ICT")
    DEPUTY = "deputy", _("Deputy")
