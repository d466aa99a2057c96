"""Member offices: the directory page and one page per office, keyed by its ST.3 code.

An office's translations (wagtail-localize) share its code and its translation key; seats,
members, assessments, catalogue entries and workshops point at the original, the page in
the default locale, and every look-up by code picks it (``OfficePage.objects.originals()``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from django_countries.fields import CountryField

from portal import localised_names
from portal.fields import TIME_ZONE_CHOICES, ChoiceListField
from portal.models.pages import AreaIndexPage
from portal.page_languages import ReaderLanguageUrlMixin
from portal.page_routes import SubpageUrlsMixin


class OfficeKind(models.TextChoices):
    NATIONAL = "national", _("National office")
    REGIONAL = "regional", _("Regional organisation")
    INTERNATIONAL = "international", _("International organisation")


class IPRight(models.TextChoices):
    PATENTS = "patents", _("Patents")
    UTILITY_MODELS = "utility_models", _("Utility models")
    TRADEMARKS = "trademarks", _("Trademarks")
    DESIGNS = "designs", _("Industrial designs")
    GEOGRAPHICAL_INDICATIONS = "geographical_indications", _("Geographical indications")
    PLANT_VARIETIES = "plant_varieties", _("Plant varieties")
    COPYRIGHT = "copyright", _("Copyright and related rights")


class HostingModel(models.TextChoices):
    ON_PREMISES = "on_premises", _("On premises")
    CLOUD = "cloud", _("Cloud")
    HYBRID = "hybrid", _("Hybrid")
    MANAGED = "managed", _("Managed by a provider")


class TeamSize(models.TextChoices):
    UP_TO_5 = "1-5", _("1 to 5 people")
    UP_TO_20 = "6-20", _("6 to 20 people")
    UP_TO_50 = "21-50", _("21 to 50 people")
    UP_TO_200 = "51-200", _("51 to 200 people")
    OVER_200 = "200+", _("More than 200 people")


class NetworkPageQuerySet(PageQuerySet):
    def originals(self):
        """The pages in the default locale: those that relations and look-ups point at."""
        return self.filter(locale__language_code=localised_names.default_language())


NetworkPageManager = PageManager.from_queryset(NetworkPageQuerySet)


class OfficeIndexPage(SubpageUrlsMixin, AreaIndexPage):
    """The directory of the network: offices for everyone, people for members."""

    objects = NetworkPageManager()

    subpage_types = ["network.OfficePage"]
    # The filtered directory itself, people, nominations and the assessments export.
    subpage_urls = ["network.urls.office_index_page_urls"]

    class Meta:
        verbose_name = _("office index page")


class OfficePage(ReaderLanguageUrlMixin, SubpageUrlsMixin, Page):
    """An IP office of the network, keyed by its WIPO ST.3 two-letter code."""

    # Unique per office, not per page: its translations are rows of this table too, and
    # the locale is on wagtailcore_page, out of a constraint's reach. clean() enforces it.
    code = models.CharField(
        _("ST.3 code"),
        max_length=2,
        db_index=True,
        help_text=_("The office's WIPO ST.3 code, e.g. JP, EP or OA."),
    )
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OfficeKind.choices, default=OfficeKind.NATIONAL
    )
    country = CountryField(_("country"), blank=True, help_text=_("For a national office."))
    member_states = CountryField(
        _("member states"),
        multiple=True,
        blank=True,
        help_text=_("For a regional organisation: the states it covers."),
    )
    # A translation of the page keeps its original's code, and points at the original
    # region (filters and counts go by it); readers see the region's name in their language.
    override_translatable_fields = [
        SynchronizedField("code", overridable=False),
        SynchronizedField("region"),
    ]
    region = models.ForeignKey(
        "portal.Region",
        on_delete=models.PROTECT,
        related_name="offices",
        verbose_name=_("region"),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="UTC"
    )
    official_languages = ParentalManyToManyField(
        "portal.Language", blank=True, related_name="offices", verbose_name=_("official languages")
    )
    working_languages = ParentalManyToManyField(
        "portal.Language",
        blank=True,
        related_name="offices_working_in",
        verbose_name=_("working languages"),
        help_text=_("Languages the office's ICT team works in with other offices."),
    )
    ip_rights = ChoiceListField(_("IP rights administered"), choices=IPRight.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )
    summary = models.TextField(_("summary"), blank=True)

    # The ICT profile.
    hosting_model = models.CharField(
        _("hosting model"), max_length=20, choices=HostingModel.choices, blank=True
    )
    ict_team_size = models.CharField(
        _("size of the ICT team"), max_length=10, choices=TeamSize.choices, blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("code"), FieldPanel("acronym")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("country"),
                FieldPanel("member_states"),
                FieldRowPanel([FieldPanel("region"), FieldPanel("time_zone")]),
            ],
            heading=_("Where"),
        ),
        FieldPanel("official_languages"),
        FieldPanel("working_languages"),
        FieldPanel("ip_rights"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("logo")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("hosting_model"), FieldPanel("ict_team_size")]),
                InlinePanel(
                    "systems",
                    label=_("Systems in use that are not in the catalogue"),
                    help_text=_(
                        "Catalogue entries the office uses are recorded on the entry itself "
                        "(“our office uses this”) and listed here automatically."
                    ),
                ),
            ],
            heading=_("ICT profile"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("acronym", boost=2),
        index.SearchField("code", boost=2),
        index.SearchField("summary"),
        index.AutocompleteField("acronym"),
        index.FilterField("kind"),
        index.FilterField("region"),
    ]

    objects = NetworkPageManager()

    parent_page_types = ["network.OfficeIndexPage"]
    subpage_types = []
    # The page with what the reader may do, the self-assessment and nominations; the
    # catalogue adds partner suggestions (entries offered by offices strong where this is weak).
    subpage_urls = ["network.urls.office_page_urls", "catalogue.urls.office_page_urls"]

    # Read with the page when it is served (portal.localisation.route_page).
    served_with_related = ("region",)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def clean(self):
        super().clean()
        self.code = (self.code or "").upper()
        if self.original is not self:
            # A translation has its original's code, whatever its own revision says.
            self.code = self.original.code
        errors = {}
        if self.code and (holder := self.code_holder()) is not None:
            errors["code"] = _("%(office)s already has the ST.3 code %(code)s.") % {
                "office": holder.title,
                "code": self.code,
            }
        if self.kind == OfficeKind.NATIONAL and not self.country:
            errors["country"] = _("A national office needs its country.")
        if self.kind == OfficeKind.REGIONAL and not self.member_states:
            errors["member_states"] = _("A regional organisation needs its member states.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if (update_fields is None or "code" in update_fields) and self.original is self:
            # A published change of code reaches the translations at once.
            translations = OfficePage.objects.filter(translation_key=self.translation_key)
            translations.exclude(code=self.code).update(code=self.code)

    def code_holder(self) -> "OfficePage | None":
        """Another office with this page's code, in any language; its own translations
        share the code and are not another office."""
        others = OfficePage.objects.filter(code=self.code)
        return others.exclude(translation_key=self.translation_key).order_by("pk").first()

    @cached_property
    def original(self) -> "OfficePage":
        """The office this page translates, itself when it is the original: seats, members,
        assessments and catalogue entries are the original's."""
        default = localised_names.default_language()
        if self.locale_id is None or self.locale.language_code == default:
            return self
        original = OfficePage.objects.originals().filter(translation_key=self.translation_key)
        return original.first() or self

    @property
    def display_name(self) -> str:
        """The office's name with what tells it apart from namesakes: its country (unless
        the name says it already), or the ST.3 code of an organisation."""
        if self.kind == OfficeKind.NATIONAL and self.country:
            country = str(self.country.name)
            if country.casefold() in self.title.casefold():
                return self.title
            return f"{self.title} ({country})"
        return f"{self.title} ({self.code})"

    def languages_by_use(self) -> dict[str, list]:
        """The office's official and working languages, read in one query (a preview's,
        held in memory by the edit form, as they are)."""
        from portal.models import Language

        in_memory = getattr(self, "_cluster_related_objects", {})
        if self.pk is None or {"official_languages", "working_languages"} & set(in_memory):
            return {
                "official": list(self.official_languages.all()),
                "working": list(self.working_languages.all()),
            }

        def listed(field: str) -> Exists:
            through = self._meta.get_field(field).remote_field.through
            return Exists(through.objects.filter(officepage=self, language=OuterRef("pk")))

        languages = list(
            Language.objects.annotate(
                official=listed("official_languages"), working=listed("working_languages")
            )
            .filter(Q(official=True) | Q(working=True))
            .order_by("name")
        )
        return {
            "official": [language for language in languages if language.official],
            "working": [language for language in languages if language.working],
        }

    def ip_right_labels(self) -> list[str]:
        return self._meta.get_field("ip_rights").labels(self.ip_rights)


class OfficeSystem(Orderable):
    """A system an office runs that is not (yet) in the catalogue."""

    office = ParentalKey(OfficePage, on_delete=models.CASCADE, related_name="systems")
    name = models.CharField(_("name"), max_length=200)
    purpose = models.CharField(_("what it does"), max_length=255, blank=True)
    supplier = models.CharField(
        _("built or supplied by"), max_length=200, blank=True, help_text=_("e.g. in-house")
    )

    panels = [FieldPanel("name"), FieldPanel("purpose"), FieldPanel("supplier")]

    def __str__(self):
        return self.name
