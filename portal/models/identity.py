"""Who runs the portal, as every page's footer names them: edited under Settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="mail")
class Secretariat(BaseGenericSetting):
    """The secretariat's name and contact details, and the copyright holder."""

    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("e.g. Secretariat of the network")
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("The organisation that hosts the secretariat and holds the copyright."),
    )
    address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)

    class Meta:
        verbose_name = _("secretariat")
