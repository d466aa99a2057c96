"""The catalogue's pages: the listing and one page per solution or service."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from taggit.models import TaggedItemBase

from catalogue.blocks import EntryDescriptionBlock
from catalogue.forms import CatalogueEntryPageForm
from catalogue.models.activity import FreshnessStateMixin
from catalogue.panels import ReviewHistoryPanel
from network.models import IPRight
from portal.fields import ChoiceListField
from portal.models.pages import AreaIndexPage
from portal.page_languages import ReaderLanguageUrlMixin
from portal.page_routes import SubpageUrlsMixin


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


class BusinessProcess(models.TextChoices):
    FILING = "filing", _("Filing")
    FORMALITIES = "formalities", _("Formalities")
    CLASSIFICATION = "classification", _("Classification")
    SEARCH = "search", _("Search")
    EXAMINATION = "examination", _("Examination")
    PUBLICATION = "publication", _("Publication")
    REGISTRATION = "registration", _("Registration and grant")
    POST_GRANT = "post_grant", _("Post-grant and renewals")
    DIGITISATION = "digitisation", _("Digitisation")
    USER_SERVICES = "user_services", _("User services")


class SharingTerms(models.TextChoices):
    OPEN_SOURCE = "open_source", _("Open source")
    MOU = "mou", _("Memorandum of understanding")
    BILATERAL = "bilateral", _("Bilateral agreement")
    WIPO = "wipo", _("Provided by WIPO")


class IntegrationEffort(models.TextChoices):
    LOW = "low", _("Low (days)")
    MEDIUM = "medium", _("Medium (weeks)")
    HIGH = "high", _("High (months)")


class AiTask(models.TextChoices):
    IPC = "ipc", _("IPC / CPC classification")
    NICE = "nice", _("Nice classification")
    VIENNA = "vienna", _("Vienna classification")
    LOCARNO = "locarno", _("Locarno classification")
    TRANSLATION = "translation", _("Machine translation")
    IMAGE_SEARCH = "image_search", _("Image search")
    TEXT_SEARCH = "text_search", _("Prior-art text search")
    OTHER = "other", _("Other")


class AiRunsWhere(models.TextChoices):
    ON_PREMISES = "on_premises", _("On premises")
    CLOUD = "cloud", _("Cloud")
    HYBRID = "hybrid", _("Hybrid")


class CatalogueIndexPage(SubpageUrlsMixin, AreaIndexPage):
    """The listing: facets, a text box, sorting, export, compare and the API's home."""

    subpage_types = ["catalogue.CatalogueEntryPage"]
    # The listing itself, compare, export and "My questions"; its feeds (portal.alerts).
    subpage_urls = ["catalogue.urls.catalogue_index_page_urls", "portal.alerts.urls.feed_urls"]

    class Meta:
        verbose_name = _("catalogue index page")


