"""Demo content for the publishing side: taxonomies, the site's structure, news and workshops.

Every function here and in the apps' demo modules finds what exists by a natural key
(a slug, a code, an e-mail address) and creates only what is missing, so that loading
the demo twice changes nothing the second time.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

from wagtail.models import Page

from portal.models import (
    Feedback,
    HackathonChallenge,
    HomePage,
    Language,
    NewsArticlePage,
    NewsIndexPage,
    Region,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
    Speaker,
    StandardPage,
    Team,
    TeamMembership,
    WorkshopIndexPage,
    WorkshopPage,
    WorkshopSegment,
)
from portal.models.workshops import WorkshopFormat, WorkshopKind

# A password every demo account shares; load_demo refuses to run in production.
DEMO_PASSWORD = "network-demo"  # noqa: S105


@dataclass
class Tally:
    """How many things of one kind the demo holds, and how many this run created."""

    label: str
    total: int = 0
    created: int = 0

    def add(self, created: bool) -> None:
        self.total += 1
        self.created += int(created)


@dataclass
class DemoRun:
    """Collects tallies and reports each step as it finishes."""

    report: Callable[[str], None]
    tallies: list[Tally] = field(default_factory=list)

    def step(self, label: str) -> Tally:
        tally = Tally(label)
        self.tallies.append(tally)
        return tally

    def done(self, tally: Tally) -> None:
        self.report(f"  {tally.label}: {tally.total} ({tally.created} new)")

    @property
    def created(self) -> int:
        return sum(tally.created for tally in self.tallies)


def ensure(model: type[models.Model], lookup: dict[str, Any], **defaults) -> tuple[Any, bool]:
    """The row matching ``lookup``, created with ``defaults`` if missing; never updated."""
    return model.objects.get_or_create(**lookup, defaults=defaults)


def ensure_page(
    parent: Page,
    model: type[Page],
    *,
    slug: str,
    relations: dict[str, Iterable] | None = None,
    **fields,
) -> tuple[Page, bool]:
    """The child of ``parent`` with ``slug``, created and published if missing.

    ``relations`` sets many-to-many fields (provider offices, languages, tags) before the
    first revision, so that the published page carries them.
    """
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    for name, values in (relations or {}).items():
        getattr(page, name).set(list(values))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def next_weekday(start: datetime.date, weekday: int, *, weeks_ahead: int) -> datetime.date:
    """The first given weekday (0 = Monday) at least ``weeks_ahead`` weeks after ``start``."""
    day = start + datetime.timedelta(weeks=weeks_ahead)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


REGIONS = [
    ("africa", "Africa"),
    ("arab-region", "Arab region"),
    ("asia-pacific", "Asia and the Pacific"),
    ("central-asia-eastern-europe", "Central Asia and Eastern Europe"),
    ("europe", "Europe"),
    ("latin-america-caribbean", "Latin America and the Caribbean"),
    ("north-america", "North America"),
    ("international", "International"),
]

LANGUAGES = [
    ("ar", "Arabic", "العربية"),
    ("az", "Azerbaijani", "Azərbaycan dili"),
    ("cs", "Czech", "Čeština"),
    ("da", "Danish", "Dansk"),
    ("de", "German", "Deutsch"),
    ("el", "Greek", "Ελληνικά"),
    ("en", "English", "English"),
    ("es", "Spanish", "Español"),
    ("fi", "Finnish", "Suomi"),
    ("fr", "French", "Français"),
    ("hi", "Hindi", "हिन्दी"),
    ("hr", "Croatian", "Hrvatski"),
    ("hu", "Hungarian", "Magyar"),
    ("id", "Indonesian", "Bahasa Indonesia"),
    ("is", "Icelandic", "Íslenska"),
    ("it", "Italian", "Italiano"),
    ("ja", "Japanese", "日本語"),
    ("ka", "Georgian", "ქართული"),
    ("kk", "Kazakh", "Қазақ тілі"),
    ("ko", "Korean", "한국어"),
    ("ms", "Malay", "Bahasa Melayu"),
    ("nl", "Dutch", "Nederlands"),
    ("no", "Norwegian", "Norsk"),
    ("pt", "Portuguese", "Português"),
    ("ro", "Romanian", "Română"),
    ("ru", "Russian", "Русский"),
    ("sq", "Albanian", "Shqip"),
    ("sr", "Serbian", "Српски"),
    ("sv", "Swedish", "Svenska"),
    ("ta", "Tamil", "தமிழ்"),
    ("uz", "Uzbek", "Oʻzbekcha"),
    ("zh", "Chinese", "中文"),
]


def load_taxonomies(run: DemoRun) -> None:
    regions = run.step("Regions")
    for slug, name in REGIONS:
        regions.add(ensure(Region, {"slug": slug}, name=name)[1])
    run.done(regions)
    languages = run.step("Languages")
    for code, name, native_name in LANGUAGES:
        languages.add(ensure(Language, {"code": code}, name=name, native_name=native_name)[1])
    run.done(languages)


@dataclass
class SiteSections:
    home: HomePage
    network: Page
    catalogue: Page
    taskforces: Page
    workshops: WorkshopIndexPage
    news: NewsIndexPage


def paragraph(html: str) -> tuple[str, str]:
    return ("paragraph", html)


def heading(text: str) -> tuple[str, dict]:
    return ("heading", {"text": text, "level": "h2"})


ABOUT_BODY = [
    heading("Where the network comes from"),
    paragraph(
        "<p>WIPO held the first session of its High-Level Dialogue on ICT in Geneva from "
        "14 to 16 April 2025. Heads of ICT of intellectual property offices from 46 member "
        "states and 5 intergovernmental organisations discussed how digital transformation "
        "changes the way IP offices work and serve their users, in 35 presentations under "
        "11 themes.</p>"
    ),
    heading("What the offices asked for"),
    paragraph(
        "<ul><li>A network of the CIOs and CTOs of IP offices.</li>"
        "<li>A forum for sharing information on ICT services and solution portfolios.</li>"
        "<li>Knowledge-sharing workshops and training events.</li>"
        "<li>Cooperation on pilot projects in emerging technologies, such as a hackathon or "
        "codefest on tools for IP business operations and services.</li>"
        "<li>Task forces on key areas of interest, the first on AI tools.</li></ul>"
    ),
    heading("The secretariat"),
    paragraph(
        "<p>A secretariat at WIPO runs the network: it coordinates digital cooperation between "
        "offices to cut duplicated development, matches partners by their needs and ICT "
        "maturity, and runs workshops and training, including on WIPO standards.</p>"
    ),
]


def load_site_structure(run: DemoRun) -> SiteSections:
    from catalogue.models import CatalogueIndexPage
    from network.models import OfficeIndexPage
    from taskforces.models import TaskForceIndexPage

    pages = run.step("Site sections")
    home = HomePage.objects.get()
    sections = {}
    for key, model, slug, title, intro in [
        (
            "about",
            StandardPage,
            "about",
            "About the network",
            "The network of heads of ICT of intellectual property offices, and why it exists.",
        ),
        (
            "network",
            OfficeIndexPage,
            "network",
            "Network",
            "The intellectual property offices of the network and the people who represent them.",
        ),
        (
            "catalogue",
            CatalogueIndexPage,
            "catalogue",
            "Catalogue",
            "ICT solutions and services that offices provide for others to reuse.",
        ),
        (
            "taskforces",
            TaskForceIndexPage,
            "task-forces",
            "Task forces",
            "Groups of offices working together on key areas between meetings.",
        ),
        (
            "workshops",
            WorkshopIndexPage,
            "workshops",
            "Workshops",
            "Workshops, trainings, webinars, hackathons and dialogue sessions.",
        ),
        ("news", NewsIndexPage, "news", "News", "News from the network and its secretariat."),
    ]:
        extra = {"body": ABOUT_BODY} if model is StandardPage else {}
        page, created = ensure_page(
            home, model, slug=slug, title=title, intro=intro, show_in_menus=True, **extra
        )
        sections[key] = page
        pages.add(created)
    run.done(pages)
    return SiteSections(
        home=home,
        network=sections["network"],
        catalogue=sections["catalogue"],
        taskforces=sections["taskforces"],
        workshops=sections["workshops"],
        news=sections["news"],
    )


# The first High-Level Dialogue on ICT, Geneva, 14–16 April 2025: 11 themes over 3 days.
HLD_DAYS = [
    (
        datetime.date(2025, 4, 14),
        "Enabling digital transformation",
        [
            (
                "09:30",
                "10:00",
                "Opening of the session",
                "Opened by the WIPO Director General. The Chair introduces the programme and the survey of offices' priorities (24 January – 4 April 2025), answered by 42 member states and 3 IGOs.",
                ["director-general", "chair"],
            ),
            (
                "10:00",
                "11:00",
                "Theme 1: Digital strategy and technology trends",
                "How digital transformation changes the way IP offices work and serve their users; small steps before complex AI models.",
                ["chair"],
            ),
            (
                "11:15",
                "12:30",
                "Theme 2: Emerging technologies and responsible governance",
                "Automated decision-making with AI tools and its responsible governance.",
                [],
            ),
            (
                "14:00",
                "15:00",
                "Theme 3: Data governance",
                "Data quality, ownership and integration as the ground for every digital service.",
                [],
            ),
            (
                "15:15",
                "16:15",
                "Theme 4: Cyber resilience",
                "Cyber-security risk plans: architecture, data protection, user awareness, incident response and post-incident review; security architecture audits and drills.",
                [],
            ),
            (
                "16:30",
                "17:30",
                "Theme 5: Collaboration",
                "Cloud and containers with zero-trust security, cost control and multi-cloud strategies; cooperation between business and IT departments; a hybrid approach of off-the-shelf products and in-house development for developing countries.",
                [],
            ),
        ],
    ),
    (
        datetime.date(2025, 4, 15),
        "Emerging technologies for IP",
        [
            (
                "09:30",
                "11:00",
                "Theme 6: AI for classification, machine translation and search",
                "AI as an aid that does not replace people; full automation of substantive examination as a future goal.",
                [],
            ),
            (
                "11:15",
                "12:30",
                "Theme 7: Blockchain for trust and IP-rights management",
                "Where distributed ledgers help offices and their users.",
                [],
            ),
            (
                "14:00",
                "17:30",
                "Theme 8: Challenges and cooperation",
                "Cost and skilled staff (open-source tools, cooperation with start-ups, public funding), change management, data quality; sharing knowledge and resources, joint mechanisms to develop AI tools together, reusing existing models.",
                [],
            ),
        ],
    ),
    (
        datetime.date(2025, 4, 16),
        "Global cooperation and digital harmonisation",
        [
            (
                "09:30",
                "11:00",
                "Theme 9: Interoperability through WIPO standards",
                "Cost efficiency, better user experience and better decisions from high-quality data.",
                [],
            ),
            (
                "11:15",
                "12:30",
                "Theme 10: Global data exchange",
                "Technical incompatibility, data quality and security, differing data-protection law, small offices lacking infrastructure.",
                [],
            ),
            (
                "14:00",
                "16:30",
                "Theme 11: Bridging the digital divide",
                "National investment, international cooperation through modular tools, training and funding, capacity building and open-source solutions.",
                [],
            ),
            (
                "16:30",
                "17:30",
                "Next steps and closing",
                "The offices propose a network of CIOs and CTOs, a forum on ICT solutions, knowledge-sharing workshops, a hackathon or codefest, and task forces, the first on AI tools.",
                ["chair", "secretary"],
            ),
        ],
    ),
]

# The people named in the meeting's summary; everyone else in the demo is fictional.
HLD_SPEAKERS = {
    "director-general": ("Daren Tang", "WIPO", "Director General"),
    "chair": ("Sian-Nia Davies", "United Kingdom", "Chair of the session"),
    "secretary": ("Yun Young-woo", "WIPO", "Secretary of the session"),
}


def _session(start, end, title, description, speakers, room="", materials=()):
    return {
        "start_time": datetime.time.fromisoformat(start),
        "end_time": datetime.time.fromisoformat(end),
        "title": title,
        "description": description,
        "room": room,
        "link": "",
        "speakers": list(speakers),
        "materials": list(materials),
    }


def _material(kind, title, link):
    return {"kind": kind, "title": title, "document": None, "link": link}


def _speaker_for(users, email) -> Speaker:
    member = users[email].member
    speaker, _created = ensure(Speaker, {"member": member})
    return speaker


def load_workshops(run: DemoRun, sections: SiteSections, users: dict) -> None:
    tally = run.step("Workshops")
    speakers = run.step("Speakers")
    languages = {language.code: language for language in Language.objects.all()}
    today = timezone.localdate()

    officials = {}
    for key, (name, affiliation, job_title) in HLD_SPEAKERS.items():
        officials[key], created = ensure(
            Speaker, {"name": name}, affiliation=affiliation, job_title=job_title
        )
        speakers.add(created)
    members = {}
    for email in [
        "h.sato@example.org",
        "l.fischer@example.org",
        "mj.kim@example.org",
        "s.novak@example.org",
        "m.costa@example.org",
    ]:
        existed = Speaker.objects.filter(member__user__email=email).exists()
        members[email] = _speaker_for(users, email)
        speakers.add(not existed)
    run.done(speakers)

    hld_agenda = [
        (
            "day",
            {
                "date": date,
                "title": title,
                "sessions": [
                    _session(
                        start,
                        end,
                        name,
                        text,
                        [officials[key] for key in keys],
                        room="Room A, WIPO headquarters",
                    )
                    for start, end, name, text, keys in sessions
                ],
            },
        )
        for date, title, sessions in HLD_DAYS
    ]
    body = [
        paragraph(
            "<p>Heads of ICT (CIOs and CTOs) of intellectual property offices met at WIPO's "
            "headquarters to discuss how digital transformation changes the way offices work "
            "and serve their users. 46 member states and 5 intergovernmental organisations "
            "(OAPI, BOIP, EAPO, EPO and the EU) took part.</p>"
        )
    ]
    standards_day = next_weekday(today, 2, weeks_ahead=6)
    webinar_day = next_weekday(today, 3, weeks_ahead=3)
    codefest_day = next_weekday(today, 1, weeks_ahead=10)
    workshops = [
        {
            "slug": "high-level-dialogue-on-ict-2025",
            "title": "First session of the High-Level Dialogue on ICT",
            "kind": WorkshopKind.DIALOGUE,
            "reference": "HLD/ICT/1",
            "summary": "Heads of ICT of IP offices met for three days to discuss how digital "
            "transformation changes the way offices work: 35 presentations under 11 themes.",
            "start_date": datetime.date(2025, 4, 14),
            "start_time": datetime.time(9, 30),
            "end_date": datetime.date(2025, 4, 16),
            "end_time": datetime.time(17, 30),
            "time_zone": "Europe/Zurich",
            "format": WorkshopFormat.IN_PERSON,
            "city": "Geneva",
            "country": "CH",
            "venue": "WIPO headquarters, 34 chemin des Colombettes, 1211 Geneva",
            "open_to": "Heads of ICT (CIOs and CTOs) of IP offices",
            "organiser": "WIPO",
            "contact_name": "Claire Morand, network coordinator",
            "contact_email": "secretariat@example.org",
            "body": body,
            "agenda": hld_agenda,
            "materials": [
                (
                    "material",
                    _material(
                        "report",
                        "Summary of the session: 35 presentations under 11 themes",
                        "https://www.wipo.int/meetings/en/",
                    ),
                ),
            ],
            "accepts_registrations": False,
            "languages": ["en", "fr", "es"],
            "interpretation": ["ar", "zh", "ru"],
        },
        {
            "slug": "codefest-tools-for-ip-office-operations",
            "title": "Codefest on tools for IP office operations",
            "kind": WorkshopKind.HACKATHON,
            "reference": "CODEFEST/1",
            "summary": "Teams from offices build working prototypes of small tools for IP business "
            "operations and services, in two days, on open data and open-source components.",
            "start_date": codefest_day,
            "start_time": datetime.time(9, 0),
            "end_date": codefest_day + datetime.timedelta(days=1),
            "end_time": datetime.time(17, 0),
            "time_zone": "Europe/Zurich",
            "format": WorkshopFormat.HYBRID,
            "city": "Geneva",
            "country": "CH",
            "venue": "WIPO headquarters, 34 chemin des Colombettes, 1211 Geneva",
            "online_link": "https://meet.example.org/codefest-ip-operations",
            "online_instructions": "Each team gets its own breakout room at the opening.",
            "open_to": "Teams of ICT staff from the network's offices",
            "organiser": "WIPO, with the task force on AI tools",
            "contact_name": "Claire Morand",
            "contact_email": "secretariat@example.org",
            "body": [
                paragraph(
                    "<p>Challenges cover formalities checking, classification support and "
                    "data exchange in WIPO ST.96. Teams work on site or online, and the jury "
                    "announces the winners at the end of the second day.</p>"
                )
            ],
            "visa_guidance": "<p>Participants who need a visa for Switzerland should say so when registering; the secretariat sends a letter of invitation. Apply at least six weeks before the event.</p>",
            "capacity": 60,
            "places_per_office": 4,
            "registration_closes_on": codefest_day - datetime.timedelta(days=14),
            "submission_deadline_date": codefest_day + datetime.timedelta(days=1),
            "submission_deadline_time": datetime.time(12, 0),
            "max_team_size": 5,
            "languages": ["en"],
        },
        {
            "slug": "workshop-wipo-standards-data-exchange",
            "title": "Workshop on WIPO standards for data exchange",
            "kind": WorkshopKind.WORKSHOP,
            "reference": "WS/STD/1",
            "summary": "How offices move to ST.96 and ST.97 for exchanging patent, trademark and "
            "design data, and what the network can share to make it cheaper.",
            "start_date": standards_day,
            "start_time": datetime.time(13, 0),
            "end_date": standards_day,
            "end_time": datetime.time(16, 0),
            "time_zone": "Europe/Zurich",
            "format": WorkshopFormat.ONLINE,
            "online_link": "https://meet.example.org/wipo-standards-data-exchange",
            "online_instructions": "Meeting number 2604 1970, passcode ST96.",
            "open_to": "ICT and data staff of the network's offices",
            "organiser": "WIPO, secretariat of the ICT network",
            "contact_name": "Claire Morand",
            "contact_email": "secretariat@example.org",
            "agenda": [
                (
                    "day",
                    {
                        "date": standards_day,
                        "title": "",
                        "sessions": [
                            _session("13:00", "13:15", "Welcome and aims", "", []),
                            _session(
                                "13:15",
                                "14:15",
                                "Moving a national office to ST.96",
                                "Planning, mapping legacy data, and testing with partners.",
                                [members["s.novak@example.org"]],
                            ),
                            _session(
                                "14:30",
                                "15:15",
                                "ST.97 and web APIs under ST.90",
                                "JSON for data exchange and the APIs that serve it.",
                                [members["l.fischer@example.org"]],
                            ),
                            _session(
                                "15:15",
                                "16:00",
                                "What the network can share",
                                "Open discussion: converters, test data and validation tools offices could reuse.",
                                [],
                            ),
                        ],
                    },
                )
            ],
            "capacity": 40,
            "places_per_office": 2,
            "registration_closes_on": standards_day - datetime.timedelta(days=3),
            "languages": ["en", "fr", "es"],
        },
        {
            "slug": "webinar-ai-for-patent-classification",
            "title": "Webinar: AI for patent classification",
            "kind": WorkshopKind.WEBINAR,
            "reference": "WEB/AI/1",
            "summary": "Three offices show how they use AI tools to suggest IPC symbols, what "
            "accuracy they measured and how examiners use the suggestions.",
            "start_date": webinar_day,
            "start_time": datetime.time(8, 0),
            "end_date": webinar_day,
            "end_time": datetime.time(9, 30),
            "time_zone": "UTC",
            "format": WorkshopFormat.ONLINE,
            "online_link": "https://meet.example.org/webinar-ai-classification",
            "open_to": "Members of the network",
            "organiser": "The task force on AI tools",
            "contact_name": "Lena Fischer, chair of the task force",
            "contact_email": "l.fischer@example.org",
            "agenda": [
                (
                    "day",
                    {
                        "date": webinar_day,
                        "title": "",
                        "sessions": [
                            _session(
                                "08:00",
                                "08:25",
                                "Suggesting IPC symbols to examiners",
                                "",
                                [members["h.sato@example.org"]],
                            ),
                            _session(
                                "08:25",
                                "08:50",
                                "Measuring accuracy on a year of filings",
                                "",
                                [members["mj.kim@example.org"]],
                            ),
                            _session(
                                "08:50",
                                "09:30",
                                "Machine translation and search in the same pipeline; questions",
                                "",
                                [members["l.fischer@example.org"]],
                            ),
                        ],
                    },
                )
            ],
            "capacity": 100,
            "languages": ["en"],
        },
    ]
    pages = {}
    for data in workshops:
        codes = data.pop("languages")
        interpretation = data.pop("interpretation", [])
        page, created = ensure_page(
            sections.workshops,
            WorkshopPage,
            relations={
                "languages": [languages[code] for code in codes],
                "interpretation_languages": [languages[code] for code in interpretation],
            },
            **data,
        )
        pages[data["slug"]] = page
        tally.add(created)
    run.done(tally)
    _load_workshop_extras(run, pages)
    _load_workshop_activity(run, pages, users)


def _load_workshop_extras(run: DemoRun, pages: dict[str, WorkshopPage]) -> None:
    """Segments, registration questions and challenge briefs, on the pages as published."""
    tally = run.step("Segments, questions and challenges")
    codefest = pages["codefest-tools-for-ip-office-operations"]
    standards = pages["workshop-wipo-standards-data-exchange"]
    webinar = pages["webinar-ai-for-patent-classification"]
    items = [
        (
            WorkshopSegment,
            codefest,
            {"title": "Opening and challenge pitches"},
            {"access": "open", "when": "First day, 9:00–10:30", "sort_order": 0},
        ),
        (
            WorkshopSegment,
            codefest,
            {"title": "Jury deliberation"},
            {
                "access": "invitation",
                "when": "Second day, 12:00–15:00",
                "description": "For the jury and the challenge owners.",
                "sort_order": 1,
            },
        ),
        (
            WorkshopSegment,
            codefest,
            {"title": "Demonstrations and award ceremony"},
            {"access": "open", "when": "Second day, 15:00–17:00", "sort_order": 2},
        ),
        (
            RegistrationQuestion,
            codefest,
            {"label": "Do you need a visa letter?"},
            {"kind": "yes_no", "required": True, "sort_order": 0},
        ),
        (
            RegistrationQuestion,
            codefest,
            {"label": "Will you take part on site or online?"},
            {
                "kind": "choice",
                "choices": "On site in Geneva\nOnline",
                "required": True,
                "sort_order": 1,
            },
        ),
        (
            RegistrationQuestion,
            codefest,
            {"label": "Accessibility needs"},
            {"kind": "text", "help_text": "Anything we should arrange for you.", "sort_order": 2},
        ),
        (
            RegistrationQuestion,
            standards,
            {"label": "Which XML standard does your office use today?"},
            {
                "kind": "choice",
                "choices": "ST.36 / ST.66 / ST.86\nST.96\nNone yet",
                "sort_order": 0,
            },
        ),
        (
            RegistrationQuestion,
            standards,
            {"label": "What should the workshop answer for your office?"},
            {"kind": "long_text", "sort_order": 1},
        ),
        (
            RegistrationQuestion,
            webinar,
            {"label": "Accessibility needs"},
            {"kind": "text", "help_text": "e.g. live captions", "sort_order": 0},
        ),
        (
            HackathonChallenge,
            codefest,
            {"title": "Formalities checking"},
            {
                "brief": "<p>A tool that checks an incoming application for missing parts and common formal errors before an examiner opens it.</p>",
                "proposed_by": "Task force on AI tools",
                "sort_order": 0,
            },
        ),
        (
            HackathonChallenge,
            codefest,
            {"title": "Classification support"},
            {
                "brief": "<p>Suggest IPC symbols for a new application from its abstract and claims, and explain each suggestion.</p>",
                "proposed_by": "Japan Patent Office",
                "sort_order": 1,
            },
        ),
        (
            HackathonChallenge,
            codefest,
            {"title": "Data exchange in ST.96"},
            {
                "brief": "<p>Convert a small office's legacy bibliographic records to WIPO ST.96 and validate them.</p>",
                "proposed_by": "The secretariat",
                "sort_order": 2,
            },
        ),
    ]
    for model, page, lookup, defaults in items:
        tally.add(ensure(model, {"page": page, **lookup}, **defaults)[1])
    run.done(tally)


def _load_workshop_activity(run: DemoRun, pages: dict[str, WorkshopPage], users: dict) -> None:
    # Written directly rather than through portal.services, which would e-mail these
    # fictional people and refuse registrations for the past session.
    tally = run.step("Registrations, feedback and teams")
    hld = pages["high-level-dialogue-on-ict-2025"]
    codefest = pages["codefest-tools-for-ip-office-operations"]
    standards = pages["workshop-wipo-standards-data-exchange"]
    now = timezone.now()

    def register(page, email, at=now, **fields):
        user = users[email]
        registration, created = ensure(
            Registration,
            {"workshop": page, "user": user},
            office=user.member.office,
            status=RegistrationStatus.CONFIRMED,
            created_at=at,
            queued_at=at,
            confirmed_at=at,
            **fields,
        )
        tally.add(created)
        return registration

    for email in [
        "h.sato@example.org",
        "l.fischer@example.org",
        "m.costa@example.org",
        "a.diallo@example.org",
        "s.novak@example.org",
    ]:
        register(
            hld, email, at=datetime.datetime(2025, 3, 20, 10, 0, tzinfo=datetime.UTC), attended=True
        )
    for email, rating, useful, topics in [
        (
            "h.sato@example.org",
            5,
            "Hearing how other offices govern AI tools.",
            "An ICT maturity index for IP offices.",
        ),
        (
            "a.diallo@example.org",
            4,
            "The day on WIPO standards and the digital divide.",
            "Breakout sessions, and private-sector presentations of AI tools.",
        ),
    ]:
        registration = Registration.objects.get(workshop=hld, user=users[email])
        tally.add(
            ensure(
                Feedback,
                {"registration": registration},
                rating=rating,
                most_useful=useful,
                next_topics=topics,
            )[1]
        )

    for email in ["s.novak@example.org", "m.costa@example.org", "d.karimova@example.org"]:
        register(standards, email)

    challenges = {challenge.title: challenge for challenge in codefest.challenges.all()}
    for email, answers in [
        ("h.sato@example.org", {}),
        ("mj.kim@example.org", {}),
        ("j.rojas@example.org", {}),
        ("k.mensah@example.org", {}),
    ]:
        register(codefest, email, answers=answers)
    for name, challenge, emails in [
        (
            "Kanji and claims",
            "Classification support",
            ["h.sato@example.org", "mj.kim@example.org"],
        ),
        (
            "Open formalities",
            "Formalities checking",
            ["j.rojas@example.org", "k.mensah@example.org"],
        ),
    ]:
        team, created = ensure(
            Team,
            {"workshop": codefest, "name": name},
            challenge=challenges.get(challenge),
            created_by=users[emails[0]],
        )
        tally.add(created)
        for email in emails:
            ensure(TeamMembership, {"workshop": codefest, "user": users[email]}, team=team)
    run.done(tally)


NEWS = [
    (
        "network-launched",
        "A network for the heads of ICT of IP offices",
        "Following the first High-Level Dialogue on ICT, offices have formed a network to share "
        "ICT solutions, work in task forces and learn from each other.",
        30,
    ),
    (
        "survey-results",
        "What offices told the survey on ICT priorities",
        "42 member states and 3 intergovernmental organisations answered the survey on priorities, "
        "emerging technologies, difficulties and cooperation.",
        20,
    ),
    (
        "ai-task-force-starts",
        "The task force on AI tools starts its work",
        "The first task force of the network looks at AI for classification, machine translation "
        "and search, and at how offices can build such tools together.",
        7,
    ),
]


def load_news(run: DemoRun, sections: SiteSections) -> None:
    tally = run.step("News articles")
    today = timezone.localdate()
    for slug, title, summary, days_ago in NEWS:
        _, created = ensure_page(
            sections.news,
            NewsArticlePage,
            slug=slug,
            title=title,
            summary=summary,
            date=today - datetime.timedelta(days=days_ago),
            body=[paragraph(f"<p>{summary}</p>")],
        )
        tally.add(created)
    run.done(tally)
