"""How fast the database engine searches 50,000 documents on PostgreSQL.

Loads synthetic entries (mixed languages, audiences and facets: kinds, categories,
offices, languages, years) into a test database through the same service the site uses,
timing the load, then reports p50 and p95 latency of a whole search_site() call (the
page of 20 with its excerpts, the total and every facet count) for each kind of query
the site answers: a plain word, a very common word, several words, a phrase, a search
narrowed by facets, French, Spanish, Russian, Arabic and Chinese words, no match, a
member's search (restricted entries), and the header's suggestions (suggest_site) for
the start of a word. It first measures what Chinese segmentation costs at indexing: the
same Chinese entries stored with and without it (search.segmentation), as a ratio.

    DATABASE_URL=postgres://… .venv/bin/python bench/search.py [--documents 50000]
        [--keepdb]  # keep the loaded test database, and reuse it next time

Bounded: at most --repeat runs per query and --max-seconds per query. Not part of the
test suite.
"""

import argparse
import json
import os
import random
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

from bench.stats import percentile  # noqa: E402
from search import models as search_models  # noqa: E402
from search import postgres_index as search_postgres_index  # noqa: E402
from search import query as search_query  # noqa: E402
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
THIS_YEAR = timezone.now().year
# (kind of query, what is typed, facets chosen, searched by a member)
QUERIES = [
    ("plain word", "examiner", {}, False),
    ("very common word", "classification", {}, False),
    ("several words", "model training", {}, False),
    ("phrase", '"data exchange"', {}, False),
    ("facets chosen", "classification", {"kind": "news", "language": "en"}, False),
    ("French", "traductions", {}, False),
    ("Spanish", "patentes", {}, False),
    ("Russian", "заявки", {}, False),
    ("Arabic", "ترجمة", {}, False),
    ("Chinese", "翻译", {}, False),
    ("no match", "zeppelin", {}, False),
    ("member, common word", "classification", {}, True),
    ("member, by date", "data", {"year": str(THIS_YEAR - 1)}, True),
]
# (kind of suggestion, what is typed so far)
SUGGESTIONS = [
    ("suggestion", "classif"),
    ("suggestion, 2 words", "model tra"),
    ("suggestion, Chinese", "机器"),
]
SCOPE = SearchScope(
    readers=frozenset({"network.members", "taskforces.taskforce:1", "taskforces.taskforce:2"})
)


class BenchMember:
    """A signed-in member of two task forces, as search.permissions would scope them."""

    is_authenticated = True
    is_active = True


MEMBER = BenchMember()


def synthetic_entries(
    count: int, rng: random.Random, *, categories=(), offices=()
) -> list[EntryData]:
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
                terms=" ".join(rng.choices(words, k=3)) if kind == "catalogue_entry" else "",
                language=language,
                date=now - timezone.timedelta(days=rng.randint(0, 3650)),
                category_id=rng.choice(categories)
                if categories and kind == "catalogue_entry"
                else None,
                office_ids=rng.sample(offices, k=rng.randint(0, 2)) if offices else [],
                language_codes=[
                    language,
                    *(["en"] if language != "en" and rng.random() < 0.3 else []),
                ],
            )
        )
    return entries


