"""Demo catalogue: the taxonomies and entries that offices provide for others to reuse.

WIPO's business solutions are described from their public descriptions; the entries
attributed to other offices are illustrative examples of the kind of tools the offices
presented at the High-Level Dialogue, not statements about those offices' systems.
"""

from dataclasses import dataclass

from django.utils.text import slugify

from catalogue.models import (
    Adoption,
    AdoptionStatus,
    CatalogueEntryPage,
    Category,
    EntryKind,
    Licence,
    Lifecycle,
    WipoStandard,
)
from network.maturity import Dimension
from network.models import OfficePage, User
from portal.demo import DemoRun, SiteSections, ensure, ensure_page, paragraph
from portal.models import Language

CATEGORIES = [
    (
        "E-filing",
        "Online filing of applications and subsequent documents.",
        [Dimension.ONLINE_SERVICES],
    ),
    (
        "Formalities and examination support",
        "Checking formal requirements and helping examiners.",
        [Dimension.STRATEGY],
    ),
    ("Classification", "Assigning IPC, CPC, Nice, Vienna or Locarno classes.", [Dimension.AI]),
    ("Machine translation", "Translating patent and trademark documents.", [Dimension.AI]),
    ("Prior-art and image search", "Finding earlier patents, marks and designs.", [Dimension.AI]),
    ("Document management", "Storing, scanning and managing file wrappers.", [Dimension.DATA]),
    (
        "Publication",
        "Publishing gazettes, bulletins and registers.",
        [Dimension.ONLINE_SERVICES, Dimension.STANDARDS],
    ),
    (
        "Data exchange and APIs",
        "Exchanging IP data between offices and with users.",
        [Dimension.STANDARDS, Dimension.DATA],
    ),
    ("Cyber security", "Protecting systems and data.", [Dimension.CYBER]),
    ("Cloud and infrastructure", "Hosting, networks and platforms.", [Dimension.CLOUD]),
    (
        "Analytics",
        "Statistics, dashboards and business intelligence.",
        [Dimension.DATA, Dimension.STRATEGY],
    ),
    (
        "User support",
        "Help desks, chatbots and user guidance.",
        [Dimension.ONLINE_SERVICES, Dimension.SKILLS],
    ),
]

STANDARDS = [
    ("ST.3", "Two-letter codes for states, other entities and intergovernmental organisations"),
    ("ST.26", "Nucleotide and amino acid sequence listings in XML"),
    ("ST.27", "Exchange of patent legal status data"),
    ("ST.36", "Processing of patent information using XML"),
    ("ST.37", "Authority file of published patent documents"),
    ("ST.66", "Processing of trademark information using XML"),
    ("ST.86", "Processing of industrial design information using XML"),
    ("ST.90", "Processing and communicating IP data using web APIs"),
    ("ST.91", "Digital three-dimensional models and images"),
    ("ST.96", "Processing of IP information using XML"),
    ("ST.97", "Processing of IP information using JSON"),
]


@dataclass(frozen=True)
class EntryData:
    title: str
    providers: tuple[str, ...]  # ST.3 codes
    category: str
    summary: str
    kind: str = EntryKind.SOLUTION
    lifecycle: str = Lifecycle.PRODUCTION
    licence: str = Licence.FREE_FROM_PROVIDER
    spdx: str = ""
    standards: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("en",)
    tags: tuple[str, ...] = ()


