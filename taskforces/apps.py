from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskforcesConfig(AppConfig):
    name = "taskforces"
    verbose_name = _("Task forces")

    def ready(self):
        from taskforces import signals  # noqa: F401
