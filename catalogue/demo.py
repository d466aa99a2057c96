"""Demo catalogue: the taxonomies and entries that offices provide for others to reuse.

WIPO's business solutions are described from their public descriptions; the entries
attributed to other offices are illustrative examples of the kind of tools the offices
presented at the High-Level Dialogue, not statements about those offices' systems.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from catalogue.models import (
    Adoption,
    AdoptionStatus,
    AiRunsWhere,
    AiTask,
    BusinessProcess,
    CatalogueEntryPage,
    Category,
    DeploymentModel,
    EntryKind,
    EntryRelease,
    Freshness,
    FreshnessState,
    IntegrationEffort,
    Interest,
    Licence,
    Lifecycle,
    Question,
    SharingTerms,
    WipoStandard,
)
from network.maturity import Dimension
from network.models import IPRight, Member, OfficePage, User
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
    processes: tuple[str, ...] = ()
    rights: tuple[str, ...] = (IPRight.PATENTS, IPRight.TRADEMARKS, IPRight.DESIGNS)
    deployment: tuple[str, ...] = ("on-premises",)
    sharing: str = ""
    cost: str = ""
    hosting: str = ""
    database: str = ""
    skills: str = ""
    effort: str = IntegrationEffort.MEDIUM
    works_with: str = ""
    ai: dict | None = None
    releases: tuple[tuple[str, str, str], ...] = ()
    contact: str = ""


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
    EntryData(
        "WIPO Publish for designs",
        ("WO",),
        "Publication",
        "The design module of WIPO Publish: bulletins of registered industrial designs with "
        "Locarno classes and images.",
        standards=("ST.86", "ST.96"),
        languages=("en", "fr", "es"),
        tags=("web", "designs"),
        rights=(IPRight.DESIGNS,),
        deployment=("on-premises", "cloud"),
    ),
    EntryData(
        "IPAS Java edition migration kit",
        ("WO",),
        "Document management",
        "Scripts and guides to migrate an office's data from earlier IPAS versions, with "
        "checks of record counts and images.",
        tags=("migration", "IPAS", "Java"),
        lifecycle=Lifecycle.PRODUCTION,
        effort=IntegrationEffort.HIGH,
        works_with="IPAS 3 and 4",
    ),
    EntryData(
        "Nice classification assistant",
        ("WO",),
        "Classification",
        "Suggests Nice classes and acceptable terms for a list of goods and services.",
        kind=EntryKind.SERVICE,
        languages=("en", "fr", "es"),
        tags=("AI", "Nice", "trademarks"),
        rights=(IPRight.TRADEMARKS,),
        deployment=("saas",),
        ai={
            "ai_task": AiTask.NICE,
            "ai_accuracy": "91% of suggested classes accepted by examiners",
            "ai_evaluation_data": "12,000 applications filed at three offices in 2024",
            "ai_runs_where": AiRunsWhere.CLOUD,
            "ai_data_location": "WIPO's data centre in Geneva",
        },
    ),
    EntryData(
        "Vienna classification for figurative marks",
        ("EM",),
        "Classification",
        "Proposes Vienna codes for the figurative elements of a mark from its image.",
        kind=EntryKind.SERVICE,
        lifecycle=Lifecycle.PILOT,
        languages=("en", "fr", "de", "es", "it"),
        tags=("AI", "Vienna", "image search"),
        rights=(IPRight.TRADEMARKS,),
        deployment=("saas",),
        ai={
            "ai_task": AiTask.VIENNA,
            "ai_accuracy": "78% top-3 at section level",
            "ai_evaluation_data": "40,000 marks from the office's register",
            "ai_runs_where": AiRunsWhere.CLOUD,
            "ai_data_location": "The office's cloud tenancy in the EU",
        },
    ),
    EntryData(
        "Locarno class checker",
        ("CH",),
        "Classification",
        "Checks the Locarno class and product indication of a design application.",
        lifecycle=Lifecycle.IDEA,
        licence=Licence.OPEN_SOURCE,
        spdx="EUPL-1.2",
        languages=("de", "fr", "it", "en"),
        tags=("AI", "Locarno", "Python"),
        rights=(IPRight.DESIGNS,),
        ai={
            "ai_task": AiTask.LOCARNO,
            "ai_accuracy": "Not yet measured",
            "ai_runs_where": AiRunsWhere.ON_PREMISES,
            "ai_data_location": "Stays at the office",
        },
    ),
    EntryData(
        "Patent translation English–Russian",
        ("EA",),
        "Machine translation",
        "Neural translation of patent claims and descriptions between Russian and English "
        "for the organisation's examiners.",
        kind=EntryKind.SERVICE,
        languages=("ru", "en"),
        tags=("AI", "neural machine translation"),
        rights=(IPRight.PATENTS,),
        deployment=("on-premises",),
        ai={
            "ai_task": AiTask.TRANSLATION,
            "ai_language_pairs": "ru-en, en-ru",
            "ai_accuracy": "BLEU 47 on claims",
            "ai_evaluation_data": "2,000 held-out claim sets",
            "ai_runs_where": AiRunsWhere.ON_PREMISES,
            "ai_data_location": "The organisation's data centre",
        },
    ),
    EntryData(
        "Arabic–English trademark translation",
        ("SA",),
        "Machine translation",
        "Translates lists of goods and services between Arabic and English with a "
        "glossary of Nice terms.",
        kind=EntryKind.SERVICE,
        lifecycle=Lifecycle.PILOT,
        languages=("ar", "en"),
        tags=("AI", "neural machine translation", "Nice"),
        rights=(IPRight.TRADEMARKS,),
        deployment=("cloud",),
        ai={
            "ai_task": AiTask.TRANSLATION,
            "ai_language_pairs": "ar-en, en-ar",
            "ai_accuracy": "85% of terms accepted without edits",
            "ai_evaluation_data": "5,000 specifications from 2023",
            "ai_runs_where": AiRunsWhere.CLOUD,
            "ai_data_location": "A government cloud in the country",
        },
    ),
    EntryData(
        "Semantic prior-art search",
        ("IN",),
        "Prior-art and image search",
        "Finds patent documents by meaning rather than keywords, for examiners and the public.",
        kind=EntryKind.SERVICE,
        languages=("en", "hi"),
        tags=("AI", "semantic search", "Python"),
        rights=(IPRight.PATENTS,),
        deployment=("cloud", "hybrid"),
        ai={
            "ai_task": AiTask.TEXT_SEARCH,
            "ai_accuracy": "Recall@100 of 0.72 against examiners' citations",
            "ai_evaluation_data": "3,000 examined applications",
            "ai_runs_where": AiRunsWhere.HYBRID,
            "ai_data_location": "Indexes in the cloud; applications stay on premises",
        },
    ),
    EntryData(
        "Design image search",
        ("JP",),
        "Prior-art and image search",
        "Finds registered designs that look like an uploaded image or 3D model.",
        kind=EntryKind.SERVICE,
        lifecycle=Lifecycle.PILOT,
        standards=("ST.91",),
        languages=("ja", "en"),
        tags=("AI", "image search", "3D"),
        rights=(IPRight.DESIGNS,),
        deployment=("saas",),
        ai={
            "ai_task": AiTask.IMAGE_SEARCH,
            "ai_accuracy": "Top-20 hit rate 0.81",
            "ai_evaluation_data": "Designs cited in 1,500 examinations",
            "ai_runs_where": AiRunsWhere.CLOUD,
            "ai_data_location": "A cloud region in the country",
        },
    ),
    EntryData(
        "ST.96 converter",
        ("KR",),
        "Data exchange and APIs",
        "Converts legacy SGML and ST.36 patent data to ST.96 XML, with a validation report.",
        licence=Licence.OPEN_SOURCE,
        spdx="Apache-2.0",
        standards=("ST.36", "ST.96"),
        languages=("en", "ko"),
        tags=("XML", "Java", "validation"),
        rights=(IPRight.PATENTS,),
        deployment=("on-premises", "cloud"),
        effort=IntegrationEffort.LOW,
    ),
    EntryData(
        "ST.26 sequence listing validator service",
        ("EP",),
        "Formalities and examination support",
        "Validates ST.26 sequence listings at filing and returns readable error reports.",
        kind=EntryKind.SERVICE,
        standards=("ST.26",),
        languages=("en", "fr", "de"),
        tags=("validation", "XML", "API"),
        rights=(IPRight.PATENTS,),
        deployment=("saas",),
    ),
    EntryData(
        "Legal status data feed",
        ("EP",),
        "Data exchange and APIs",
        "Daily feed of patent legal status events coded in ST.27 for offices and data users.",
        kind=EntryKind.SERVICE,
        standards=("ST.27", "ST.36", "ST.96"),
        languages=("en",),
        tags=("open data", "legal status"),
        rights=(IPRight.PATENTS,),
        deployment=("saas",),
    ),
    EntryData(
        "Mobile e-filing app for trademarks",
        ("GH",),
        "E-filing",
        "A phone app for small businesses to search and file trademark applications and pay "
        "by mobile money.",
        kind=EntryKind.SERVICE,
        lifecycle=Lifecycle.PILOT,
        licence=Licence.OPEN_SOURCE,
        spdx="MIT",
        standards=("ST.66",),
        languages=("en",),
        tags=("mobile", "payments", "Flutter"),
        rights=(IPRight.TRADEMARKS,),
        deployment=("cloud",),
    ),
    EntryData(
        "E-filing portal with digital signatures",
        ("UZ",),
        "E-filing",
        "Online filing of patent, trademark and design applications with the national "
        "digital signature and online fee payment.",
        kind=EntryKind.SERVICE,
        standards=("ST.36", "ST.66", "ST.86"),
        languages=("uz", "ru", "en"),
        tags=("web", "digital signature", "payments"),
        deployment=("on-premises",),
    ),
    EntryData(
        "Formalities checklist engine",
        ("BR",),
        "Formalities and examination support",
        "Rules that check an application's formal requirements and draft the office action.",
        licence=Licence.OPEN_SOURCE,
        spdx="GPL-3.0-only",
        languages=("pt", "en"),
        tags=("rules engine", "Java", "workflow"),
        rights=(IPRight.PATENTS, IPRight.UTILITY_MODELS),
        deployment=("on-premises", "hybrid"),
    ),
    EntryData(
        "Examiner workload dashboard",
        ("SG",),
        "Analytics",
        "Shows pendency, backlog and each unit's workload, refreshed every night.",
        licence=Licence.OPEN_SOURCE,
        spdx="MIT",
        languages=("en",),
        tags=("business intelligence", "Python"),
        deployment=("cloud",),
    ),
    EntryData(
        "Security operations playbooks for IP offices",
        ("EP",),
        "Cyber security",
        "Incident response playbooks, drills and post-incident review templates adapted "
        "to IP office systems.",
        licence=Licence.FREE_FROM_PROVIDER,
        languages=("en", "fr", "de"),
        tags=("incident response", "training"),
        deployment=("on-premises", "cloud", "hybrid"),
        effort=IntegrationEffort.LOW,
    ),
    EntryData(
        "Phishing awareness course",
        ("HR",),
        "Cyber security",
        "An e-learning course and simulated phishing campaign for office staff.",
        kind=EntryKind.SERVICE,
        languages=("hr", "en"),
        tags=("training", "awareness"),
        deployment=("saas",),
        effort=IntegrationEffort.LOW,
    ),
    EntryData(
        "Container platform for office systems",
        ("GB",),
        "Cloud and infrastructure",
        "A hardened Kubernetes platform with zero-trust networking and cost reports, used "
        "to run the office's online services.",
        licence=Licence.OPEN_SOURCE,
        spdx="OGL-UK-3.0",
        tags=("Kubernetes", "zero trust", "cloud"),
        deployment=("cloud", "hybrid"),
        effort=IntegrationEffort.HIGH,
    ),
    EntryData(
        "Trademark opposition case tracker",
        ("CL",),
        "Formalities and examination support",
        "Tracks oppositions and appeals with deadlines and notifications to parties.",
        lifecycle=Lifecycle.RETIRED,
        languages=("es",),
        tags=("workflow", "deadlines"),
        rights=(IPRight.TRADEMARKS,),
    ),
    EntryData(
        "Renewal reminders service",
        ("MA",),
        "User support",
        "E-mails and text messages reminding right holders of renewal deadlines, with a "
        "link to pay online.",
        kind=EntryKind.SERVICE,
        languages=("ar", "fr"),
        tags=("notifications", "payments"),
        rights=(IPRight.TRADEMARKS, IPRight.PATENTS),
        deployment=("saas",),
    ),
    EntryData(
        "Register open data portal",
        ("NO",),
        "Publication",
        "Publishes the patent, trademark and design registers as open data with a search "
        "page and bulk downloads.",
        licence=Licence.OPEN_SOURCE,
        spdx="MIT",
        standards=("ST.96", "ST.97"),
        languages=("no", "en"),
        tags=("open data", "API"),
        deployment=("cloud",),
    ),
]


AI_CATEGORIES = {"Classification", "Machine translation", "Prior-art and image search"}


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
                ai_related=name in AI_CATEGORIES,
            )[1]
        )
    run.done(categories)
    standards = run.step("WIPO standards")
    for code, title in STANDARDS:
        standards.add(ensure(WipoStandard, {"code": code}, title=title)[1])
    run.done(standards)


CATEGORY_PROCESSES = {
    "E-filing": (BusinessProcess.FILING, BusinessProcess.USER_SERVICES),
    "Formalities and examination support": (
        BusinessProcess.FORMALITIES,
        BusinessProcess.EXAMINATION,
        BusinessProcess.REGISTRATION,
    ),
    "Classification": (BusinessProcess.CLASSIFICATION,),
    "Machine translation": (BusinessProcess.EXAMINATION, BusinessProcess.SEARCH),
    "Prior-art and image search": (BusinessProcess.SEARCH, BusinessProcess.EXAMINATION),
    "Document management": (BusinessProcess.DIGITISATION,),
    "Publication": (BusinessProcess.PUBLICATION,),
    "Data exchange and APIs": (BusinessProcess.PUBLICATION, BusinessProcess.POST_GRANT),
    "Cyber security": (),
    "Cloud and infrastructure": (),
    "Analytics": (BusinessProcess.EXAMINATION, BusinessProcess.REGISTRATION),
    "User support": (BusinessProcess.USER_SERVICES, BusinessProcess.POST_GRANT),
}
AI_TASK_BY_CATEGORY = {
    "Classification": AiTask.IPC,
    "Machine translation": AiTask.TRANSLATION,
    "Prior-art and image search": AiTask.IMAGE_SEARCH,
}


def _sharing(data: EntryData) -> str:
    if data.sharing:
        return data.sharing
    if "WO" in data.providers:
        return SharingTerms.WIPO
    if data.licence == Licence.OPEN_SOURCE:
        return SharingTerms.OPEN_SOURCE
    return SharingTerms.MOU if data.kind == EntryKind.SERVICE else SharingTerms.BILATERAL


def _reuse_kit(data: EntryData) -> dict:
    saas = data.deployment == ("saas",)
    return {
        "cost_model": data.cost
        or (
            "Free of charge to member offices; the provider covers hosting."
            if saas
            else "Free to reuse; the adopting office pays for its own hosting and support."
        ),
        "reuse_hosting": data.hosting
        or ("None: the provider runs it." if saas else "Two Linux servers or a small cluster."),
        "reuse_database_and_licences": data.database
        or ("None." if saas else "PostgreSQL; no paid licences."),
        "reuse_skills": data.skills
        or (
            "A business owner to configure it."
            if saas
            else "A system administrator and a developer."
        ),
        "integration_effort": data.effort,
        "works_with": data.works_with or ("IPAS" if "IPAS" not in data.title else ""),
    }


def _ai_profile(data: EntryData, category: str) -> dict:
    if category not in AI_CATEGORIES:
        return {}
    profile = {
        "ai_task": AI_TASK_BY_CATEGORY[category],
        "ai_accuracy": "Reported by the provider on request",
        "ai_runs_where": AiRunsWhere.CLOUD
        if "saas" in data.deployment
        else AiRunsWhere.ON_PREMISES,
        "ai_data_location": "With the provider"
        if data.kind == EntryKind.SERVICE
        else "At the office",
    }
    profile.update(data.ai or {})
    return profile


def _contact(data: EntryData, offices: dict[str, OfficePage]) -> Member | None:
    office = offices.get(data.providers[0])
    return (
        Member.objects.filter(office=office, role__in=["cio", "cto"]).order_by("pk").first()
        if office
        else None
    )


# Entries whose owners have not confirmed them for a while (the rest were just confirmed).
NOT_CONFIRMED_FOR_MONTHS = {
    "Trademark opposition case tracker": 14,
    "Online services security baseline": 11,
}


def load_entries(run: DemoRun, sections: SiteSections, offices: dict[str, OfficePage]) -> None:
    from catalogue.services import catalogue_access_sync

    # The review workflow and office representatives' access, on an older database too.
    catalogue_access_sync()
    tally = run.step("Catalogue entries")
    categories = {category.name: category for category in Category.objects.all()}
    standards = {standard.code: standard for standard in WipoStandard.objects.all()}
    languages = {language.code: language for language in Language.objects.all()}
    deployments = {model.slug: model for model in DeploymentModel.objects.all()}
    for number, data in enumerate(ENTRIES):
        entry, created = ensure_page(
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
            business_processes=list(data.processes or CATEGORY_PROCESSES[data.category]),
            ip_rights=list(data.rights),
            sharing_terms=_sharing(data),
            contact_member=_contact(data, offices),
            **_reuse_kit(data),
            **_ai_profile(data, data.category),
            relations={
                "provider_offices": [offices[code] for code in data.providers],
                "standards": [standards[code] for code in data.standards],
                "languages": [languages[code] for code in data.languages],
                "deployment_models": [deployments[slug] for slug in data.deployment],
                "tags": list(data.tags),
            },
        )
        if created and data.title in NOT_CONFIRMED_FOR_MONTHS:
            months = NOT_CONFIRMED_FOR_MONTHS[data.title]
            Freshness.objects.filter(entry=entry).update(
                last_confirmed_at=timezone.now() - datetime.timedelta(days=months * 30),
                state=FreshnessState.OUTDATED if months >= 13 else FreshnessState.CURRENT,
            )
        if created:
            # Releases are child rows; added after the first revision, then published.
            year = 2020 + number % 5
            EntryRelease.objects.create(
                page=entry,
                version=f"{1 + number % 4}.0",
                released_on=datetime.date(year, 1 + number % 12, 1),
                notes="First release shared with the network.",
                sort_order=0,
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
    ("Nice classification assistant", "UZ", AdoptionStatus.IN_USE, "2024-09-01", "", True),
    ("Nice classification assistant", "MA", AdoptionStatus.EVALUATING, None, "", False),
    ("ST.96 converter", "BR", AdoptionStatus.IN_USE, "2023-02-01", "2.0", True),
    ("ST.96 converter", "CL", AdoptionStatus.IN_USE, "2024-05-01", "2.0", False),
    ("Container platform for office systems", "SG", AdoptionStatus.EVALUATING, None, "", False),
    ("Legal status data feed", "KR", AdoptionStatus.IN_USE, "2021-01-01", "", True),
    ("Semantic prior-art search", "GH", AdoptionStatus.EVALUATING, None, "", False),
    ("Trademark opposition case tracker", "OA", AdoptionStatus.STOPPED, "2018-01-01", "1.2", False),
    ("Phishing awareness course", "UZ", AdoptionStatus.IN_USE, "2025-01-15", "", True),
]

# Members interested in reusing an entry their office does not use yet.
INTERESTS = [
    ("Semantic prior-art search", "k.mensah@example.org"),
    ("Figurative trademark search", "y.elamrani@example.org"),
    ("Mobile e-filing app for trademarks", "a.diallo@example.org"),
]

QUESTION = (
    "Figurative trademark search",
    "a.diallo@example.org",
    "Does the image search work with the Vienna codes our examiners already assign, and "
    "could it run on our own servers rather than as a service?",
    "mj.kim@example.org",
    "Yes to both: it reads Vienna codes from ST.66 records to narrow the search, and we "
    "can share an on-premises package with a trained model. A server with one GPU is "
    "enough for a register of your size.",
)


def load_adoptions(run: DemoRun, offices: dict[str, OfficePage], users: dict[str, User]) -> None:
    tally = run.step("Adoptions, interest and questions")
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
    for title, email in INTERESTS:
        user = users.get(email)
        if user is not None and title in entries:
            tally.add(
                ensure(
                    Interest,
                    {"entry": entries[title], "user": user},
                    office=getattr(getattr(user, "member", None), "office", None),
                )[1]
            )
    title, asker, body, answerer, answer = QUESTION
    if title in entries and asker in users and answerer in users:
        asked_at = timezone.now() - datetime.timedelta(days=20)
        tally.add(
            ensure(
                Question,
                {"entry": entries[title], "asked_by": users[asker], "body": body},
                created_at=asked_at,
                answer=answer,
                answered_by=users[answerer],
                answered_at=asked_at + datetime.timedelta(days=2),
            )[1]
        )
    run.done(tally)