ENTRIES = [
    EntryData(
        "IPAS",
        ("WO",),
        "Formalities and examination support",
        "WIPO's IP administration system: office workflows for patents, trademarks and "
        "designs, from filing to grant and renewal, used by offices in many countries.",
        standards=("ST.36", "ST.66", "ST.86", "ST.96"),
        languages=("en", "fr", "es", "ru", "ar", "pt"),
        tags=("Java", "workflow"),
    ),
    EntryData(
        "WIPO File",
        ("WO",),
        "E-filing",
        "Online filing for national and regional offices, integrated with IPAS.",
        kind=EntryKind.SERVICE,
        standards=("ST.36", "ST.66", "ST.96"),
        languages=("en", "fr", "es"),
        tags=("web", "forms"),
    ),
    EntryData(
        "WIPO Publish",
        ("WO",),
        "Publication",
        "Publishes an office's IP data and gazettes online, fed from IPAS.",
        standards=("ST.96",),
        languages=("en", "fr", "es", "ru"),
        tags=("web",),
    ),
    EntryData(
        "WIPO Sequence",
        ("WO",),
        "Formalities and examination support",
        "Desktop tool to author and validate sequence listings in WIPO ST.26.",
        standards=("ST.26",),
        languages=("en", "fr", "es", "ru", "zh", "ar", "ja", "ko", "de", "pt"),
        tags=("desktop", "validation"),
    ),
    EntryData(
        "WIPO Translate",
        ("WO",),
        "Machine translation",
        "Neural machine translation specialised for patent texts, offered to offices.",
        kind=EntryKind.SERVICE,
        languages=("en", "fr", "es", "ru", "zh", "ar", "ja", "ko", "de", "pt"),
        tags=("neural machine translation", "AI"),
    ),
    EntryData(
        "WIPO image search for marks",
        ("WO",),
        "Prior-art and image search",
        "Finds figurative marks that look alike, across national and international collections.",
        kind=EntryKind.SERVICE,
        languages=("en", "fr", "es"),
        tags=("image search", "AI"),
    ),
    EntryData(
        "IPC classification assistant",
        ("WO",),
        "Classification",
        "Suggests International Patent Classification symbols for a patent text.",
        kind=EntryKind.SERVICE,
        languages=("en", "fr", "de", "es", "ru", "zh"),
        tags=("AI", "IPC"),
    ),
    EntryData(
        "Digital Access Service for priority documents",
        ("WO",),
        "Data exchange and APIs",
        "Offices exchange certified priority documents electronically.",
        kind=EntryKind.SERVICE,
        standards=("ST.36", "ST.96"),
        tags=("exchange",),
    ),
    EntryData(
        "Centralized access to search and examination results",
        ("WO",),
        "Data exchange and APIs",
        "Examiners see the search and examination reports of other offices.",
        kind=EntryKind.SERVICE,
        standards=("ST.36", "ST.96"),
        tags=("work sharing",),
    ),
    EntryData(
        "Open patent data API",
        ("EP",),
        "Data exchange and APIs",
        "A web API to bibliographic, legal status and full-text patent data.",
        kind=EntryKind.SERVICE,
        standards=("ST.36", "ST.27", "ST.90"),
        languages=("en", "fr", "de"),
        tags=("REST", "API"),
    ),
    EntryData(
        "Patent machine translation for Portuguese",
        ("BR",),
        "Machine translation",
        "A pilot translating Portuguese patent documents to and from English, trained on "
        "the office's own bilingual corpus.",
        lifecycle=Lifecycle.PILOT,
        licence=Licence.OPEN_SOURCE,
        spdx="Apache-2.0",
        languages=("pt", "en"),
        tags=("AI", "neural machine translation", "Python"),
    ),
    EntryData(
        "Figurative trademark search",
        ("KR",),
        "Prior-art and image search",
        "Image similarity search for figurative marks, with Vienna classification hints.",
        languages=("ko", "en"),
        tags=("AI", "image search", "Vienna"),
    ),
    EntryData(
        "AI-assisted patent pre-classification",
        ("JP",),
        "Classification",
        "Routes incoming applications to examination units from a suggested classification.",
        lifecycle=Lifecycle.PILOT,
        languages=("ja",),
        tags=("AI", "IPC", "FI/F-term"),
    ),
    EntryData(
        "Regional e-filing portal",
        ("OA",),
        "E-filing",
        "Online filing for applicants from the organisation's member states, with "
        "payment by mobile money.",
        kind=EntryKind.SERVICE,
        standards=("ST.36", "ST.66"),
        languages=("fr", "en"),
        tags=("web", "payments"),
    ),
    EntryData(
        "Trademark register open data",
        ("EM",),
        "Data exchange and APIs",
        "Bulk and API access to trademark and design register data.",
        kind=EntryKind.SERVICE,
        standards=("ST.66", "ST.86", "ST.96", "ST.90"),
        languages=("en", "fr", "de", "es", "it"),
        tags=("open data", "API"),
    ),
    EntryData(
        "Online services security baseline",
        ("GB",),
        "Cyber security",
        "A set of controls, threat models and incident playbooks for an office's online services.",
        licence=Licence.OPEN_SOURCE,
        spdx="OGL-UK-3.0",
        tags=("zero trust", "incident response"),
    ),
    EntryData(
        "Hybrid cloud landing zone",
        ("SG",),
        "Cloud and infrastructure",
        "Templates for running office systems on a government cloud with cost "
        "controls and zero-trust networking.",
        licence=Licence.OPEN_SOURCE,
        spdx="MIT",
        tags=("Terraform", "Kubernetes", "cloud"),
    ),
    EntryData(
        "Office statistics dashboards",
        ("CL",),
        "Analytics",
        "Dashboards of filings, pendency and workload built on IPAS data.",
        licence=Licence.OPEN_SOURCE,
        spdx="GPL-3.0-only",
        languages=("es", "en"),
        tags=("business intelligence", "IPAS"),
    ),
    EntryData(
        "Applicant help chatbot",
        ("MA",),
        "User support",
        "Answers applicants' common questions on filing and fees in Arabic and French.",
        kind=EntryKind.SERVICE,
        lifecycle=Lifecycle.PILOT,
        languages=("ar", "fr"),
        tags=("AI", "chatbot"),
    ),
    EntryData(
        "File wrapper digitisation toolkit",
        ("UZ",),
        "Document management",
        "Scanning workflow and quality checks to digitise paper files into IPAS.",
        lifecycle=Lifecycle.PILOT,
        languages=("uz", "ru", "en"),
        tags=("OCR", "digitisation"),
    ),
]


