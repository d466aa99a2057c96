"""What members look for: text queries logged without the person, for the secretariat.

Every settled text query of site search and of the catalogue is written as one
LoggedQuery row: the query (case-folded), the interface language, the filters applied,
the number of results and the day. No account, session, address or time is kept, and
the rows are read only by the secretariat's report in the admin (search.admin_views).
After a year the rows are folded into monthly counts (QueryMonthCount) and deleted
(``prune_query_log``, daily). A failed write is logged and never breaks the search.
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone, translation

from search.models import LoggedQuery, QueryMonthCount, QuerySource

logger = logging.getLogger(__name__)

QUERY_LOG_LENGTH = 200
FILTERS_LENGTH = 500
KEEP_DAYS = 365
REPORT_ROWS = 100


def normalise_query(query: str) -> str:
    """The query as it is grouped: spaces collapsed, case folded, cut to the column."""
    return " ".join(query.split()).casefold()[:QUERY_LOG_LENGTH]


def filters_text(filters: dict) -> str:
    """The applied filters as sorted "name=value" pairs joined by "&" (lists joined by ",")."""
    pairs = []
    for name in sorted(filters):
        value = filters[name]
        if isinstance(value, list | tuple):
            value = ",".join(sorted(str(item) for item in value))
        if value not in ("", None):
            pairs.append(f"{name}={value}")
    return "&".join(pairs)[:FILTERS_LENGTH]


def query_log_record(*, source: str, query: str, filters: dict, results: int) -> bool:
    """Log one query; False (and a warning) if it could not be written. Empty queries
    are not logged. A failure leaves the request's transaction (if any) usable, and the
    search is answered all the same."""
    text = normalise_query(query)
    if not text:
        return False
    row = LoggedQuery(
        source=source,
        query=text,
        language=(translation.get_language() or "")[:10],
        filters=filters_text(filters),
        results=max(int(results), 0),
        day=timezone.localdate(),
    )
    try:
        if connection.in_atomic_block:
            # Inside a transaction a failed INSERT would abort it: a savepoint keeps it.
            with transaction.atomic():
                row.save(force_insert=True)
        else:
            # A search is answered in autocommit: one INSERT, no BEGIN or COMMIT around it.
            row.save(force_insert=True)
    except (DatabaseError, ValueError) as error:
        logger.warning("A %s query could not be logged: %s", source, error)
        return False
    return True


def query_log_prune(*, today: datetime.date | None = None) -> int:
    """Fold the rows older than a year into their months' counts and delete them; returns
    how many rows were folded. Safe to run again: folded rows are gone."""
    today = today or timezone.localdate()
    old = LoggedQuery.objects.filter(day__lte=today - datetime.timedelta(days=KEEP_DAYS))
    # Rows a year old are never written again (a query is logged on its own day).
    with transaction.atomic():
        groups = (
            old.annotate(month=TruncMonth("day"))
            .values("month", "source", "language", "query")
            .annotate(searches=Count("id"), zero=Count("id", filter=Q(results=0)))
            .order_by()
        )
        folded = 0
        for group in groups:
            count, _ = QueryMonthCount.objects.select_for_update().get_or_create(
                month=group["month"],
                source=group["source"],
                language=group["language"],
                query=group["query"],
            )
            QueryMonthCount.objects.filter(pk=count.pk).update(
                searches=F("searches") + group["searches"],
                zero_result_searches=F("zero_result_searches") + group["zero"],
            )
            folded += group["searches"]
        old.delete()
    return folded


@dataclass
class QueryRow:
    query: str
    language: str
    source: str
    searches: int = 0
    zero_result_searches: int = 0

    @property
    def source_label(self) -> str:
        return QuerySource(self.source).label if self.source in QuerySource.values else self.source

    @property
    def zero_share(self) -> int:
        """The share of these searches that found nothing, in percent."""
        return round(100 * self.zero_result_searches / self.searches) if self.searches else 0


@dataclass
class MonthReport:
    month: datetime.date
    frequent: list[QueryRow]
    zero_results: list[QueryRow]
    searches: int


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def month_report(month: datetime.date, *, limit: int | None = REPORT_ROWS) -> MonthReport:
    """The month's most frequent queries and those that found nothing, from the logged
    rows and, for months more than a year ago, from the monthly counts."""
    month = month.replace(day=1)
    rows: dict[tuple[str, str, str], QueryRow] = {}
    logged = (
        LoggedQuery.objects.filter(day__gte=month, day__lt=next_month(month))
        .values("query", "language", "source")
        .annotate(searches=Count("id"), zero=Count("id", filter=Q(results=0)))
        .order_by()
    )
    counted = QueryMonthCount.objects.filter(month=month).values(
        "query", "language", "source", "searches", zero=F("zero_result_searches")
    )
    for group in [*logged, *counted]:
        key = (group["query"], group["language"], group["source"])
        row = rows.setdefault(key, QueryRow(*key))
        row.searches += group["searches"]
        row.zero_result_searches += group["zero"]
    every = sorted(rows.values(), key=lambda row: (-row.searches, row.query))
    zero = sorted(
        (row for row in every if row.zero_result_searches),
        key=lambda row: (-row.zero_result_searches, row.query),
    )
    return MonthReport(
        month=month,
        frequent=every[:limit],
        zero_results=zero[:limit],
        searches=sum(row.searches for row in every),
    )
