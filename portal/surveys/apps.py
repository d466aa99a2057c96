from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "portal.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from portal.surveys import signals  # noqa: F401 - connects the receivers
