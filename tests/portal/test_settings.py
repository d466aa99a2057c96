"""Production settings refuse to start without what a public deployment needs."""

import ast
import os
from pathlib import Path

from django.conf import settings

import pytest

from tests.servers import run_manage


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="portal.settings.production", ALLOWED_HOSTS="example.org"
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="portal.settings.production", SECRET_KEY="x" * 50
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_starts_with_both(tmp_path):
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr


def test_production_settings_have_no_load_demo_command(tmp_path):
    # The demo app is installed by the development and test settings only.
    result = run_manage(
        "load_demo",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode != 0
    assert "Unknown command: 'load_demo'" in result.stderr


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="DATABASE_URL does not name a PostgreSQL database",
)
def test_database_url_selects_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")
def test_redis_url_selects_the_channel_layer_and_cache():
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"


def test_only_base_settings_read_the_environment():
    # One place decides what the environment changes (.env.example lists it); the topic
    # modules base.py imports and dev/test/production only build on what it read.
    readers = {"environ", "getenv", "env_flag", "env_list", "dj_database_url"}
    for module in Path(settings.BASE_DIR, "portal", "settings").glob("*.py"):
        names = {
            node.id if isinstance(node, ast.Name) else node.attr
            for node in ast.walk(ast.parse(module.read_text()))
            if isinstance(node, ast.Name | ast.Attribute)
        }
        if module.name != "base.py":
            assert not names & readers, module.name
