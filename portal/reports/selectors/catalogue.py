"""Catalogue entries added and adopted in the year, and adoption between regions."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from catalogue.models import COUNTED_ADOPTION_STATUSES, Adoption
from catalogue.selectors import visible_entries
from portal.reports.report import Period, Row, Section
from portal.reports.selectors.network import in_period
from portal.reports.selectors.regions import by_key, originals, region_rows


def entries_added(period: Period):
    """Published, public entries (each once, in their original language) first published
    in the year."""
    return originals(visible_entries()).filter(**in_period("first_published_at", period))


def adoptions_started(period: Period):
    """Offices' use of an entry, as the catalogue counts it (in use or being evaluated),
    whose start date falls in the year."""
    return Adoption.objects.filter(
        status__in=COUNTED_ADOPTION_STATUSES,
        entry__live=True,
        since__gte=period.first_day,
        since__lte=period.last_day,
    )


def catalogue_activity(period: Period) -> Section:
    added = entries_added(period)
    by_provider = by_key(
        added.order_by()
        .values("provider_offices__region")
        .annotate(entries=Count("pk", distinct=True)),
        "provider_offices__region",
        "entries",
    )
    by_adopter = by_key(
        adoptions_started(period).order_by().values("office__region").annotate(n=Count("pk")),
        "office__region",
        "n",
    )
    return Section(
        key="catalogue",
        title=_("Catalogue entries added and adopted"),
        definition=_(
            "Entries added: published entries first published in the year, counted under "
            "the region of each office that provides them. Adoptions: offices that use or "
            "are evaluating an entry and started in the year (the date they recorded), "
            "counted under the adopting office's region."
        ),
        figures=[
            (_("Entries added"), added.count()),
            (_("Adoptions started"), sum(by_adopter.values())),
        ],
        row_header=_("Region"),
        columns=[_("Entries added"), _("Adoptions started")],
        rows=region_rows(period, [by_provider, by_adopter]),
        chart_column=1,
    )


def adoption_between_regions(period: Period) -> Section:
    pairs = (
        Adoption.objects.filter(status__in=COUNTED_ADOPTION_STATUSES, entry__live=True)
        .filter(Q(since__lte=period.last_day) | Q(since__isnull=True))
        .order_by()
        .values("entry__provider_offices__region", "office__region")
        .annotate(adoptions=Count("pk", distinct=True))
    )
    names = {region.pk: str(region) for region in period.regions}
    unknown = _("No office or region")
    rows = sorted(
        (
            Row(
                _("From %(provider)s to %(adopter)s")
                % {
                    "provider": names.get(pair["entry__provider_offices__region"], unknown),
                    "adopter": names.get(pair["office__region"], unknown),
                },
                [pair["adoptions"]],
            )
            for pair in pairs
        ),
        key=lambda row: row.label.casefold(),
    )
    between = sum(
        pair["adoptions"]
        for pair in pairs
        if pair["entry__provider_offices__region"] != pair["office__region"]
    )
    return Section(
        key="adoption-regions",
        title=_("Adoption between regions"),
        definition=_(
            "Offices that use or are evaluating an entry, by the region of the office that "
            "provides it and the region of the office that uses it, as recorded up to the "
            "end of the year (an adoption without a start date counts in every year). An "
            "entry provided by offices of two regions counts once for each."
        ),
        figures=[(_("Adoptions across regions"), between)],
        row_header=_("Provider and user"),
        columns=[_("Adoptions")],
        rows=rows,
        empty_text=_("No office recorded using an entry up to this year."),
    )
