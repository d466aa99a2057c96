"""Background work that is retried: django-tasks tasks with back-off and a record of failures.

django-tasks 0.12 and django-tasks-db 0.13 run a task once: a failure is only logged
(immediate backend) or kept as a failed result row (database backend), and nothing runs
it again. A task declared with ``retrying_task`` records each failure in ``FailedTask``;
``run_due_retries`` (the ``run_task_retries`` command, scheduled every minute) queues
the due ones again through whichever backend is configured. After the last delay the
failure stays listed for the secretariat, who can retry it by hand.

A retry carries the id of its failure and first claims it with a conditional update, so
two queued retries of the same failure (the scheduler and a click on "Retry now") never
both do the work: an e-mail that went out is not sent again.
"""

import functools
import logging
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from django_tasks import task
from django_tasks.utils import normalize_json

from portal.models import FailedTask, FailedTaskStatus

logger = logging.getLogger(__name__)

# The keyword argument with which a retry names the failure it answers for.
RETRY_OF = "retry_of_failure"

_descriptions: dict[str, Callable[..., str]] = {}


def retrying_task(*, describe: Callable[..., str], **task_options):
    """Declare a django-tasks task whose failures are recorded and retried with back-off.

    ``describe`` gets the task's arguments and names the work for the secretariat's list
    (e.g. an e-mail's subject and recipients); it must reveal nothing private beyond that.
    """

    def decorator(func):
        path = f"{func.__module__}.{func.__qualname__}"

        @functools.wraps(func)
        def run(*args, **kwargs):
            failure_id = kwargs.pop(RETRY_OF, None)
            if failure_id is not None and not _claim(failure_id):
                logger.info("Skipped a retry of %s: already done or under way", path)
                return None
            try:
                result = func(*args, **kwargs)
            except Exception as error:
                _record_failure(path, args, kwargs, failure_id, error)
                # The backend records the failed attempt too (and the immediate backend
                # keeps it from reaching the request that queued the work).
                raise
            if failure_id is not None:
                FailedTask.objects.filter(pk=failure_id).delete()
                logger.info("Retry of %s succeeded", path)
            return result

        _descriptions[path] = describe
        return task(**task_options)(run)

    return decorator


def _claim(failure_id: int) -> bool:
    return bool(
        FailedTask.objects.filter(pk=failure_id, status=FailedTaskStatus.QUEUED).update(
            status=FailedTaskStatus.RUNNING
        )
    )


def error_text(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def _record_failure(path, args, kwargs, failure_id, error) -> None:
    now = timezone.now()
    failure = FailedTask.objects.filter(pk=failure_id).first() if failure_id else None
    if failure is None:
        failure = FailedTask(
            task_path=path,
            arguments=normalize_json({"args": list(args), "kwargs": kwargs}),
            first_failed_at=now,
        )
    failure.attempts += 1
    failure.last_error = error_text(error)
    failure.last_failed_at = now
    delays = settings.TASK_RETRY_DELAYS
    if failure.attempts <= len(delays):
        failure.status = FailedTaskStatus.WAITING
        failure.next_attempt_at = now + timedelta(seconds=delays[failure.attempts - 1])
    else:
        failure.status = FailedTaskStatus.GAVE_UP
        failure.next_attempt_at = None
    failure.save()
    if failure.status == FailedTaskStatus.GAVE_UP:
        logger.error(
            "Gave up on %s after %d attempts: %s", path, failure.attempts, failure.last_error
        )


def describe(failure: FailedTask) -> str:
    """What the failed work was, in the words of its task's ``describe``."""
    try:
        # Importing the task's module registers its description.
        import_string(failure.task_path)
        description = _descriptions[failure.task_path]
        return str(description(*failure.arguments["args"], **failure.arguments["kwargs"]))
    except (ImportError, KeyError, TypeError, ValueError):
        return failure.task_path


def queue_retry(
    failure_id: int,
    *,
    from_statuses=(FailedTaskStatus.WAITING, FailedTaskStatus.QUEUED, FailedTaskStatus.GAVE_UP),
) -> bool:
    """Queue one more attempt now; False if it is under way, resolved or cannot be queued."""
    queued = FailedTask.objects.filter(pk=failure_id, status__in=from_statuses).update(
        status=FailedTaskStatus.QUEUED, next_attempt_at=None
    )
    if not queued:
        return False
    failure = FailedTask.objects.get(pk=failure_id)
    try:
        background_task = import_string(failure.task_path)
        background_task.enqueue(
            *failure.arguments["args"], **failure.arguments["kwargs"], **{RETRY_OF: failure.pk}
        )
    except Exception as error:
        logger.exception("Could not queue a retry of %s", failure.task_path)
        FailedTask.objects.filter(pk=failure_id, status=FailedTaskStatus.QUEUED).update(
            status=FailedTaskStatus.GAVE_UP, last_error=error_text(error)
        )
        return False
    return True


def run_due_retries(*, now=None) -> int:
    """Queue every failure whose next attempt is due; returns how many were queued."""
    due = FailedTask.objects.filter(
        status=FailedTaskStatus.WAITING, next_attempt_at__lte=now or timezone.now()
    ).order_by("next_attempt_at", "pk")
    return sum(
        queue_retry(pk, from_statuses=(FailedTaskStatus.WAITING,))
        for pk in due.values_list("pk", flat=True)
    )