class CatalogueEntryTag(TaggedItemBase):
    content_object = ParentalKey(
        "catalogue.CatalogueEntryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CatalogueEntryPage(FreshnessStateMixin, ReaderLanguageUrlMixin, SubpageUrlsMixin, Page):
    """A solution or service that one or more offices provide for others to reuse."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=EntryKind.choices, default=EntryKind.SOLUTION
    )
    summary = models.TextField(
        _("summary"), max_length=500, help_text=_("One or two sentences shown in listings.")
    )
    description = StreamField(EntryDescriptionBlock(), blank=True, verbose_name=_("description"))
    provider_offices = ParentalManyToManyField(
        "network.OfficePage",
        related_name="provided_entries",
        verbose_name=_("provider offices"),
    )
    business_processes = ChoiceListField(
        _("IP business processes served"), choices=BusinessProcess.choices
    )
    ip_rights = ChoiceListField(_("IP rights covered"), choices=IPRight.choices)
    # A translation of the page keeps pointing at the original category (filters and
    # counts go by it); readers see its name in their language.
    override_translatable_fields = [SynchronizedField("category")]
    category = models.ForeignKey(
        "catalogue.Category",
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("category"),
    )
    lifecycle = models.CharField(
        _("lifecycle stage"),
        max_length=20,
        choices=Lifecycle.choices,
        default=Lifecycle.PRODUCTION,
    )
    deployment_models = ParentalManyToManyField(
        "catalogue.DeploymentModel",
        blank=True,
        related_name="entries",
        verbose_name=_("deployment models"),
    )
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.PROPRIETARY
    )
    spdx_identifier = models.CharField(
        _("SPDX identifier"), max_length=50, blank=True, help_text=_("For open source, e.g. MIT.")
    )
    source_code_url = models.URLField(_("source code"), blank=True)
    standards = ParentalManyToManyField(
        "catalogue.WipoStandard",
        blank=True,
        related_name="entries",
        verbose_name=_("WIPO standards supported"),
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

    # Cost and sharing
    sharing_terms = models.CharField(
        _("sharing terms"), max_length=20, choices=SharingTerms.choices, blank=True
    )
    cost_model = models.TextField(
        _("cost model"),
        blank=True,
        max_length=1000,
        help_text=_("What reusing it costs: licences, hosting, support, and who pays."),
    )

    # Reuse kit: what an office needs to take it up.
    reuse_hosting = models.TextField(_("hosting"), blank=True, max_length=1000)
    reuse_database_and_licences = models.TextField(
        _("database and licences"), blank=True, max_length=1000
    )
    reuse_skills = models.TextField(_("skills"), blank=True, max_length=1000)
    integration_effort = models.CharField(
        _("integration effort"), max_length=10, choices=IntegrationEffort.choices, blank=True
    )
    works_with = models.TextField(
        _("systems it works with"), blank=True, max_length=1000, help_text=_("e.g. IPAS 4")
    )

    contact_member = models.ForeignKey(
        "network.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="catalogue_contacts",
        verbose_name=_("contact"),
        help_text=_("Who answers questions about it. The provider office's head of ICT if empty."),
    )

    # AI profile: for entries in an AI-related category.
    ai_task = models.CharField(_("AI task"), max_length=20, choices=AiTask.choices, blank=True)
    ai_language_pairs = models.CharField(
        _("language pairs"), max_length=255, blank=True, help_text=_("e.g. en-fr, fr-en, zh-en")
    )
    ai_accuracy = models.CharField(
        _("reported accuracy"),
        max_length=255,
        blank=True,
        help_text=_("e.g. 86% top-1 at subclass level"),
    )
    ai_evaluation_data = models.TextField(
        _("evaluated on"),
        blank=True,
        max_length=1000,
        help_text=_("The data the accuracy was measured on."),
    )
    ai_runs_where = models.CharField(
        _("where it runs"), max_length=20, choices=AiRunsWhere.choices, blank=True
    )
    ai_data_location = models.CharField(
        _("where the data stays"),
        max_length=255,
        blank=True,
        help_text=_("e.g. in the office's data centre"),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("category")]),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("provider_offices"),
        FieldPanel("contact_member"),
        FieldPanel("business_processes"),
        FieldPanel("ip_rights"),
        MultiFieldPanel(
            [
                FieldPanel("lifecycle"),
                FieldPanel("deployment_models"),
                FieldPanel("licence"),
                FieldRowPanel([FieldPanel("spdx_identifier"), FieldPanel("source_code_url")]),
            ],
            heading=_("Status and licence"),
        ),
        FieldPanel("standards"),
        FieldPanel("languages"),
        FieldPanel("tags"),
        InlinePanel("releases", label=_("Releases")),
        FieldPanel("documentation_url"),
        InlinePanel("links", label=_("More documentation links")),
        InlinePanel("screenshots", label=_("Screenshots")),
    ]
    reuse_panels = [
        MultiFieldPanel(
            [FieldPanel("sharing_terms"), FieldPanel("cost_model")],
            heading=_("Cost and sharing terms"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("reuse_hosting"),
                FieldPanel("reuse_database_and_licences"),
                FieldPanel("reuse_skills"),
                FieldPanel("integration_effort"),
                FieldPanel("works_with"),
            ],
            heading=_("Reuse kit: prerequisites"),
        ),
    ]
    ai_panels = [
        MultiFieldPanel(
            [
                FieldPanel("ai_task"),
                FieldPanel("ai_language_pairs"),
                FieldRowPanel([FieldPanel("ai_accuracy"), FieldPanel("ai_evaluation_data")]),
                FieldRowPanel([FieldPanel("ai_runs_where"), FieldPanel("ai_data_location")]),
            ],
            heading=_("AI profile"),
            help_text=_("Required for entries in an AI-related category; ignored otherwise."),
        )
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Entry")),
            ObjectList(reuse_panels, heading=_("Reuse")),
            ObjectList(ai_panels, heading=_("AI profile")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList([ReviewHistoryPanel(heading=_("Review history"))], heading=_("Reviews")),
        ]
    )
    base_form_class = CatalogueEntryPageForm

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("search_facts"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("standards", [index.SearchField("code")]),
        index.FilterField("kind"),
        index.FilterField("category"),
        index.FilterField("lifecycle"),
    ]

    parent_page_types = ["catalogue.CatalogueIndexPage"]
    subpage_types = []
    # The page with its adoptions and questions, and adoption, interest, asking, confirming.
    subpage_urls = ["catalogue.urls.entry_page_urls"]

    # Read with the page when it is served (portal.localisation.route_page).
    served_with_related = ("category", "freshness")

    class Meta:
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue entries")

    def clean(self):
        super().clean()
        errors = {}
        if self.licence == Licence.OPEN_SOURCE and not self.spdx_identifier:
            errors["spdx_identifier"] = _("Open source needs its SPDX identifier, e.g. MIT.")
        if self.category_id and self.category.ai_related:
            for name in ("ai_task", "ai_runs_where", "ai_data_location"):
                if not getattr(self, name):
                    errors[name] = _("Required for an entry in an AI-related category.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_ai_profile(self) -> bool:
        return bool(self.category_id and self.category.ai_related and self.ai_task)

    def business_process_labels(self) -> list[str]:
        return self._meta.get_field("business_processes").labels(self.business_processes)

    def ip_right_labels(self) -> list[str]:
        return self._meta.get_field("ip_rights").labels(self.ip_rights)

    def search_facts(self) -> str:
        """Words from the structured fields that people search by."""
        parts = [
            *self.business_process_labels(),
            *self.ip_right_labels(),
            self.get_sharing_terms_display() if self.sharing_terms else "",
            self.get_ai_task_display() if self.ai_task else "",
            self.ai_language_pairs,
            self.works_with,
            self.spdx_identifier,
        ]
        return " ".join(str(part) for part in parts if part)


class EntryRelease(Orderable):
    """A version of the entry, newest first."""

    page = ParentalKey(CatalogueEntryPage, on_delete=models.CASCADE, related_name="releases")
    version = models.CharField(_("version"), max_length=50)
    released_on = models.DateField(_("released on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)

    panels = [
        FieldRowPanel([FieldPanel("version"), FieldPanel("released_on")]),
        FieldPanel("notes"),
    ]

    def __str__(self):
        return self.version


class EntryLink(Orderable):
    page = ParentalKey(CatalogueEntryPage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"))

    panels = [FieldPanel("title"), FieldPanel("url")]

    def __str__(self):
        return self.title


class EntryScreenshot(Orderable):
    page = ParentalKey(CatalogueEntryPage, on_delete=models.CASCADE, related_name="screenshots")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
