"""How fast the portal's pages are served over HTTP, as ratios to a trivial view.

Loads the demo content (manage.py load_demo) into a throw-away database, collects the
static files into a temporary folder, and serves the portal with the production settings
(DEBUG off; a loopback secret, host names and no HTTPS redirect from the environment) on
free ports:
  - gunicorn: bare gunicorn, --workers WSGI workers;
  - uvicorn: uvicorn alone, as the portal has been deployed so far;
  - deployed: the production stack (nginx in front of gunicorn and uvicorn), at
    --deployed-url, or started with deploy/stack.py (`make prod-local`'s) when the
    repository has it.
wrk (--connections connections, --seconds each) asks each server for the trivial view
(/bench/trivial/, every middleware and nothing else), the visitors' pages, search and,
signed in as a task-force member, members' pages. When pages carry X-Cache (a page
cache), visitors' pages are asked again at one address each ("cached"), the first pass
having gone past the cache with a query parameter of its own per request.

Prints req/s, p95 latency and the ratio to the trivial view on the same server, and the
SQL queries of each page (counted in this process with Django's test client, signed out
and in). With --json, one more line "BENCH_JSON {...}" for bench/run_all.py.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/9 \\
        .venv/bin/python bench/pages.py [--seconds 4] [--keep-db]

The database is <--db-name> next to DATABASE_URL's (created, and dropped at the end unless
--keep-db, which reuses one already loaded and keeps the collected static files in
$TMPDIR/<db-name>-static; BENCH_QUICK=1 implies it), or a temporary SQLite file without
DATABASE_URL. Not part of the test suite.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import serving  # noqa: E402
from bench.pages_data import Page, count_queries, discover, member_session  # noqa: E402

ROOT = serving.ROOT
# Fewer answers than this in a wrk run make its figures a guess (marked "!").
FEW = 20


def parse_args() -> argparse.Namespace:
    quick = os.environ.get("BENCH_QUICK") == "1"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2 if quick else 4, help="per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="processes of each server")
    parser.add_argument("--servers", default="gunicorn,uvicorn", help="of gunicorn,uvicorn")
    parser.add_argument(
        "--deployed-url",
        default=os.environ.get("BENCH_DEPLOYED_URL", ""),
        help="base URL of the production stack serving this database, e.g. "
        "http://127.0.0.1:8080 (it must have PORTAL_BENCH_VIEWS=1)",
    )
    parser.add_argument("--db-name", default="portal_bench")
    parser.add_argument(
        "--keep-db", action="store_true", default=quick, help="reuse and keep the database"
    )
    parser.add_argument("--json", action="store_true", help="print a BENCH_JSON line too")
    return parser.parse_args()


def database_url(options) -> tuple[str, bool]:
    """The bench database's URL, and whether the demo must be loaded into it."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        handle, name = tempfile.mkstemp(prefix="portal-bench-", suffix=".sqlite3")
        os.close(handle)
        return f"sqlite:///{name}", True
    import psycopg

    base = url.rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [options.db_name]
        ).fetchone()
        if exists and not options.keep_db:
            connection.execute(f'DROP DATABASE "{options.db_name}" WITH (FORCE)')
        if not exists or not options.keep_db:
            connection.execute(f'CREATE DATABASE "{options.db_name}"')
    return f"{base}/{options.db_name}", not (exists and options.keep_db)


def drop_database(url: str) -> None:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict[str, str], *arguments: str) -> None:
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *arguments], env=env, cwd=ROOT, check=True
    )


def prepare(env: dict[str, str], load: bool) -> None:
    """Migrate, load the demo (development settings: it refuses production's) and collect
    the static files as production serves them."""
    dev = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    manage(dev, "migrate", "--noinput", "-v0")
    if load:
        print("Loading the demo content (a few minutes) …", flush=True)
    # --if-empty: a kept database that a stopped run left without content is loaded too.
    manage(dev, "load_demo", "--if-empty")
    if (Path(env["STATIC_ROOT"]) / "staticfiles.json").exists():
        print(f"Static files already collected in {env['STATIC_ROOT']}.")
    else:
        print("Collecting the static files (compressing them takes minutes) …", flush=True)
        manage(env, "collectstatic", "--noinput", "-v0")


