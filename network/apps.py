from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")

    def ready(self):
        from network import signals  # noqa: F401
        from network.forms import offer_original_offices_in_the_admin

        offer_original_offices_in_the_admin()
