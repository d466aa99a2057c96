"""Two people take the last place at the same moment: one gets it, the other waits.

Each thread has its own database connection. On PostgreSQL the workshop's row is locked
while places are counted (SELECT … FOR UPDATE); SQLite has no row locks, and its
transactions take the database's one write lock when they begin (settings: IMMEDIATE).
"""

import threading
import time

from django.db import connections

import pytest

from portal.workshops import services
from portal.workshops.models import Registration, RegistrationStatus
from tests import factories

pytestmark = [
    # Committed data that other connections see; the migrated pages are restored after.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_people_taking_the_last_place_at_once_get_one_place_and_one_wait(
    site_tree, cast, monkeypatch
):
    workshop = factories.WorkshopPageFactory(parent=site_tree.workshops, capacity=1)

    # Hold each registration between counting the places and writing its own, so that
    # without the lock both would count one free place and both would take it.
    count_places = services.places_taken

    def slow_count(workshop):
        result = count_places(workshop)
        time.sleep(0.5)
        return result

    monkeypatch.setattr(services.registrations, "places_taken", slow_count)
    start = threading.Barrier(2, timeout=10)
    outcomes, failures = {}, []

    def take_the_last_place(user):
        try:
            start.wait()
            registration = services.registration_create(workshop=workshop, user=user)
            outcomes[user.email] = registration.status
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=take_the_last_place, args=(person,))
        for person in (cast.cio_a, cast.cio_b)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not failures, failures
    assert sorted(outcomes.values()) == [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
    assert Registration.objects.filter(workshop=workshop).confirmed().count() == 1
    waiting = Registration.objects.get(workshop=workshop, status=RegistrationStatus.WAITING)
    assert services.waiting_position(waiting) == 1
