"""Every benchmark in one run (`make bench`), then one summary table against the targets.

Runs bench/pages.py, bench/catalogue.py, bench/search.py and bench/realtime.py one after
another with --json, shows their output as it comes, and reads the "BENCH_JSON {...}" line
each prints last. The whole run is bounded: each bench has a time limit, and none starts
past BENCH_BUDGET seconds (1200 by default; BENCH_QUICK=1 runs smaller benches in a few
minutes once the demo database is loaded, 300 s budget). BENCH_ONLY=pages,search runs
some of them. See bench/README.md.

Needs PostgreSQL and Redis: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres,
next to which the benches create and drop their own databases: portal_bench,
test_portal_bench, portal_bench_realtime) and REDIS_URL (default
redis://127.0.0.1:6379/9).
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUICK = os.environ.get("BENCH_QUICK") == "1"
PYTHON = sys.executable

# (name, arguments, arguments when quick, time limit in seconds)
BENCHES = [
    ("pages", ["--seconds", "4"], ["--seconds", "2"], 900),
    (
        "catalogue",
        ["--entries", "5000", "--seconds", "5"],
        ["--entries", "1000", "--seconds", "2"],
        400,
    ),
    (
        "search",
        ["--documents", "50000", "--repeat", "20", "--max-seconds", "5", "--chinese", "500"],
        ["--documents", "5000", "--repeat", "10", "--max-seconds", "2", "--chinese", "100"],
        500,
    ),
    (
        "realtime",
        ["--clients", "200", "--posts", "20", "--interval", "0.5"],
        ["--clients", "50", "--posts", "10", "--interval", "0.2"],
        240,
    ),
]  # fmt: skip

# Targets: pages' uncached throughput as a share of the trivial view's on the same server.
UNCACHED_TARGETS = {
    "home": 0.04, "entry": 0.04, "office": 0.04, "workshop": 0.04, "news": 0.04,
    "catalogue": 0.02, "search": 0.02,
}  # fmt: skip
CACHED_TARGET = 0.30
DEPLOYED_TRIVIAL_TARGET = 0.90
MAX_QUERIES = 12
CATALOGUE_TARGET = 0.01
SEARCH_P95_MS = 50
REALTIME_P99_MS = 100


def run(name: str, arguments: list[str], limit: float, env: dict[str, str]) -> dict | None:
    """Runs one bench, echoing its output; its BENCH_JSON figures, or None."""
    print(f"\n=== bench/{name}.py {' '.join(arguments)} (at most {limit:.0f} s)", flush=True)
    command = [PYTHON, str(ROOT / "bench" / f"{name}.py"), *arguments, "--json"]
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and benches
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    found, deadline = None, time.monotonic() + limit
    for line in process.stdout:
        if line.startswith("BENCH_JSON "):
            found = json.loads(line.removeprefix("BENCH_JSON "))
        else:
            print(line, end="", flush=True)
        if time.monotonic() > deadline:
            break
    try:
        process.wait(timeout=max(1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        print(f"bench/{name}.py passed its {limit:.0f} s and was stopped.")
        os.killpg(process.pid, 15)
        process.wait(timeout=30)
    return found


def realtime_database(base: str, create: bool) -> str:
    """bench/realtime.py fills the database it is given: one of its own, dropped after."""
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute('DROP DATABASE IF EXISTS "portal_bench_realtime" WITH (FORCE)')
        if create:
            connection.execute('CREATE DATABASE "portal_bench_realtime"')
    return f"{base}/portal_bench_realtime"


def page_rows(pages: dict) -> list[tuple]:
    runs = pages["runs"]
    reference = next(name for name in ("deployed", "uvicorn", "gunicorn") if name in runs)
    rows = []
    if pages.get("side_by_side"):
        # Both asked in turn while both ran (bench/pages.py side_by_side).
        share = pages["side_by_side"]["share"]
        rows.append(("trivial: deployed / bare gunicorn", share, DEPLOYED_TRIVIAL_TARGET, ">="))
    elif "deployed" in runs and "gunicorn" in runs:
        share = (
            runs["deployed"]["pages"]["trivial"]["rps"]
            / runs["gunicorn"]["pages"]["trivial"]["rps"]
        )
        rows.append(("trivial: deployed / bare gunicorn", share, DEPLOYED_TRIVIAL_TARGET, ">="))
    elif "uvicorn" in runs and "gunicorn" in runs:
        share = (
            runs["uvicorn"]["pages"]["trivial"]["rps"] / runs["gunicorn"]["pages"]["trivial"]["rps"]
        )
        rows.append(("trivial: uvicorn / bare gunicorn", share, DEPLOYED_TRIVIAL_TARGET, ">="))
    run = runs[reference]
    trivial = run["pages"]["trivial"]["rps"]
    for label, target in UNCACHED_TARGETS.items():
        ratio = run["pages"][label]["rps"] / trivial
        rows.append((f"{label} uncached / trivial ({reference})", ratio, target, ">="))
    for label, figures in run["cached"].items():
        rows.append(
            (
                f"{label} cached / trivial ({reference})",
                figures["rps"] / trivial,
                CACHED_TARGET,
                ">=",
            )
        )
    worst = max(
        ((count, f"{label} signed {state}") for label, counts in pages["queries"].items()
         for state, count in counts.items() if count is not None and label != "trivial"),
    )  # fmt: skip
    rows.append((f"most queries per page ({worst[1]})", worst[0], MAX_QUERIES, "<="))
    return rows  # noqa: RET504


def summary_rows(results: dict) -> list[tuple]:
    rows = []
    if results.get("pages"):
        rows += page_rows(results["pages"])
    if catalogue := results.get("catalogue"):
        views = catalogue["views"]
        ratio = views["listing"]["rps"] / views["trivial"]["rps"]
        rows.append(
            (
                f"catalogue listing / trivial at {catalogue['entries']}",
                ratio,
                CATALOGUE_TARGET,
                ">=",
            )
        )
    if search := results.get("search"):
        query, worst = max(search["queries"].items(), key=lambda item: item[1]["search_p95_ms"])
        rows.append(
            (
                f"search p95 ms at {search['documents']} ({query})",
                worst["search_p95_ms"],
                SEARCH_P95_MS,
                "<=",
            )
        )
    if realtime := results.get("realtime"):
        rows.append(
            (
                f"realtime p99 ms, {realtime['clients']} clients",
                realtime["p99_ms"],
                REALTIME_P99_MS,
                "<=",
            )
        )
        lost = realtime["lost"] + realtime["duplicates"] + realtime["out_of_order"]
        rows.append(("realtime lost + duplicated + out of order", lost, 0, "<="))
    return rows  # noqa: RET504


def print_summary(results: dict, elapsed: float) -> None:
    rows = summary_rows(results)
    header = f"{'measure':56} {'value':>9} {'target':>9}  met"
    print(f"\n=== Summary ({'quick' if QUICK else 'full'} run, {elapsed / 60:.1f} min)")
    print(header + "\n" + "-" * len(header))
    for label, value, target, sense in rows:
        met = value >= target if sense == ">=" else value <= target
        if isinstance(value, int):
            shown = f"{value:9d}"
        else:
            shown = f"{value:9.3f}" if value < 10 else f"{value:9.1f}"
        print(f"{label:56} {shown} {sense}{target:>7}  {'yes' if met else 'NO'}")
    missing = [name for name in results if not results[name]]
    if missing:
        print(f"No figures from: {', '.join(missing)} (failed or stopped; see above).")
    print("Ratios are measured in this run; absolute figures depend on the machine's load.")


def main() -> int:
    started = time.monotonic()
    budget = float(os.environ.get("BENCH_BUDGET", "300" if QUICK else "1200"))
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/9")
    print(f"DATABASE_URL={env['DATABASE_URL']} REDIS_URL={env['REDIS_URL']}")
    base = env["DATABASE_URL"].rsplit("/", 1)[0]
    results = {}
    only = [name for name in os.environ.get("BENCH_ONLY", "").split(",") if name]
    for name, arguments, quick_arguments, limit in BENCHES:
        if only and name not in only:
            continue
        remaining = budget - (time.monotonic() - started)
        if remaining <= 10:
            print(f"\n=== bench/{name}.py skipped: the {budget:.0f} s budget is spent.")
            results[name] = None
            continue
        bench_env = dict(env)
        if name in ("catalogue", "search"):
            # They create and drop test_<name>, like the test suite.
            bench_env["DATABASE_URL"] = f"{base}/portal_bench"
        if name == "realtime":
            bench_env["DATABASE_URL"] = realtime_database(base, create=True)
        try:
            results[name] = run(
                name, quick_arguments if QUICK else arguments, min(limit, remaining), bench_env
            )
        finally:
            if name == "realtime":
                realtime_database(base, create=False)
    print_summary(results, time.monotonic() - started)
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
