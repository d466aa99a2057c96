"""The fields of entries as rows: the CSV and JSON exports and the comparison table."""

from collections.abc import Iterable, Iterator

from django.conf import settings
from django.utils.translation import gettext as _

EXPORT_HEADER = [
    "id",
    "title",
    "url",
    "kind",
    "category",
    "summary",
    "provider_offices",
    "regions",
    "lifecycle",
    "licence",
    "spdx_identifier",
    "source_code_url",
    "deployment_models",
    "standards",
    "languages",
    "tags",
    "business_processes",
    "ip_rights",
    "sharing_terms",
    "adoption_count",
    "first_published_at",
]


def _names(items, attribute="name") -> str:
    return "; ".join(str(getattr(item, attribute)) for item in items)


def entry_rows(entries: Iterable, request=None) -> Iterator[list]:
    """A header, then one row per entry; the entries carry adoption_count and prefetches."""
    yield EXPORT_HEADER
    for entry in entries:
        offices = list(entry.provider_offices.all())
        yield [
            entry.pk,
            entry.title,
            settings.PORTAL_BASE_URL + (entry.url or ""),
            entry.kind,
            entry.category.name,
            entry.summary,
            _names(offices, "code"),
            "; ".join(sorted({office.region.name for office in offices})),
            entry.lifecycle,
            entry.licence,
            entry.spdx_identifier,
            entry.source_code_url,
            _names(entry.deployment_models.all(), "slug"),
            _names(entry.standards.all(), "code"),
            _names(entry.languages.all(), "code"),
            _names(entry.tags.all()),
            "; ".join(entry.business_processes or []),
            "; ".join(entry.ip_rights or []),
            entry.sharing_terms,
            getattr(entry, "adoption_count", 0),
            entry.first_published_at.isoformat() if entry.first_published_at else "",
        ]


def _provider_names(entry) -> str:
    return ", ".join(office.display_name for office in entry.provider_offices.all())


def entry_summary(entries: list) -> list[tuple[str, list[str]]]:
    """Every field a reader compares, labelled, one value per entry (as text)."""

    def each(function):
        return [str(function(entry) or "—") for entry in entries]

    def release(entry):
        latest = next(iter(entry.releases.all()), None)
        if latest is None:
            return ""
        return (
            f"{latest.version} ({latest.released_on:%Y-%m-%d})"
            if latest.released_on
            else latest.version
        )

    return [
        (_("Kind"), each(lambda e: e.get_kind_display())),
        (_("Category"), each(lambda e: e.category.name)),
        (_("Summary"), each(lambda e: e.summary)),
        (_("Provided by"), each(_provider_names)),
        (_("IP business processes"), each(lambda e: ", ".join(e.business_process_labels()))),
        (_("IP rights"), each(lambda e: ", ".join(e.ip_right_labels()))),
        (_("Lifecycle stage"), each(lambda e: e.get_lifecycle_display())),
        (_("Deployment"), each(lambda e: ", ".join(d.name for d in e.deployment_models.all()))),
        (
            _("Licence"),
            each(
                lambda e: (
                    e.get_licence_display()
                    + (f" ({e.spdx_identifier})" if e.spdx_identifier else "")
                )
            ),
        ),
        (
            _("Sharing terms"),
            each(lambda e: e.get_sharing_terms_display() if e.sharing_terms else ""),
        ),
        (_("Cost model"), each(lambda e: e.cost_model)),
        (_("WIPO standards"), each(lambda e: ", ".join(s.code for s in e.standards.all()))),
        (
            _("Interface languages"),
            each(lambda e: ", ".join(lang.name for lang in e.languages.all())),
        ),
        (_("Technology"), each(lambda e: ", ".join(t.name for t in e.tags.all()))),
        (_("Hosting"), each(lambda e: e.reuse_hosting)),
        (_("Database and licences"), each(lambda e: e.reuse_database_and_licences)),
        (_("Skills"), each(lambda e: e.reuse_skills)),
        (
            _("Integration effort"),
            each(lambda e: e.get_integration_effort_display() if e.integration_effort else ""),
        ),
        (_("Works with"), each(lambda e: e.works_with)),
        (_("AI task"), each(lambda e: e.get_ai_task_display() if e.ai_task else "")),
        (_("Reported accuracy"), each(lambda e: e.ai_accuracy)),
        (_("Where the data stays"), each(lambda e: e.ai_data_location)),
        (_("Latest release"), each(release)),
        (_("Offices using it"), each(lambda e: getattr(e, "adoption_count", 0))),
    ]
