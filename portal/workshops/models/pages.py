"""Workshops, trainings, webinars, hackathons and dialogue sessions.

Editors enter the start and end as wall-clock times in the event's own time zone,
as an invitation states them; the UTC instants are derived on save, so listings sort
and filter in the database and daylight-saving changes are handled by zoneinfo.
Registrations, feedback and hackathon teams are plain models (registrations.py,
hackathons.py); what the page carries is edited here.
"""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from django_countries.fields import CountryField

from portal import localised_names
from portal.blocks import BodyBlock
from portal.fields import TIME_ZONE_CHOICES
from portal.models.pages import AreaIndexPage
from portal.page_languages import ReaderLanguageUrlMixin
from portal.page_routes import SubpageUrlsMixin
from portal.workshops.blocks import AgendaBlock, MaterialsBlock
from portal.workshops.models.choices import WorkshopFormat, WorkshopKind, WorkshopStatus

RESERVED_SLUGS = {"calendar", "feed"}


class WorkshopIndexPage(SubpageUrlsMixin, AreaIndexPage):
    """The listing of workshops, with its filters, calendar and feeds (portal.workshops.urls)."""

    subpage_types = ["workshops.WorkshopPage"]
    subpage_urls = ["portal.workshops.urls.workshop_index_urls"]

    class Meta:
        verbose_name = _("workshop index page")


