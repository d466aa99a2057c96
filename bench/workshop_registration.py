"""Members racing for a workshop's places: the lock's cost, and that it never overbooks.

Registers PEOPLE members for an event of PLACES places, first one at a time, then from
THREADS threads at once, and checks that exactly PLACES get a place and everyone else
waits at a distinct position. Reports registrations per second for both runs and their
ratio (compare ratios within one run, not absolute numbers across machines).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_workshops \
        .venv/bin/python bench/workshop_registration.py

It creates and drops its own test database (test_<name>), like the test suite.
"""

import os
import queue
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection, connections  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_databases,
    setup_test_environment,
    teardown_databases,
)

PEOPLE = int(os.environ.get("BENCH_PEOPLE", "120"))
PLACES = int(os.environ.get("BENCH_PLACES", "50"))
THREADS = int(os.environ.get("BENCH_THREADS", "8"))


def people(count: int, prefix: str):
    from tests import factories

    return [
        factories.MemberFactory(user__email=f"{prefix}{n}@example.org").user for n in range(count)
    ]


def run(workshop, users, threads: int) -> float:
    from portal.workshops import services

    todo = queue.Queue()
    for user in users:
        todo.put(user)
    failures = []

    def work():
        try:
            while True:
                try:
                    user = todo.get_nowait()
                except queue.Empty:
                    return
                services.registration_create(workshop=workshop, user=user)
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            if threads > 1:
                connections.close_all()

    started = time.perf_counter()
    if threads == 1:
        work()
    else:
        workers = [threading.Thread(target=work) for _ in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    elapsed = time.perf_counter() - started
    assert not failures, failures
    return elapsed


def check(workshop) -> None:
    from portal.workshops import services
    from portal.workshops.models import Registration

    registrations = Registration.objects.filter(workshop=workshop)
    confirmed = registrations.confirmed().count()
    waiting = list(registrations.waiting())
    positions = [services.waiting_position(registration) for registration in waiting]
    assert confirmed == PLACES, f"{confirmed} places given for {PLACES}"
    assert len(waiting) == PEOPLE - PLACES
    assert positions == list(range(1, len(waiting) + 1)), "waiting positions are not distinct"


def main() -> None:
    from portal.models import HomePage
    from tests import factories

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        home = HomePage.objects.get()
        index = factories.WorkshopIndexPageFactory(parent=home)
        results = {}
        for label, threads in (("one at a time", 1), (f"{THREADS} threads", THREADS)):
            workshop = factories.WorkshopPageFactory(parent=index, capacity=PLACES)
            users = people(PEOPLE, prefix=f"t{threads}-")
            elapsed = run(workshop, users, threads)
            check(workshop)
            results[label] = PEOPLE / elapsed
            print(
                f"{label:>15}: {PEOPLE} registrations in {elapsed:.2f} s, {PEOPLE / elapsed:.0f}/s"
            )
        single, parallel = results.values()
        print(f"{connection.vendor}: {THREADS} threads / one at a time = {parallel / single:.2f}")
        print(f"checked: exactly {PLACES} places given, {PEOPLE - PLACES} waiting in order")
    finally:
        connections.close_all()
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
