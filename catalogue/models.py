"""The catalogue of ICT solutions and services that offices share and reuse."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from taggit.models import TaggedItemBase

from network.maturity import Dimension
from portal.blocks import BodyBlock
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


class EntryKind(models.TextChoices):
    SOLUTION = "solution", _("Solution")
    SERVICE = "service", _("Service")


class Lifecycle(models.TextChoices):
    IDEA = "idea", _("Idea")
    PILOT = "pilot", _("Pilot")
    PRODUCTION = "production", _("In production")
    RETIRED = "retired", _("Retired")


class Licence(models.TextChoices):
    OPEN_SOURCE = "open_source", _("Open source")
    PROPRIETARY = "proprietary", _("Proprietary")
    FREE_FROM_PROVIDER = "free", _("Free from the provider")


class CatalogueIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["catalogue.CatalogueEntryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("catalogue index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        entries = (
            CatalogueEntryPage.objects.child_of(self)
            .live()
            .public()
            .select_related("category")
            .prefetch_related("provider_offices")
            .order_by("title")
        )
        context["entries"] = Paginator(entries, 24).get_page(request.GET.get("page"))
        return context


class CatalogueEntryTag(TaggedItemBase):
    content_object = ParentalKey(
        "catalogue.CatalogueEntryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CatalogueEntryPage(Page):
    """A solution or service that one or more offices provide for others to reuse."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=EntryKind.choices, default=EntryKind.SOLUTION
    )
    summary = models.TextField(
        _("summary"), max_length=500, help_text=_("One or two sentences shown in listings.")
    )
    description = StreamField(BodyBlock(), blank=True, verbose_name=_("description"))
    provider_offices = ParentalManyToManyField(
        "network.OfficePage",
        related_name="provided_entries",
        verbose_name=_("provider offices"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="entries", verbose_name=_("category")
    )
    lifecycle = models.CharField(
        _("lifecycle stage"),
        max_length=20,
        choices=Lifecycle.choices,
        default=Lifecycle.PRODUCTION,
    )
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.PROPRIETARY
    )
    spdx_identifier = models.CharField(
        _("SPDX identifier"), max_length=50, blank=True, help_text=_("For open source, e.g. MIT.")
    )
    source_code_url = models.URLField(_("source code"), blank=True)
    standards = ParentalManyToManyField(
        WipoStandard, blank=True, related_name="entries", verbose_name=_("WIPO standards supported")
    )
    languages = ParentalManyToManyField(
        "portal.Language",
        blank=True,
        related_name="catalogue_entries",
        verbose_name=_("interface languages"),
    )
    documentation_url = models.URLField(_("documentation"), blank=True)
    tags = ClusterTaggableManager(
        through=CatalogueEntryTag, blank=True, verbose_name=_("technology tags")
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("category")]),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("provider_offices"),
        MultiFieldPanel(
            [
                FieldPanel("lifecycle"),
                FieldPanel("licence"),
                FieldRowPanel([FieldPanel("spdx_identifier"), FieldPanel("source_code_url")]),
            ],
            heading=_("Status and licence"),
        ),
        FieldPanel("standards"),
        FieldPanel("languages"),
        FieldPanel("tags"),
        FieldPanel("documentation_url"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("category"),
        index.FilterField("lifecycle"),
    ]

    parent_page_types = ["catalogue.CatalogueIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue entries")


class AdoptionStatus(models.TextChoices):
    EVALUATING = "evaluating", _("Evaluating")
    IN_USE = "in_use", _("In use")
    STOPPED = "stopped", _("Stopped using")


class Adoption(models.Model):
    """An office's use of a catalogue entry: "our office uses this"."""

    entry = models.ForeignKey(
        CatalogueEntryPage, on_delete=models.CASCADE, related_name="adoptions"
    )
    office = models.ForeignKey(
        "network.OfficePage", on_delete=models.CASCADE, related_name="adoptions"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AdoptionStatus.choices, default=AdoptionStatus.IN_USE
    )
    since = models.DateField(_("since"), null=True, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    willing_to_be_reference = models.BooleanField(
        _("willing to be contacted as a reference"), default=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["entry__title"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "office"], name="one_adoption_per_office")
        ]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")

    def __str__(self):
        return f"{self.office} uses {self.entry} ({self.get_status_display()})"
