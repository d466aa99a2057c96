"""Background work that fails is retried, and what still fails is listed for the secretariat.

A real SMTP server (aiosmtpd) runs on a free local port and refuses or accepts each
message as the test says; the portal talks to it with Django's own SMTP backend.
"""

import datetime
import re
import socket

from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

import pytest
from aiosmtpd.controller import Controller
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from portal.background import queue_retry, retrying_task, run_due_retries
from portal.models import FailedTask, FailedTaskStatus
from tests import factories

pytestmark = pytest.mark.django_db

INVITEE = "new.cio@example.org"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """Refuses the first ``refusals`` messages with 451 at DATA, then delivers."""

    def __init__(self, refusals: int | float):
        self.refusals = refusals
        self.refused = 0
        self.delivered: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):
        if self.refused < self.refusals:
            self.refused += 1
            return "451 4.3.0 Mailbox temporarily unavailable, try again later"
        self.delivered.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 2.0.0 OK"

    def messages_to(self, address: str) -> list[str]:
        return [content for recipients, content in self.delivered if address in recipients]


def smtp_settings(port: int):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=5,
        # Every retry is due at once, so the test needs no clock.
        TASK_RETRY_DELAYS=[0, 0, 0],
    )


@pytest.fixture
def smtp_server():
    """Start an SMTP server that refuses ``refusals`` messages; stopped after the test."""
    controllers = []

    def start(refusals):
        handler = MailServer(refusals)
        controller = Controller(handler, hostname="127.0.0.1", port=free_port())
        controller.start()
        controllers.append(controller)
        handler.port = controller.port
        return handler

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """The secretariat invites through the admin form; the e-mail is queued on commit."""

    def send(client, office):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/admin/invitations/",
                {
                    "email": INVITEE,
                    "first_name": "Nadia",
                    "last_name": "Nouri",
                    "office": office.pk,
                    "role": "cio",
                },
            )

    return send


def run_retries_until_quiet(run_queued=lambda: None, rounds=10) -> int:
    """Run the scheduled retry command (and the worker, if any) until nothing is due."""
    for round_number in range(rounds):
        if not FailedTask.objects.filter(status=FailedTaskStatus.WAITING).exists():
            return round_number
        call_command("run_task_retries", verbosity=0)
        run_queued()
    return rounds


class InvitationDeliveryTests:
    def test_refused_twice_the_invitation_arrives_exactly_once(
        self, cast, client, invite, smtp_server
    ):
        server = smtp_server(refusals=2)
        client.force_login(cast.secretariat)
        with smtp_settings(server.port):
            response = invite(client, cast.office_a)
            assert response.status_code == 302
            assert server.refused == 1
            assert FailedTask.objects.get().attempts == 1

            run_retries_until_quiet()
            # Once delivered, nothing is retried any more, however often the scheduler runs.
            call_command("run_task_retries", verbosity=0)
            call_command("run_task_retries", verbosity=0)

        assert server.refused == 2
        invitations = server.messages_to(INVITEE)
        assert len(invitations) == 1
        assert "/accounts/invitation/" in invitations[0]
        assert not FailedTask.objects.exists()

    def test_refused_every_time_it_is_listed_for_the_secretariat_only(
        self, cast, client, invite, smtp_server
    ):
        server = smtp_server(refusals=float("inf"))
        client.force_login(cast.secretariat)
        with smtp_settings(server.port):
            assert invite(client, cast.office_a).status_code == 302
            run_retries_until_quiet()

        # The first try and the three retries: then it is given up, not dropped.
        assert server.refused == 4
        assert server.delivered == []
        failure = FailedTask.objects.get()
        assert failure.status == FailedTaskStatus.GAVE_UP
        assert failure.attempts == 4

        page = client.get("/admin/failed-tasks/")
        assert page.status_code == 200
        text = page.content.decode()
        assert INVITEE in text
        assert "Invitation" in text
        assert "451" in text
        assert "Given up" in text
        dashboard = client.get("/admin/").content.decode()
        assert "/admin/failed-tasks/" in dashboard
        assert "could not be done after every retry" in dashboard

        # An office's head of ICT uses the admin too, but sees none of it.
        office_admin = Client()
        office_admin.force_login(cast.cio_a)
        office_dashboard = office_admin.get("/admin/")
        assert office_dashboard.status_code == 200
        assert "/admin/failed-tasks/" not in office_dashboard.content.decode()
        assert "after every retry" not in office_dashboard.content.decode()
        refused = office_admin.get("/admin/failed-tasks/")
        assert refused.status_code in (302, 403)
        assert INVITEE not in refused.content.decode()
        assert office_admin.post("/admin/failed-tasks/", {"retry": failure.pk}).status_code in (
            302,
            403,
        )
        assert FailedTask.objects.get().status == FailedTaskStatus.GAVE_UP

        # The mail server is repaired; the secretariat retries by hand, once.
        server.refusals = 0
        with smtp_settings(server.port):
            response = client.post("/admin/failed-tasks/", {"retry": failure.pk})
            assert response.status_code == 302
            again = client.post("/admin/failed-tasks/", {"retry": failure.pk})
            assert again.status_code == 302
        assert len(server.messages_to(INVITEE)) == 1
        assert not FailedTask.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_database_queue_the_worker_retries_and_sends_once(cast, smtp_server):
    """Production's set-up: tasks queued in the database and run by the db_worker loop."""
    from network import services

    server = smtp_server(refusals=2)
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    database_queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with smtp_settings(server.port), override_settings(TASKS=database_queue):
        services.invitation_create(
            email=INVITEE, role="cio", office=cast.office_a, invited_by=cast.secretariat
        )
        # Queued, not sent: the request never waits on the mail server.
        assert server.refused == 0
        worker.run()
        assert server.refused == 1
        failure = FailedTask.objects.get()
        assert failure.status == FailedTaskStatus.WAITING

        call_command("run_task_retries", verbosity=0)
        worker.run()
        assert server.refused == 2
        # The scheduler and a click on "Retry now" queue the same retry: one runs.
        assert queue_retry(failure.pk)
        assert queue_retry(failure.pk)
        assert DBTaskResult.objects.filter(status="READY").count() == 2
        worker.run()

    assert len(server.messages_to(INVITEE)) == 1
    assert not FailedTask.objects.exists()
    assert DBTaskResult.objects.filter(status="READY").count() == 0


