"""A circuit breaker for the search cluster, so a dead cluster is not asked on every request.

Closed: requests go through and failures are counted. After ``failures`` failures in a
row it opens: nobody asks the cluster for ``cooldown`` seconds. Then it is half-open:
one caller tries; success closes it, failure opens it for another cooldown.

The state lives in Django's cache, so every process of the site shares it; when the cache
itself fails (Redis down), each process keeps its own state in memory instead, and the
breaker goes on working. Written here rather than taken from pybreaker, which holds one
lock across the whole protected call (one thread waiting on a stalled cluster would hold
up every search in the process) and shares state only through its own Redis client.
"""

import hashlib
import logging
import time

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

# Where the state is kept while the shared cache does not answer.
_local_state = LocMemCache("search-breaker", {"OPTIONS": {"MAX_ENTRIES": 1000}})
# After the shared cache fails, it is left alone for this long (seconds).
CACHE_RETRY_AFTER = 5.0
_cache_down_until = 0.0


def _store(operation: str, *args, **kwargs):
    """Run a cache operation on the shared cache, or on this process's memory if it fails."""
    global _cache_down_until
    if time.monotonic() >= _cache_down_until:
        try:
            return getattr(cache, operation)(*args, **kwargs)
        except Exception:  # noqa: BLE001 - any cache failure: keep the state in memory
            logger.warning("Cache unavailable; the search breaker keeps its state in memory.")
            _cache_down_until = time.monotonic() + CACHE_RETRY_AFTER
    return getattr(_local_state, operation)(*args, **kwargs)


class CircuitBreaker:
    """Tells callers whether to ask a remote service, from its recent failures."""

    def __init__(self, name: str, *, failures: int, cooldown: float):
        key = hashlib.sha256(name.encode()).hexdigest()[:16]
        self.name = name
        self.failures = max(failures, 1)
        self.cooldown = cooldown
        self._failures_key = f"search-breaker:{key}:failures"
        self._open_until_key = f"search-breaker:{key}:open-until"
        self._trial_key = f"search-breaker:{key}:trial"

    @property
    def state(self) -> str:
        open_until = _store("get", self._open_until_key)
        if open_until is None:
            return "closed"
        return "open" if time.time() < open_until else "half-open"

    def allows(self) -> bool:
        """Whether to ask now: always when closed, never when open, and for one caller
        at a time once the cooldown is over."""
        open_until = _store("get", self._open_until_key)
        if open_until is None:
            return True
        if time.time() < open_until:
            return False
        # The trial expires with the cooldown, so a caller that never reports back
        # does not keep the breaker half-open for ever.
        return bool(_store("add", self._trial_key, 1, timeout=self.cooldown))

    def record_success(self) -> None:
        if _store("get_many", [self._failures_key, self._open_until_key]):
            _store("delete_many", [self._failures_key, self._open_until_key, self._trial_key])
            logger.info("Search breaker for %s closed: the cluster answers again.", self.name)

    def record_failure(self) -> None:
        # Failures that stop for a while are forgotten: only a run of them opens it.
        _store("add", self._failures_key, 0, timeout=self.cooldown * 4)
        try:
            count = _store("incr", self._failures_key)
        except ValueError:  # Expired between the two calls.
            count = 1
        half_open = _store("get", self._open_until_key) is not None
        if half_open or count >= self.failures:
            self.open()

    def open(self) -> None:
        # Kept well past the cooldown: its presence after the cooldown means half-open.
        _store("set", self._open_until_key, time.time() + self.cooldown, timeout=self.cooldown * 20)
        _store("delete", self._trial_key)
        logger.warning(
            "Search breaker for %s open: the cluster is not asked for %s s.",
            self.name,
            self.cooldown,
        )
