"""How fast the database engine searches 50,000 documents on PostgreSQL.

Loads synthetic entries (mixed languages, audiences and facets) into a throw-away test
database through the same service the site uses, then reports p50 and p95 latency for a
set of queries:
  - "page": the ranked page of 20 results, as Wagtail's backend builds it, and the ratio
    to the same query written by hand as raw SQL on the same index (modelsearch's
    weighted tsvectors and GIN indexes);
  - "search": a whole search_site() call (count, page, five facet counts).
It first measures what Chinese segmentation costs at indexing: the same Chinese entries
stored with and without it (search.segmentation), as a ratio.

    DATABASE_URL=postgres://… .venv/bin/python bench/search.py [--documents 50000]

Bounded: at most --repeat runs per query and --max-seconds per query. Not part of the
test suite.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from modelsearch.backends.database.postgres.weights import get_sql_weights  # noqa: E402

from search import models as search_models  # noqa: E402
from search.backends import QUERY_CONFIGS  # noqa: E402
from search.database import DatabaseEngine, visible_entries  # noqa: E402
from search.entries import EntryData  # noqa: E402
from search.permissions import SearchScope  # noqa: E402
from search.segmentation import tokenizer  # noqa: E402
from search.services import entries_store  # noqa: E402

WORDS = {
    "en": "patent trademark design classification examination translation search cloud "
    "security data exchange standard office filing register application workflow archive "
    "model training accuracy examiner routing backlog migration legacy interoperability",
    "fr": "brevet marque dessin classification examen traduction recherche nuage sécurité "
    "données échange norme office dépôt registre demande flux archive modèle",
    "es": "patente marca diseño clasificación examen traducción búsqueda nube seguridad "
    "datos intercambio norma oficina registro solicitud flujo archivo modelo",
    "ru": "патент товарный знак классификация экспертиза перевод поиск облако безопасность "
    "данные обмен стандарт ведомство заявка реестр архив модель",
    "ar": "براءة علامة تجارية تصميم تصنيف فحص الترجمة بحث سحابة أمن بيانات تبادل معيار "
    "مكتب إيداع سجل طلب أرشيف نموذج",
    "zh": "专利 商标 外观设计 分类 审查 机器翻译 检索 云计算 安全 数据 交换 标准 专利局 "
    "申请 登记 工作流程 档案 模型 质量",
}
# Words of a language written without spaces: a body is a run of them, as sentences are.
UNSPACED = {"zh"}
KINDS = ["catalogue_entry", "news", "workshop", "office", "member", "thread", "post"]
QUERIES = [
    "classification",
    "model training",
    '"data exchange"',
    "traductions",
    "заявки",
    "patentes",
    "ترجمة",
    "翻译",
    "zeppelin",
]
SCOPE = SearchScope(
    readers=frozenset({"network.members", "taskforces.taskforce:1", "taskforces.taskforce:2"})
)


def synthetic_entries(count: int, rng: random.Random) -> list[EntryData]:
    vocab = {code: words.split() for code, words in WORDS.items()}
    now = timezone.now()
    entries = []
    for number in range(count):
        language = rng.choices(list(vocab), weights=[60, 8, 8, 8, 8, 8])[0]
        words = vocab[language]
        separator = "" if language in UNSPACED else " "
        kind = rng.choice(KINDS)
        readers = {
            "member": ["network.members"],
            "thread": [f"taskforces.taskforce:{rng.randint(1, 10)}"],
            "post": [f"taskforces.taskforce:{rng.randint(1, 10)}"],
        }.get(kind, [])
        entries.append(
            EntryData(
                source="bench.document",
                source_pk=str(number),
                kind=kind,
                title=""
                if kind == "post"
                else separator.join(rng.choices(words, k=4)).capitalize(),
                url=f"/bench/{number}/",
                readers=readers,
                body=separator.join(rng.choices(words, k=rng.randint(30, 120))),
                language=language,
                date=now - timezone.timedelta(days=rng.randint(0, 3650)),
            )
        )
    return entries


def raw_sql(query: str) -> tuple[str, list]:
    """The ranked page written by hand on the same index: the bar to compare with."""
    phrase = query.startswith('"')
    text = query.strip('"')
    if phrase:
        tsquery = " || ".join("phraseto_tsquery(%s::regconfig, %s)" for _ in QUERY_CONFIGS)
        params = [value for config in QUERY_CONFIGS for value in (config, text)]
    else:
        per_term = []
        params = []
        for term in text.split():
            per_term.append(
                "(" + " || ".join("to_tsquery(%s::regconfig, %s)" for _ in QUERY_CONFIGS) + ")"
            )
            params += [value for config in QUERY_CONFIGS for value in (config, f"'{term}'")]
        tsquery = " && ".join(per_term)
    weights = get_sql_weights()  # the weights Wagtail derived from the fields' boosts
    sql = f"""
        WITH q AS (SELECT {tsquery} AS query)
        SELECT e.id
        FROM search_searchentry e
        JOIN wagtailsearch_indexentry i
          ON i.content_type_id = %s AND i.object_id = e.id::text
        , q
        WHERE (i.title @@ q.query OR i.body @@ q.query)
          AND (e.audience = 'public'
               OR (e.audience = 'restricted' AND e.id IN (
                   SELECT r.entry_id FROM search_entryreader r WHERE r.key IN (
                       'network.members', 'taskforces.taskforce:1', 'taskforces.taskforce:2'))))
        ORDER BY ts_rank('{weights}', i.title, q.query) * i.title_norm
               + ts_rank('{weights}', i.body, q.query) DESC, e.id DESC
        LIMIT 20
    """  # noqa: S608 - only placeholders and constants are interpolated
    return sql, params


def segmentation_cost(count: int) -> None:
    """Stores the same Chinese entries with and without segmentation and prints the ratio
    of the times (the dictionary is loaded first, and its loading timed on its own)."""
    started = time.perf_counter()
    tokenizer()
    print(f"jieba's dictionary loaded in {time.perf_counter() - started:.2f} s (once per process)")
    rng = random.Random(11)
    chinese = [entry for entry in synthetic_entries(count * 7, rng) if entry.language == "zh"]
    timings = {}
    for label, segment in [("without", lambda text: text), ("with", None)]:
        original = search_models.segment_for_index
        if segment is not None:
            search_models.segment_for_index = segment
        try:
            started = time.perf_counter()
            for start in range(0, len(chinese), 500):
                entries_store(data=chinese[start : start + 500])
            timings[label] = time.perf_counter() - started
        finally:
            search_models.segment_for_index = original
        search_models.SearchEntry.objects.filter(source="bench.document").delete()
    print(
        f"Indexing {len(chinese)} Chinese entries: {timings['without']:.1f} s without "
        f"segmentation, {timings['with']:.1f} s with it, ratio "
        f"{timings['with'] / timings['without']:.2f}\n"
    )


def measure(run, *, repeat: int, max_seconds: float) -> list[float]:
    for _ in range(3):
        run()
    timings = []
    deadline = time.monotonic() + max_seconds
    while len(timings) < repeat and time.monotonic() < deadline:
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--max-seconds", type=float, default=20.0)
    parser.add_argument("--chinese", type=int, default=2_000, help="entries to time segmenting")
    parser.add_argument("--json", action="store_true", help="print a BENCH_JSON line too")
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/search.py measures PostgreSQL: set DATABASE_URL=postgres://…")

    from django.contrib.contenttypes.models import ContentType

    from search.models import SearchEntry
    from search.query import search_site

    names = setup_databases(verbosity=0, interactive=False)
    try:
        segmentation_cost(options.chinese)
        started = time.monotonic()
        entries = synthetic_entries(options.documents, random.Random(7))
        for start in range(0, len(entries), 1000):
            entries_store(data=entries[start : start + 1000])
        load_seconds = time.monotonic() - started
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"Loaded {SearchEntry.objects.count()} documents in {load_seconds:.1f} s")
        print(f"(settings: {settings.DATABASES['default']['NAME']} → test database)\n")

        engine = DatabaseEngine()
        content_type = ContentType.objects.get_for_model(SearchEntry).pk
        header = f"{'query':24} {'page p50':>9} {'p95':>7} {'raw p50':>8} {'p95':>7} "
        header += f"{'ratio':>6} {'search p50':>11} {'p95':>7} {'hits':>6}"
        print(header)
        print("-" * len(header))
        results = {}
        for query in QUERIES:

            def wagtail_page(query=query):
                return list(engine._search(query, visible_entries(SCOPE))[:20])

            sql, params = raw_sql(query)

            def raw_page(sql=sql, params=params):
                with connection.cursor() as cursor:
                    cursor.execute(sql, [*params, content_type])
                    return cursor.fetchall()

            assert [e.pk for e in wagtail_page()] == [row[0] for row in raw_page()], query
            page = measure(wagtail_page, repeat=options.repeat, max_seconds=options.max_seconds)
            raw = measure(raw_page, repeat=options.repeat, max_seconds=options.max_seconds)

            def whole_search(query=query):
                return search_site(query, user=AnonymousUser())

            whole = measure(whole_search, repeat=options.repeat, max_seconds=options.max_seconds)
            hits = whole_search().total
            ratio = statistics.median(page) / statistics.median(raw)
            results[query] = {"search_p95_ms": percentile(whole, 0.95), "ratio": ratio}
            print(
                f"{query:24} {percentile(page, 0.5):8.1f}ms {percentile(page, 0.95):6.1f}ms "
                f"{percentile(raw, 0.5):7.1f}ms {percentile(raw, 0.95):6.1f}ms "
                f"{ratio:6.2f} {percentile(whole, 0.5):10.1f}ms "
                f"{percentile(whole, 0.95):6.1f}ms {hits:6}"
            )
        print(
            "\npage: the ranked page of 20 through Wagtail's backend; raw: the same query "
            "by hand; ratio = page p50 / raw p50; search: search_site() with count and "
            "facets, as a visitor."
        )
        if options.json:
            print(
                "BENCH_JSON "
                + json.dumps(
                    {"bench": "search", "documents": options.documents, "queries": results}
                )
            )
    finally:
        teardown_databases(names, verbosity=0)


if __name__ == "__main__":
    main()