class WorkshopPage(ReaderLanguageUrlMixin, SubpageUrlsMixin, Page):
    kind = models.CharField(
        _("kind"), max_length=20, choices=WorkshopKind.choices, default=WorkshopKind.WORKSHOP
    )
    reference = models.CharField(
        _("reference number"), max_length=50, blank=True, help_text=_("e.g. C.N. 1234")
    )
    summary = models.TextField(_("summary"), max_length=500)

    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(_("start time"), default=datetime.time(9, 0))
    end_date = models.DateField(_("end date"))
    end_time = models.TimeField(_("end time"), default=datetime.time(17, 0))
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="Europe/Zurich"
    )
    # Derived from the fields above on save; used to sort and filter.
    starts_at = models.DateTimeField(editable=False, db_index=True)
    ends_at = models.DateTimeField(editable=False, db_index=True)

    format = models.CharField(
        _("format"), max_length=20, choices=WorkshopFormat.choices, default=WorkshopFormat.IN_PERSON
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    venue = models.TextField(_("venue address"), blank=True)
    # Private to registered participants: never in a search field, a feed or a shared export.
    online_link = models.URLField(
        _("online link"),
        blank=True,
        help_text=_(
            "Shown only to registered participants: on this page, in their calendar file "
            "and in their e-mails."
        ),
    )
    online_instructions = models.TextField(
        _("how to join online"),
        blank=True,
        help_text=_("Meeting number, passcode, dial-in; shown only to registered participants."),
    )
    languages = ParentalManyToManyField(
        "portal.Language", blank=True, related_name="workshops", verbose_name=_("working languages")
    )
    interpretation_languages = ParentalManyToManyField(
        "portal.Language",
        blank=True,
        related_name="interpreted_workshops",
        verbose_name=_("interpretation into"),
    )
    open_to = models.CharField(
        _("open to"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Heads of ICT of IP offices and their deputies"),
    )
    organiser = models.CharField(
        _("organiser"), max_length=200, blank=True, default="WIPO, secretariat of the ICT network"
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("description"))
    visa_guidance = RichTextField(
        _("visa guidance"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    agenda = StreamField(AgendaBlock(), blank=True, verbose_name=_("agenda"))
    materials = StreamField(
        MaterialsBlock(),
        blank=True,
        verbose_name=_("materials"),
        help_text=_("Slides, recordings and the report; listed first once the event is over."),
    )

    # Registration.
    accepts_registrations = models.BooleanField(_("members register on the site"), default=True)
    registration_opens_on = models.DateField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: open now.")
    )
    registration_closes_on = models.DateField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("The last day to register, in the event's time zone. Empty: until it starts."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    places_per_office = models.PositiveSmallIntegerField(
        _("places per office"), null=True, blank=True, help_text=_("Empty: no limit.")
    )

    # Hackathons and codefests.
    submission_deadline_date = models.DateField(
        _("submissions due on"), null=True, blank=True, help_text=_("For hackathons and codefests.")
    )
    submission_deadline_time = models.TimeField(
        _("submissions due at"), default=datetime.time(17, 0)
    )
    max_team_size = models.PositiveSmallIntegerField(_("largest team"), default=5)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("reference")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("time_zone"),
            ],
            heading=_("Dates, in the event's own time zone"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("venue"),
                FieldPanel("online_link"),
                FieldPanel("online_instructions"),
            ],
            heading=_("Where"),
        ),
        FieldRowPanel([FieldPanel("languages"), FieldPanel("interpretation_languages")]),
        FieldPanel("open_to"),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")]),
            ],
            heading=_("Organiser and contact"),
        ),
        FieldPanel("body"),
        InlinePanel("segments", label=_("Segments"), heading=_("Segments with their own access")),
        FieldPanel("visa_guidance"),
    ]
    agenda_panels = [FieldPanel("agenda"), FieldPanel("materials")]
    registration_panels = [
        FieldPanel("accepts_registrations"),
        FieldRowPanel([FieldPanel("registration_opens_on"), FieldPanel("registration_closes_on")]),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("places_per_office")]),
        InlinePanel("questions", label=_("Question"), heading=_("Questions for participants")),
    ]
    hackathon_panels = [
        FieldRowPanel(
            [
                FieldPanel("submission_deadline_date"),
                FieldPanel("submission_deadline_time"),
                FieldPanel("max_team_size"),
            ]
        ),
        InlinePanel("challenges", label=_("Challenge"), heading=_("Challenge briefs")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(agenda_panels, heading=_("Agenda and materials")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(hackathon_panels, heading=_("Hackathon")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("agenda"),
        index.SearchField("city"),
        index.FilterField("kind"),
        index.FilterField("starts_at"),
    ]

    parent_page_types = ["workshops.WorkshopIndexPage"]
    subpage_types = []
    # Registration, calendar, the secretariat's list, feedback and teams.
    subpage_urls = ["portal.workshops.urls.workshop_page_urls"]

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    @cached_property
    def original(self) -> "WorkshopPage":
        """The workshop in the site's default language, which registrations belong to.

        A translation is the same event: its readers register for, and count against the
        places of, the original, whichever language they read the page in.
        """
        if self.pk is None:
            return self
        # The page's locale comes with it when it is served; the default's code needs no query.
        default = localised_names.default_language()
        if self.locale.language_code == default:
            return self
        original = WorkshopPage.objects.filter(
            translation_key=self.translation_key, locale__language_code=default
        ).first()
        return original or self

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local_start(self) -> datetime.datetime:
        return datetime.datetime.combine(self.start_date, self.start_time, tzinfo=self.zone)

    def local_end(self) -> datetime.datetime:
        return datetime.datetime.combine(self.end_date, self.end_time, tzinfo=self.zone)

    def clean(self):
        super().clean()
        errors = {}
        complete = self.start_date and self.end_date and self.start_time and self.end_time
        if complete and self.local_end() <= self.local_start():
            errors["end_date"] = _("The event must end after it starts.")
        if self.slug in RESERVED_SLUGS:
            # The index page answers these addresses itself (its calendar and feeds).
            errors["slug"] = _("This address is taken by the workshops' calendar and feeds.")
        opens, closes = self.registration_opens_on, self.registration_closes_on
        if opens and closes and closes < opens:
            errors["registration_closes_on"] = _("The deadline comes after registration opens.")
        if complete and closes and closes > self.start_date:
            errors["registration_closes_on"] = _("The deadline is on or before the first day.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.starts_at = self.local_start().astimezone(datetime.UTC)
        self.ends_at = self.local_end().astimezone(datetime.UTC)
        super().save(*args, **kwargs)

    def status(self, now: datetime.datetime | None = None) -> str:
        # From the editable fields, so that previews of unsaved changes are right too.
        now = now or timezone.now()
        if now < self.local_start():
            return WorkshopStatus.UPCOMING
        if now <= self.local_end():
            return WorkshopStatus.ONGOING
        return WorkshopStatus.PAST

    def get_status_display(self) -> str:
        return WorkshopStatus(self.status()).label

    @property
    def is_past(self) -> bool:
        return self.status() == WorkshopStatus.PAST

    @property
    def is_hackathon(self) -> bool:
        return self.kind == WorkshopKind.HACKATHON

    @property
    def place(self) -> str:
        if self.format == WorkshopFormat.ONLINE:
            return str(WorkshopFormat.ONLINE.label)
        parts = [self.city, self.country.name if self.country else ""]
        return ", ".join(part for part in parts if part)

    # Registration window, in the event's own time zone.

    def registration_opens_at(self) -> datetime.datetime | None:
        if not self.registration_opens_on:
            return None
        return datetime.datetime.combine(self.registration_opens_on, datetime.time(0), self.zone)

    def registration_closes_at(self) -> datetime.datetime:
        """The end of the deadline day, and never after the event starts."""
        if not self.registration_closes_on:
            return self.local_start()
        end_of_day = datetime.datetime.combine(
            self.registration_closes_on + datetime.timedelta(days=1), datetime.time(0), self.zone
        )
        return min(end_of_day, self.local_start())

    def registration_state(self, now: datetime.datetime | None = None) -> str:
        """ "closed" (none on the site), "not_yet", "open" or "over"."""
        now = now or timezone.now()
        if not self.accepts_registrations:
            return "closed"
        opens = self.registration_opens_at()
        if opens and now < opens:
            return "not_yet"
        if now >= self.registration_closes_at():
            return "over"
        return "open"

    def submission_deadline(self) -> datetime.datetime | None:
        if not self.submission_deadline_date:
            return None
        return datetime.datetime.combine(
            self.submission_deadline_date, self.submission_deadline_time, self.zone
        )

    def submissions_open(self, now: datetime.datetime | None = None) -> bool:
        deadline = self.submission_deadline()
        return deadline is None or (now or timezone.now()) < deadline

    def route_url(self, name: str, *args) -> str:
        return self.url + self.reverse_subpage(name, args=args)
