"""A load test in steps of rising users (`make load`): the highest rate the site held.

Runs Locust headless with bench/locustfile.py against --url, once per step of --steps
users, each for --duration seconds, and reads Locust's CSV statistics. A step is held
when fewer than 0.1 % of its requests failed and its p95 latency stayed under 300 ms;
the steps stop at the first one not held. Prints one line per step and the highest rate
held.

    .venv/bin/python bench/load.py --url http://127.0.0.1:8080 --duration 600 --steps 10,20,40

The site must serve the demo content (manage.py load_demo). A hold of 10 minutes per step
is the measure to quote; shorter ones (LOAD_DURATION=60) are for trying the scenario.
"""

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAX_ERROR_RATE = 0.001
MAX_P95_MS = 300


def step(url: str, users: int, duration: int, folder: Path) -> dict:
    prefix = folder / f"users-{users}"
    command = [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless"]
    command += ["--host", url, "--users", str(users), "--spawn-rate", str(max(1, users // 5))]
    command += ["--run-time", f"{duration}s", "--csv", str(prefix), "--only-summary"]
    command += ["--loglevel", "WARNING", "--stop-timeout", "10"]
    subprocess.run(  # noqa: S603 - our own interpreter and locust
        command, check=False, timeout=duration + 120, stdout=subprocess.DEVNULL
    )
    with open(f"{prefix}_stats.csv", newline="") as stats:
        total = next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")
    requests = int(total["Request Count"])
    failures = int(total["Failure Count"])
    return {
        "users": users,
        "rps": float(total["Requests/s"]),
        "requests": requests,
        "error_rate": failures / requests if requests else 1.0,
        "p95_ms": float(total["95%"]) if total["95%"] not in ("", "N/A") else float("inf"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--duration", type=int, default=60, help="seconds per step")
    parser.add_argument("--steps", default="10,20,40,80", help="users at each step")
    options = parser.parse_args()
    steps = [int(users) for users in options.steps.split(",") if users]
    print(f"{options.url}: {len(steps)} steps of {options.duration} s")
    print(f"{'users':>6} {'req/s':>8} {'p95 ms':>8} {'errors':>8}  held")
    best = None
    with tempfile.TemporaryDirectory(prefix="portal-load-") as folder:
        for users in steps:
            result = step(options.url, users, options.duration, Path(folder))
            held = result["error_rate"] < MAX_ERROR_RATE and result["p95_ms"] < MAX_P95_MS
            print(
                f"{users:6} {result['rps']:8.1f} {result['p95_ms']:8.0f} "
                f"{result['error_rate']:8.2%}  {'yes' if held else 'no'}",
                flush=True,
            )
            if not held:
                break
            best = result
    if best is None:
        print("No step was held (errors < 0.1 % and p95 < 300 ms).")
        return 1
    print(
        f"Highest rate held: {best['rps']:.1f} req/s with {best['users']} users "
        f"({options.duration} s per step; errors < 0.1 %, p95 < {MAX_P95_MS} ms)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
