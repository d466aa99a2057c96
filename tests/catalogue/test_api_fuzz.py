"""The catalogue API, fuzzed from its own OpenAPI document: no request it can be sent
answers 5xx, and every status and body it answers is one the document lists.

Runs in-process against the WSGI application with a fixed seed and a bounded number of
cases per operation, so it is repeatable in CI and needs no network.
"""

from django.core.signals import request_finished, request_started
from django.db import close_old_connections

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from catalogue.api import api
from portal.wsgi import application
from tests import factories

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# The document the API serves at /api/catalogue/openapi.json, built without a request.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application


@pytest.fixture
def wsgi_keeps_the_test_transaction():
    """The WSGI handler closes the connection after each request; the test's transaction
    must outlive the requests, as Django's own test client arranges."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def entries(db, site_tree, cast, wsgi_keeps_the_test_transaction):
    for title in ("Shared e-filing", "Patent translation"):
        entry = factories.CatalogueEntryPageFactory(
            parent=site_tree.catalogue, title=title, provider_offices=[cast.office_a]
        )
        entry.save_revision().publish()


@schema.parametrize()
@settings(
    max_examples=50,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_generated_request_gets_a_documented_answer(case, entries):
    # The test transport does not decompress; the API's JSON is gzipped for real clients
    # (tests/portal/test_compression.py).
    case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})


# What a tester found answering 500 before: a NUL character in a filter, and an id of
# digits str.isdigit() accepts but int() refuses.
REPORTED = [
    ("/api/catalogue/entries", {}, {"tag": "\x00"}),
    ("/api/catalogue/entries", {}, {"q": "\x00"}),
    ("/api/catalogue/entries", {}, {"category": "\x00"}),
    ("/api/catalogue/entries", {}, {"office": "\x00"}),
    ("/api/catalogue/entries/{key}", {"key": "\u00b3"}, {}),
    ("/api/catalogue/entries/{key}", {"key": "\u0661\u0662"}, {}),
    ("/api/catalogue/entries/{key}", {"key": "9" * 40}, {}),
]


@pytest.mark.parametrize(("path", "path_parameters", "query"), REPORTED)
def test_reported_inputs_get_a_documented_answer(entries, path, path_parameters, query):
    case = schema[path]["GET"].Case(path_parameters=path_parameters, query=query)
    response = case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})
    assert 400 <= response.status_code < 500