def run_seconds(options, alone: float) -> float:
    """--seconds, or longer when a page is slow: with --connections waiting on --workers
    processes (uvicorn runs one Django view at a time in each), a request waits for the
    ones before it, and wrk only counts those answered in time. Long enough for each
    connection to be answered about five times, at most 30 s."""
    queued = alone * options.connections / max(1, options.workers)
    return min(30.0, max(options.seconds, 5 * queued))


# Rounds of the trivial view asked of bare gunicorn and the deployed stack in turn.
ROUNDS = 3


def measure(server: serving.Server, pages: list[Page], options, cookie: str) -> dict:
    """Each page on one server: {label: wrk figures}, plus "cached" figures if X-Cache."""
    _status, headers = serving.fetch(server.base_url + pages[1].path)
    cached = "X-Cache" in headers or "x-cache" in {name.lower() for name in headers}
    results, cached_results = {}, {}
    for page in pages:
        url = server.base_url + page.path
        page_cookie = cookie if page.signed_in else ""
        for _ in range(3):  # warm the workers; every page must answer 200
            started = time.perf_counter()
            status, _headers = serving.fetch(url, page_cookie)
            alone = time.perf_counter() - started
        if status != 200:
            raise SystemExit(f"{server.name}: {page.path} answered {status}")
        seconds = run_seconds(options, alone)
        results[page.label] = serving.wrk(
            url, seconds=seconds, connections=options.connections,
            cookie=page_cookie, bust=cached and page.cacheable,
        )  # fmt: skip
        print(
            f"  {server.name:9} {page.label:22} {results[page.label]['rps']:8.1f} req/s "
            f"({seconds:.0f} s)",
            flush=True,
        )
    # The trivial view again at the end: its req/s is the mean of both, so that a change in
    # the machine's load during the pass weighs on the ratios less.
    again = serving.wrk(
        server.base_url + pages[0].path, seconds=options.seconds, connections=options.connections
    )
    first = results[pages[0].label]
    results[pages[0].label] = {
        **first,
        "rps": (first["rps"] + again["rps"]) / 2,
        "rps_first_last": [first["rps"], again["rps"]],
    }
    if cached:
        for page in pages:
            if page.cacheable:
                url = server.base_url + page.path
                serving.fetch(url)
                _status, headers = serving.fetch(url)
                figures = serving.wrk(url, seconds=options.seconds, connections=options.connections)
                figures["x_cache"] = headers.get("X-Cache", headers.get("x-cache", ""))
                cached_results[page.label] = figures
    return {"pages": results, "cached": cached_results}


def side_by_side(bare: serving.Server, deployed: serving.Server, path: str, options) -> dict:
    """The trivial view from bare gunicorn and from the deployed stack, asked in turn for
    ROUNDS rounds while both run: a change in the machine's load meets both alike, where the
    passes above measure them minutes apart."""
    rates = {"gunicorn": [], "deployed": []}
    for _round in range(ROUNDS):
        for name, server in (("gunicorn", bare), ("deployed", deployed)):
            figures = serving.wrk(
                server.base_url + path, seconds=options.seconds, connections=options.connections
            )
            rates[name].append(figures["rps"])
    share = sum(rates["deployed"]) / sum(rates["gunicorn"])
    print(f"  side by side: deployed / bare gunicorn {share:.3f} ({rates})", flush=True)
    return {"rates": rates, "share": share}


def deployed_server(options, env: dict[str, str], scratch: Path) -> serving.Server | None:
    """The production stack: at --deployed-url, or started by deploy/stack.py (what
    `make prod-local` runs) on free ports, on this run's database and settings."""
    if options.deployed_url:
        serving.wait_until_up(options.deployed_url + "/bench/trivial/", timeout=30)
        return serving.Server("deployed", options.deployed_url.rstrip("/"))
    stack = ROOT / "deploy" / "stack.py"
    if not stack.exists():
        return None
    port = serving.free_port(4)  # the stack takes the three ports after it as well
    run_dir = scratch / "prod-local"
    command = [sys.executable, str(stack), "--run-dir", str(run_dir)]
    server = serving.Server(
        "deployed", f"http://127.0.0.1:{port}", stop_command=[*command[:2], "stop", *command[2:]]
    )
    try:
        subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, str(stack), "start", "--port", str(port), "--skip-setup",
             "--run-dir", str(run_dir)],
            env=env, cwd=ROOT, check=True, timeout=180,
        )  # fmt: skip
        serving.wait_until_up(server.base_url + "/bench/trivial/", timeout=60)
    except BaseException:
        server.stop()
        raise
    return server


