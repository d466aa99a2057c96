from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal import page_cache_purge  # noqa: F401 - connects its receivers
        from portal.exports import quote_formulas_in_wagtail_exports

        quote_formulas_in_wagtail_exports()
