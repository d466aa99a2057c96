"""Background tasks: at once by default, queued for a worker with TASKS_WORKER=1."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

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


def test_with_tasks_worker_set_tasks_wait_in_the_database_for_the_worker(tmp_path):
    env = {
        **{key: value for key, value in os.environ.items() if key != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "TASKS_WORKER": "1",
    }
    manage("migrate", "--verbosity", "0", env=env)
    assert "queued: READY" in manage("shell", "-c", ENQUEUE, env=env)
    manage("db_worker", "--batch", env=env)
    assert "after worker: SUCCESSFUL" in manage("shell", "-c", STATUS, env=env)