class MailServerDownTests:
    """With nothing listening on the mail port, pages that send e-mail still answer."""

    def test_an_invitation_is_kept_for_a_retry(self, cast, client, invite):
        client.force_login(cast.secretariat)
        with smtp_settings(free_port()):
            response = invite(client, cast.office_a)
        assert response.status_code == 302
        failure = FailedTask.objects.get()
        assert failure.status == FailedTaskStatus.WAITING
        assert "ConnectionRefusedError" in failure.last_error

    def test_a_password_reset_answers_and_the_message_is_kept(self, db):
        user = factories.MemberFactory().user
        with smtp_settings(free_port()):
            response = Client().post("/accounts/password/reset/", {"email": user.email})
        assert response.status_code == 302
        failure = FailedTask.objects.get()
        assert user.email in failure.arguments["kwargs"]["to"]

    def test_the_reset_link_arrives_once_the_server_is_back(self, db, smtp_server):
        user = factories.MemberFactory().user
        port = free_port()
        with smtp_settings(port):
            Client().post("/accounts/password/reset/", {"email": user.email})
        server = smtp_server(refusals=0)
        with smtp_settings(server.port):
            run_retries_until_quiet()
        # The retry sends to whichever server is configured when it runs.
        assert len(server.messages_to(user.email)) == 1
        assert re.search(r"/accounts/password/reset/key/\S+", server.messages_to(user.email)[0])


# A task of this test module: it fails as many times as the test asks.
flaky_runs: list[str] = []
flaky_failures_left = {"count": 0}


@retrying_task(describe=lambda label: f"Flaky work {label}")
def flaky(label: str) -> str:
    flaky_runs.append(label)
    if flaky_failures_left["count"]:
        flaky_failures_left["count"] -= 1
        raise RuntimeError("not yet")
    return label


class BackOffTests:
    @pytest.fixture(autouse=True)
    def _reset(self):
        flaky_runs.clear()
        flaky_failures_left["count"] = 0

    @override_settings(TASK_RETRY_DELAYS=[60, 300, 1800])
    def test_each_retry_waits_longer_and_none_runs_early(self):
        flaky_failures_left["count"] = 10
        start = timezone.now()
        flaky.enqueue("a")
        failure = FailedTask.objects.get()
        delays = []
        for _attempt in range(3):
            delays.append(round((failure.next_attempt_at - failure.last_failed_at).total_seconds()))
            # Not due yet: nothing runs.
            assert run_due_retries(now=failure.next_attempt_at - datetime.timedelta(seconds=1)) == 0
            assert run_due_retries(now=failure.next_attempt_at) == 1
            failure.refresh_from_db()
        assert delays == [60, 300, 1800]
        assert failure.status == FailedTaskStatus.GAVE_UP
        assert failure.attempts == 4
        assert failure.last_error == "RuntimeError: not yet"
        assert failure.first_failed_at >= start
        assert run_due_retries(now=timezone.now() + datetime.timedelta(days=30)) == 0
        assert len(flaky_runs) == 4

    @override_settings(TASK_RETRY_DELAYS=[0])
    def test_work_that_succeeds_is_never_run_again(self):
        flaky.enqueue("b")
        assert flaky_runs == ["b"]
        assert not FailedTask.objects.exists()
        assert run_due_retries() == 0
        assert flaky_runs == ["b"]
        assert mail.outbox == []


def test_the_list_names_each_kind_of_work(cast, client):
    now = timezone.now()
    for path, arguments in [
        ("taskforces.tasks.notify_about_post", {"args": [], "kwargs": {"post_id": 7}}),
        ("search.tasks.sync_page_tree", {"args": [3], "kwargs": {}}),
        ("search.tasks.sync_objects", {"args": ["taskforces.post", ["1", "2"]], "kwargs": {}}),
    ]:
        FailedTask.objects.create(
            task_path=path,
            arguments=arguments,
            status=FailedTaskStatus.GAVE_UP,
            attempts=6,
            last_error="OperationalError: the database went away",
            first_failed_at=now,
            last_failed_at=now,
        )
    client.force_login(cast.secretariat)
    text = client.get("/admin/failed-tasks/").content.decode()
    assert "Notifications about task-force post 7" in text
    assert "Search index update of page 3 and the pages below it" in text
    assert "Search index update of 2 objects (taskforces.post)" in text
    assert text.count("OperationalError: the database went away") == 3
