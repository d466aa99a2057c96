"""Taxonomies of the catalogue, edited by the secretariat as snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

from network.maturity import Dimension
from portal.fields import ChoiceListField


class Category(index.Indexed, models.Model):
    """What a solution does, e.g. e-filing or machine translation."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    maturity_dimensions = ChoiceListField(
        _("maturity dimensions"),
        choices=Dimension.choices,
        help_text=_(
            "The ICT maturity dimensions this category helps with. Partner matching suggests "
            "entries of this category to offices that score low in them."
        ),
    )
    ai_related = models.BooleanField(
        _("AI-related"),
        default=False,
        help_text=_("Entries in this category carry an AI profile (task, accuracy, data)."),
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name


class WipoStandard(index.Indexed, models.Model):
    """A WIPO standard for IP data, e.g. ST.26 (sequence listings in XML)."""

    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("e.g. ST.96"))
    title = models.CharField(_("title"), max_length=255)

    search_fields = [index.SearchField("code"), index.SearchField("title")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("WIPO standard")
        verbose_name_plural = _("WIPO standards")

    def __str__(self):
        return self.code


class DeploymentModel(models.Model):
    """How an entry can be run: as a service, on premises, in the cloud, hybrid.

    A table rather than a choice list so the listing can filter and count by it in SQL.
    """

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("deployment model")
        verbose_name_plural = _("deployment models")

    def __str__(self):
        return self.name


# The deployment models every database has (seeded by a migration).
DEPLOYMENT_MODELS = [
    ("saas", "Software as a service"),
    ("on-premises", "On premises"),
    ("cloud", "Cloud"),
    ("hybrid", "Hybrid"),
]
