from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "portal.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from portal.consultations import signals  # noqa: F401 - connects the receivers