def facet_values() -> tuple[list[int], list[int]]:
    """Categories, offices and languages for the entries to be counted by (those of a
    kept database reused)."""
    from wagtail.models import Page

    from catalogue.models import Category
    from network.models import OfficePage
    from tests import factories

    for code in WORDS:
        factories.LanguageFactory(code=code, name=code)
    categories = list(Category.objects.values_list("pk", flat=True)[:12])
    categories += [factories.CategoryFactory().pk for _ in range(12 - len(categories))]
    offices = list(OfficePage.objects.values_list("pk", flat=True)[:20])
    if len(offices) < 20:
        root = Page.get_first_root_node()
        offices = [factories.OfficePageFactory(parent=root).pk for _ in range(20)]
    return categories, offices


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
        original = search_postgres_index.segment_for_index
        if segment is not None:
            search_postgres_index.segment_for_index = segment
        try:
            started = time.perf_counter()
            for start in range(0, len(chinese), 500):
                entries_store(data=chinese[start : start + 500])
            timings[label] = time.perf_counter() - started
        finally:
            search_postgres_index.segment_for_index = original
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--max-seconds", type=float, default=20.0)
    parser.add_argument("--chinese", type=int, default=2_000, help="entries to time segmenting")
    parser.add_argument("--keepdb", action="store_true", help="keep and reuse the test database")
    parser.add_argument("--json", action="store_true", help="print a BENCH_JSON line too")
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/search.py measures PostgreSQL: set DATABASE_URL=postgres://…")

    from search.models import SearchEntry

    names = setup_databases(
        verbosity=0, interactive=False, keepdb=options.keepdb, serialized_aliases=[]
    )
    try:
        loaded = SearchEntry.objects.filter(source="bench.document").count()
        if loaded != options.documents:
            SearchEntry.objects.filter(source="bench.document").delete()
            segmentation_cost(options.chinese)
            categories, offices = facet_values()
            entries = synthetic_entries(
                options.documents, random.Random(7), categories=categories, offices=offices
            )
            started = time.monotonic()
            for start in range(0, len(entries), 1000):
                entries_store(data=entries[start : start + 1000])
            load_seconds = time.monotonic() - started
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            print(f"Loaded {len(entries)} documents in {load_seconds:.1f} s")
        print(f"(settings: {settings.DATABASES['default']['NAME']} → test database)\n")

        scope_of = search_query.search_scope
        search_query.search_scope = lambda user: SCOPE if user is MEMBER else scope_of(user)
        header = f"{'query':22} {'typed':18} {'p50':>8} {'p95':>8} {'hits':>6} "
        header += f"{'facets':>6} {'marked':>6}"
        print(header)
        print("-" * len(header))
        measured = {}
        for label, query, filters, as_member in QUERIES:
            user = MEMBER if as_member else AnonymousUser()
            sort = "date" if "date" in label else "relevance"

            def whole_search(query=query, filters=filters, user=user, sort=sort):
                return search_query.search_site(query, user=user, filters=filters, sort=sort)

            timings = measure(whole_search, repeat=options.repeat, max_seconds=options.max_seconds)
            results = whole_search()
            counted = sum(len(facet.options) for facet in results.facets)
            marked = sum("<mark>" in str(hit.excerpt) for hit in results.page)
            measured[f"{label}: {query}"] = {"search_p95_ms": percentile(timings, 0.95)}
            # "1000+": more matched than the engine counts (search.postgres.RESULT_CAP).
            hits = f"{results.total}+" if results.capped else str(results.total)
            print(
                f"{label:22} {query:18} {percentile(timings, 0.5):6.1f}ms "
                f"{percentile(timings, 0.95):6.1f}ms {hits:>6} {counted:6} {marked:6}"
            )
        for label, text in SUGGESTIONS:

            def suggestion(text=text):
                return search_query.suggest_site(text, user=AnonymousUser())

            timings = measure(suggestion, repeat=options.repeat, max_seconds=options.max_seconds)
            measured[f"{label}: {text}"] = {"search_p95_ms": percentile(timings, 0.95)}
            print(
                f"{label:22} {text:18} {percentile(timings, 0.5):6.1f}ms "
                f"{percentile(timings, 0.95):6.1f}ms {len(suggestion()):6}"
            )
        print(
            "\nEach line: search_site() (page of 20 with excerpts, total, facet counts) or "
            "suggest_site(), as a visitor unless a member. hits: the total (1000+: more than "
            "the engine counts); facets: facet values counted; marked: excerpts on the page "
            "with a marked word."
        )
        if options.json:
            report = {"bench": "search", "documents": options.documents, "queries": measured}
            print("BENCH_JSON " + json.dumps(report))
    finally:
        if not options.keepdb:
            teardown_databases(names, verbosity=0)


if __name__ == "__main__":
    main()