def print_table(runs: dict[str, dict], pages: list[Page], queries: dict) -> None:
    names = list(runs)
    header = f"{'page':22} {'queries':>9}"
    for name in names:
        header += f" | {name:>9} {'p95 ms':>7} {'ratio':>6}"
        if runs[name]["cached"]:
            header += f" {'cached':>7} {'ratio':>6}"
    print("\n" + header + "\n" + "-" * len(header))
    for page in pages:
        count = queries[page.label]
        line = f"{page.label:22} {count['out'] if count['out'] is not None else '-':>4}/"
        line += f"{count['in']:<4}"
        for name in names:
            run = runs[name]
            trivial = run["pages"]["trivial"]["rps"]
            figures = run["pages"][page.label]
            few = "!" if figures["requests"] < FEW else " "
            line += f" | {figures['rps']:8.1f}{few} {figures['p95_ms']:7.1f} "
            line += f"{figures['rps'] / trivial:6.3f}"
            if run["cached"]:
                hit = run["cached"].get(page.label)
                line += f" {hit['rps']:7.1f} {hit['rps'] / trivial:6.3f}" if hit else " " * 15
        print(line)
    print(
        "\nreq/s: requests per second over all connections; ratio: a page's req/s / the "
        "trivial view's on the same server (asked first and last, its req/s the mean); "
        "queries: SQL queries signed out/in; cached: the same address again and again "
        "(X-Cache)."
    )
    if any(figures["requests"] < FEW for run in runs.values() for figures in run["pages"].values()):
        print(f"!: fewer than {FEW} requests answered in the time given; raise --seconds.")


def main() -> int:
    options = parse_args()
    # Stopped by run_all.py at its time limit: stop the servers too (the deployed stack's
    # processes are in sessions of their own, out of reach of the signal to this group).
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(143))
    url, load = database_url(options)
    scratch = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-only-secret-key-never-used-in-production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "PORTAL_BENCH_VIEWS": "1",
        # Kept with the database: collecting compresses every file, which takes minutes.
        "STATIC_ROOT": str(
            Path(tempfile.gettempdir(), f"{options.db_name}-static")
            if options.keep_db
            else scratch / "static"
        ),
        "MEDIA_ROOT": str(scratch / "media"),
        "PRIVATE_MEDIA_ROOT": str(scratch / "private-media"),
        # As deployed: each server process borrows at most this many PostgreSQL connections
        # from its pool (persistent ones piled up under uvicorn, one per request's thread).
        "DATABASE_POOL_MAX": os.environ.get("DATABASE_POOL_MAX", "4"),
        "DATABASE_CONN_MAX_AGE": "0",
    }
    print(f"Database {url.rsplit('@', 1)[-1]}; Redis {os.environ.get('REDIS_URL') or 'none'}")
    servers = []
    together = None
    try:
        prepare(env, load)
        os.environ.update(env)
        import django

        django.setup()
        pages = discover()
        cookie = member_session()
        queries = count_queries(pages, cookie)
        from django.db import connections

        connections.close_all()
        runs = {}
        starters = {"gunicorn": serving.gunicorn, "uvicorn": serving.uvicorn}
        for name in [name for name in options.servers.split(",") if name]:
            server = starters[name](env, options.workers)
            servers.append(server)
            runs[name] = measure(server, pages, options, cookie)
            server.stop()
        deployed = deployed_server(options, env, scratch)
        if deployed is not None:
            servers.append(deployed)
            runs["deployed"] = measure(deployed, pages, options, cookie)
            if "gunicorn" in runs:
                bare = serving.gunicorn(env, options.workers)
                servers.append(bare)
                together = side_by_side(bare, deployed, pages[0].path, options)
                bare.stop()
            deployed.stop()
        print_table(runs, pages, queries)
        if options.json:
            summary = {"bench": "pages", "seconds": options.seconds, "runs": runs}
            summary["queries"] = queries
            summary["side_by_side"] = together
            summary["cacheable"] = [page.label for page in pages if page.cacheable]
            print("BENCH_JSON " + json.dumps(summary))
        return 0
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(scratch, ignore_errors=True)
        if not options.keep_db:
            drop_database(url)


if __name__ == "__main__":
    sys.exit(main())
