"""Background tasks: at once by default, queued for a worker with TASKS_WORKER=1."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

import pytest

ROOT = Path(__file__).resolve().parents[2]

ENQUEUE = """
from portal.tasks import send_email
from django_tasks_db.models import DBTaskResult
send_email.enqueue(subject="Digest", body="Three new posts", to=["a@example.org"])
print("queued:", DBTaskResult.objects.values_list("status", flat=True).get())
"""
STATUS = """
from django_tasks_db.models import DBTaskResult
print("after worker:", DBTaskResult.objects.values_list("status", flat=True).get())
"""


def manage(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_tasks_run_at_once_without_a_worker():
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")


# The worker and the shell are other processes: they must see committed rows, and the
# serialized rows are put back after the flush (tests/conftest.py).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_tasks_worker_set_tasks_wait_in_the_database_for_the_worker():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        # The test database, already migrated (a new one takes a minute to create).
        "DATABASE_URL": database_url_of_the_test_run(),
        "TASKS_WORKER": "1",
    }
    assert "queued: READY" in manage("shell", "-c", ENQUEUE, env=env)
    manage("db_worker", "--batch", env=env)
    assert "after worker: SUCCESSFUL" in manage("shell", "-c", STATUS, env=env)


def database_url_of_the_test_run() -> str:
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    password = f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
    return (
        f"postgres://{quote(database['USER'])}{password}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}"
    )