def load_taxonomies(run: DemoRun) -> None:
    categories = run.step("Catalogue categories")
    for name, description, dimensions in CATEGORIES:
        categories.add(
            ensure(
                Category,
                {"slug": slugify(name)},
                name=name,
                description=description,
                maturity_dimensions=[dimension.value for dimension in dimensions],
            )[1]
        )
    run.done(categories)
    standards = run.step("WIPO standards")
    for code, title in STANDARDS:
        standards.add(ensure(WipoStandard, {"code": code}, title=title)[1])
    run.done(standards)


def load_entries(run: DemoRun, sections: SiteSections, offices: dict[str, OfficePage]) -> None:
    tally = run.step("Catalogue entries")
    categories = {category.name: category for category in Category.objects.all()}
    standards = {standard.code: standard for standard in WipoStandard.objects.all()}
    languages = {language.code: language for language in Language.objects.all()}
    for data in ENTRIES:
        _, created = ensure_page(
            sections.catalogue,
            CatalogueEntryPage,
            slug=slugify(data.title),
            title=data.title,
            kind=data.kind,
            summary=data.summary,
            description=[paragraph(f"<p>{data.summary}</p>")],
            category=categories[data.category],
            lifecycle=data.lifecycle,
            licence=data.licence,
            spdx_identifier=data.spdx,
            relations={
                "provider_offices": [offices[code] for code in data.providers],
                "standards": [standards[code] for code in data.standards],
                "languages": [languages[code] for code in data.languages],
                "tags": list(data.tags),
            },
        )
        tally.add(created)
    run.done(tally)


# Who uses what: (entry title, office code, status, since, version, willing to be a reference)
ADOPTIONS = [
    ("IPAS", "UZ", AdoptionStatus.IN_USE, "2019-06-01", "4.2", True),
    ("IPAS", "GH", AdoptionStatus.IN_USE, "2016-01-15", "4.1", True),
    ("IPAS", "CL", AdoptionStatus.IN_USE, "2018-03-01", "4.2", False),
    ("IPAS", "OA", AdoptionStatus.IN_USE, "2017-09-01", "4.0", True),
    ("WIPO File", "GH", AdoptionStatus.IN_USE, "2020-05-01", "", True),
    ("WIPO File", "UZ", AdoptionStatus.EVALUATING, None, "", False),
    ("WIPO Publish", "OA", AdoptionStatus.IN_USE, "2019-01-01", "", False),
    ("WIPO Sequence", "BR", AdoptionStatus.IN_USE, "2022-07-01", "2.3", False),
    ("WIPO Sequence", "JP", AdoptionStatus.IN_USE, "2022-07-01", "2.3", False),
    ("WIPO Translate", "MA", AdoptionStatus.IN_USE, "2021-02-01", "", True),
    ("Open patent data API", "HR", AdoptionStatus.IN_USE, "2020-10-01", "3.2", True),
    ("Hybrid cloud landing zone", "IN", AdoptionStatus.EVALUATING, None, "", False),
    ("Online services security baseline", "MA", AdoptionStatus.IN_USE, "2024-04-01", "", True),
    ("Office statistics dashboards", "UZ", AdoptionStatus.IN_USE, "2023-11-01", "1.0", True),
]


def load_adoptions(run: DemoRun, offices: dict[str, OfficePage], users: dict[str, User]) -> None:
    tally = run.step("Adoptions")
    entries = {entry.title: entry for entry in CatalogueEntryPage.objects.all()}
    for title, code, status, since, version, reference in ADOPTIONS:
        _, created = ensure(
            Adoption,
            {"entry": entries[title], "office": offices[code]},
            status=status,
            since=since,
            version=version,
            willing_to_be_reference=reference,
        )
        tally.add(created)
    run.done(tally)
