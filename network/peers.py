"""Peer comparison: the medians an office is compared with, and who sees which numbers.

An office's exact scores are its own (network.permissions.can_see_office_scores); every
other member sees the median of the network, of the office's region and of offices of its
kind, per dimension. Each median is computed from the latest submitted assessment of every
published office, and only from MINIMUM_OFFICES_FOR_AGGREGATES of them on: below that, one
office's answers could be read off it, and the page says so instead of showing a number.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network.maturity import MINIMUM_OFFICES_FOR_AGGREGATES, Dimension
from network.models import Assessment, AssessmentAnswer, AssessmentStatus, OfficeKind, OfficePage

KIND_MEDIAN_LABELS = {
    OfficeKind.NATIONAL: gettext_lazy("Median of national offices"),
    OfficeKind.REGIONAL: gettext_lazy("Median of regional organisations"),
    OfficeKind.INTERNATIONAL: gettext_lazy("Median of international organisations"),
}


@dataclass(frozen=True)
class PeerGroup:
    key: str  # "network", "region" or "kind"
    label: str
    offices: int  # offices whose latest submitted assessment counts
    medians: dict[str, float] | None  # None below MINIMUM_OFFICES_FOR_AGGREGATES

    @property
    def shown(self) -> bool:
        return self.medians is not None


@dataclass(frozen=True)
class PeerRow:
    label: str
    score: int | None  # None when the reader may not see the office's scores
    medians: list[float | None]  # one per shown group, in PeerComparison.shown's order


@dataclass(frozen=True)
class LatestAssessment:
    """What the office page shows of the office's latest submitted assessment."""

    year: int
    shared_with_members: bool
    scores: dict[str, int | None]


@dataclass(frozen=True)
class PeerComparison:
    groups: list[PeerGroup]
    # The office's own latest submitted assessment, read in the same query; None if none.
    latest: LatestAssessment | None = None

    @property
    def network(self) -> PeerGroup:
        return self.groups[0]

    @property
    def shown(self) -> list[PeerGroup]:
        return [group for group in self.groups if group.shown]

    @property
    def withheld(self) -> list[PeerGroup]:
        return [group for group in self.groups if not group.shown]

    def rows(self, scores: dict[str, int | None] | None = None) -> list[PeerRow]:
        """One row per dimension: the office's score (only when ``scores`` are given, to a
        reader who may see them) and the shown medians."""
        return [
            PeerRow(
                label=str(dimension.label),
                score=(scores or {}).get(dimension.value),
                medians=[group.medians.get(dimension.value) for group in self.shown],
            )
            for dimension in Dimension
        ]


def latest_submitted_ids():
    """The id of each published office's latest submitted assessment, as a subquery (in
    plain SQL: `make run` uses SQLite, which has no DISTINCT ON)."""
    submitted = Assessment.objects.filter(status=AssessmentStatus.SUBMITTED)
    latest = submitted.filter(office=OuterRef("office")).order_by("-year").values("id")[:1]
    return submitted.filter(office__live=True, id=Subquery(latest)).values("id")


def _group(key: str, label: str, answers: list[tuple[int, str, int]]) -> PeerGroup:
    offices = {office_id for office_id, _dimension, _score in answers}
    if len(offices) < MINIMUM_OFFICES_FOR_AGGREGATES:
        return PeerGroup(key, label, len(offices), None)
    scores = defaultdict(list)
    for _office_id, dimension, score in answers:
        scores[dimension].append(score)
    medians = {
        dimension.value: statistics.median(scores[dimension.value])
        for dimension in Dimension
        if scores[dimension.value]
    }
    return PeerGroup(key, label, len(offices), medians)


def peer_comparison(office: OfficePage) -> PeerComparison:
    """The network's, the region's and the kind's medians for ``office`` (the page read, a
    translation included), with its own latest submitted assessment, in one query."""
    own_id = office.original.pk
    network, region, kind = [], [], []
    own: dict[str, int] = {}
    latest = None
    for office_id, region_id, office_kind, year, shared, dimension, score in (
        AssessmentAnswer.objects.filter(assessment__in=latest_submitted_ids(), score__isnull=False)
        .values_list(
            "assessment__office_id",
            "assessment__office__region_id",
            "assessment__office__kind",
            "assessment__year",
            "assessment__shared_with_members",
            "dimension",
            "score",
        )
        .order_by()
    ):
        answer = (office_id, dimension, score)
        network.append(answer)
        if region_id == office.region_id:
            region.append(answer)
        if office_kind == office.kind:
            kind.append(answer)
        if office_id == own_id:
            own[dimension] = score
            latest = (year, shared)
    region_label = _("Median of offices in %(region)s") % {"region": office.region}
    kind_label = str(KIND_MEDIAN_LABELS.get(office.kind, _("Median of offices of its kind")))
    groups = [
        _group("network", _("Network median"), network),
        _group("region", region_label, region),
        _group("kind", kind_label, kind),
    ]
    if latest is None:
        return PeerComparison(groups)
    scores = {dimension.value: own.get(dimension.value) for dimension in Dimension}
    return PeerComparison(groups, LatestAssessment(*latest, scores=scores))
