"""Taxonomies of the catalogue, edited and translated by the secretariat as snippets
(see portal/models/taxonomies.py for how readers get names in their language)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from network.maturity import Dimension
from portal.fields import ChoiceListField
from portal.localised_names import localised_label
from portal.models.taxonomies import Taxonomy


class Category(index.Indexed, Taxonomy):
    """What a solution does, e.g. e-filing or machine translation."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
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

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("maturity_dimensions"),
        SynchronizedField("ai_related"),
    ]

    class Meta(Taxonomy.Meta):
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "name"], name="catalogue_category_unique_name"
            ),
            models.UniqueConstraint(
                fields=["locale", "slug"], name="catalogue_category_unique_slug"
            ),
        ]


class WipoStandard(index.Indexed, Taxonomy):
    """A WIPO standard for IP data, e.g. ST.26 (sequence listings in XML)."""

    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. ST.96"))
    title = models.CharField(_("title"), max_length=255)

    # Readers see the code, the same in every language; the title is translated.
    name_field = "code"
    localised_fields = ["title"]
    search_fields = [
        index.SearchField("code"),
        index.SearchField("title"),
        index.FilterField("locale"),
    ]
    translatable_fields = [TranslatableField("title"), SynchronizedField("code")]

    class Meta(Taxonomy.Meta):
        ordering = ["code"]
        verbose_name = _("WIPO standard")
        verbose_name_plural = _("WIPO standards")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "code"], name="catalogue_wipostandard_unique_code"
            ),
        ]

    @property
    def localised_title(self) -> str:
        return localised_label(WipoStandard, self.translation_key, self.title, field="title")


class DeploymentModel(Taxonomy):
    """How an entry can be run: as a service, on premises, in the cloud, hybrid.

    A table rather than a choice list so the listing can filter and count by it in SQL.
    """

    slug = models.SlugField(_("slug"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(default=0)

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]

    class Meta(Taxonomy.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("deployment model")
        verbose_name_plural = _("deployment models")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="catalogue_deploymentmodel_unique_slug"
            ),
        ]


# The deployment models every database has (seeded by a migration).
DEPLOYMENT_MODELS = [
    ("saas", "Software as a service"),
    ("on-premises", "On premises"),
    ("cloud", "Cloud"),
    ("hybrid", "Hybrid"),
]
