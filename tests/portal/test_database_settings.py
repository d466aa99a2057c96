"""Each process's PostgreSQL connections come from a bounded pool; SQLite keeps its own."""

import json

from django.conf import settings

import pytest

from tests.servers import database_url, run_manage

POSTGRES = "postgres://portal@127.0.0.1:5432/portal"
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "example.org",
}


def database(**env: str) -> dict:
    """The default database's settings in a process started with ``env``."""
    code = "from django.conf import settings; import json; "
    code += "print(json.dumps(settings.DATABASES['default'], default=str))"
    result = run_manage("shell", "--no-imports", "-c", code, **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_postgresql_connections_come_from_a_pool_of_four_by_default():
    # A persistent connection age left over from an older environment file is ignored:
    # Django refuses it beside a pool.
    config = database(DATABASE_URL=POSTGRES, DATABASE_CONN_MAX_AGE="60")
    assert config["OPTIONS"]["pool"] == {"min_size": 0, "max_size": 4, "timeout": 10.0}
    assert config["CONN_MAX_AGE"] == 0


def test_the_pool_size_and_wait_follow_the_environment():
    config = database(DATABASE_URL=POSTGRES, DATABASE_POOL_MAX="12", DATABASE_POOL_TIMEOUT="2.5")
    assert config["OPTIONS"]["pool"] == {"min_size": 0, "max_size": 12, "timeout": 2.5}


def test_no_pool_keeps_connections_for_their_age():
    config = database(DATABASE_URL=POSTGRES, DATABASE_POOL_MAX="0", DATABASE_CONN_MAX_AGE="60")
    assert "pool" not in config["OPTIONS"]
    assert config["CONN_MAX_AGE"] == 60


def test_sqlite_has_no_pool(tmp_path):
    config = database(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert "pool" not in config["OPTIONS"]
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


# A shell in a production process whose pool holds one connection: one thread takes it
# and keeps it while the code after this prefix runs.
HOLD_THE_ONLY_CONNECTION = """
import threading
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client

held, done = threading.Event(), threading.Event()

def hold():
    connection.ensure_connection()
    held.set()
    done.wait(10)
    connection.close()

threading.Thread(target=hold).start()
held.wait(10)
"""


def while_the_pool_is_busy(code: str):
    return run_manage(
        "shell",
        "--no-imports",
        "-c",
        HOLD_THE_ONLY_CONNECTION + code,
        **PRODUCTION,
        DATABASE_URL=database_url(),
        DATABASE_POOL_MAX="1",
        DATABASE_POOL_TIMEOUT="0.3",
    )


POSTGRESQL_ONLY = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="the connection pool is PostgreSQL's (DATABASE_URL)",
)


@POSTGRESQL_ONLY
@pytest.mark.django_db
def test_a_request_that_finds_the_pool_busy_fails_soon_with_a_clear_error():
    result = while_the_pool_is_busy(
        """
try:
    connection.ensure_connection()
except OperationalError as error:
    print("refused:", error)
finally:
    done.set()
"""
    )
    assert result.returncode == 0, result.stderr
    assert "refused: couldn't get a connection after 0.30 sec" in result.stdout


@POSTGRESQL_ONLY
@pytest.mark.django_db
def test_a_reader_who_finds_the_pool_busy_is_asked_to_come_back_not_shown_an_error():
    result = while_the_pool_is_busy(
        """
try:
    client = Client(HTTP_HOST="example.org", HTTP_ACCEPT_LANGUAGE="fr")
    for path in ("/network/", "/api/catalogue/entries"):
        response = client.get(path, secure=True)
        print(path, response.status_code, response.get("Retry-After"))
        print(response.content.decode())
finally:
    done.set()
"""
    )
    assert result.returncode == 0, result.stderr
    assert "/network/ 503 5" in result.stdout
    assert "/api/catalogue/entries 503 5" in result.stdout
    assert "Le portail est très sollicité" in result.stdout
    assert '"detail"' in result.stdout
    assert "Traceback" not in result.stderr
