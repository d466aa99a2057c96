"""`load_demo` creates accounts with a published password, so production never runs it."""

import io

from django.core.management import CommandError, call_command
from django.test import override_settings

import pytest

from network.models import OfficePage, User

pytestmark = pytest.mark.django_db


def test_load_demo_refuses_production_and_creates_nothing():
    output = io.StringIO()
    with (
        override_settings(PORTAL_ENVIRONMENT="production"),
        pytest.raises(CommandError, match="refuses to run with production settings"),
    ):
        call_command("load_demo", stdout=output)
    assert not OfficePage.objects.exists()
    assert not User.objects.exists()
