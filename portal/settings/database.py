"""The database connection, from the values base.py reads out of the environment.

On PostgreSQL each process borrows its connections from a bounded pool (psycopg_pool,
through Django's "pool" option) instead of keeping one per thread. Under uvicorn Django
runs every synchronous view in a thread of its own, one per request: with persistent
connections (CONN_MAX_AGE > 0) each of those threads left a connection open behind it,
and eight busy clients took PostgreSQL to its 100 connections. A pooled connection goes
back to the pool at the end of each request, so a process holds at most ``pool_max``
whatever its number of threads, and a request that finds them all busy waits
``pool_timeout`` seconds, then fails with an error that says so ("couldn't get a
connection after 10.00 sec") rather than hang. docs/deployment.md, "Database
connections", has the measurements and the count for a whole deployment.
"""


def database(config: dict, *, pool_max: int, pool_timeout: float) -> dict:
    """Django's settings for a database parsed from its URL (dj_database_url).

    With ``pool_max`` 0 Django keeps its own connections (persistent for the config's
    CONN_MAX_AGE); with a pool, CONN_MAX_AGE is 0, since Django refuses both.
    """
    options = config.setdefault("OPTIONS", {})
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # SQLite has one writer. Taking the write lock when a transaction begins makes
        # concurrent requests wait their turn instead of failing with "database is locked"
        # when two of them try to turn a read into a write.
        options.update({"transaction_mode": "IMMEDIATE", "timeout": 20})
    elif config["ENGINE"] == "django.db.backends.postgresql" and pool_max > 0:
        config["CONN_MAX_AGE"] = 0
        # Connections opened as requests need them, none at start: a sync gunicorn worker
        # then holds one, as it did with persistent connections (with min_size 1 the
        # pool's first request opened a second). One idle for ten minutes is closed
        # (psycopg_pool's max_idle).
        options["pool"] = {"min_size": 0, "max_size": pool_max, "timeout": pool_timeout}
    return config
