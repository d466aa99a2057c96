"""What members look for: queries logged without the person, shown to the secretariat
alone, and after a year kept only as monthly counts."""

import datetime

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

import pytest

from search.models import LoggedQuery, QueryMonthCount, QuerySource
from search.query_log import query_log_record
from tests import factories

pytestmark = pytest.mark.django_db

REPORT = "/admin/queries/"
UNMET = "quokka registry"


@pytest.fixture
def corpus(site_tree, cast, reindex):
    factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue,
        title="Patent translation",
        summary="Neural translation of claims.",
        provider_offices=[cast.office_a],
    )
    factories.NewsArticlePageFactory(parent=site_tree.news, title="Translation news")
    reindex()
    return site_tree


def test_a_search_logs_one_row_and_nothing_about_the_person(client, corpus, cast):
    client.force_login(cast.member)
    response = client.get("/search/", {"q": "  TRANSLATION   News ", "kind": "news"})
    assert response.status_code == 200
    row = LoggedQuery.objects.get()
    assert row.source == QuerySource.SITE
    assert row.query == "translation news"
    assert row.language == "en"
    assert row.filters == "kind=news"
    assert row.results == 1
    assert row.day == timezone.localdate()
    # Further pages of the same search are not searches of their own.
    client.get("/search/", {"q": "translation", "page": 2})
    assert LoggedQuery.objects.count() == 1


def test_the_log_has_no_field_that_could_name_someone():
    for model in (LoggedQuery, QueryMonthCount):
        assert not [field for field in model._meta.get_fields() if field.is_relation]
    assert {field.name for field in LoggedQuery._meta.get_fields()} == {
        "id",
        "source",
        "query",
        "language",
        "filters",
        "results",
        "day",
    }


def test_an_empty_or_refused_search_is_not_logged(client, corpus):
    assert client.get("/search/", {"q": "   "}).status_code == 200
    assert client.get("/search/", {"q": "translation", "year": "1066"}).status_code == 400
    assert (
        client.get("/catalogue/", {"q": "patent", "tag": [f"t{n}" for n in range(50)]}).status_code
        == 400
    )
    assert not LoggedQuery.objects.exists()


class CatalogueQueryTests:
    def test_the_listing_logs_a_settled_query_with_its_filters(self, client, corpus):
        assert client.get("/catalogue/", {"q": "Patent", "kind": "service"}).status_code == 200
        row = LoggedQuery.objects.get()
        assert (row.source, row.query, row.filters) == ("catalogue", "patent", "kind=service")

    def test_a_query_being_typed_is_not_logged_until_it_is_submitted(self, client, corpus):
        htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "catalogue-results"}
        typing = client.get("/catalogue/", {"q": "pat"}, HTTP_HX_TRIGGER="catalogue-q", **htmx)
        assert typing.status_code == 200
        assert not LoggedQuery.objects.exists()
        client.get("/catalogue/", {"q": "patent"}, HTTP_HX_TRIGGER="catalogue-filters", **htmx)
        row = LoggedQuery.objects.get()
        assert (row.query, row.results) == ("patent", 1)

    def test_the_search_box_types_through_its_own_request(self, client, corpus):
        text = client.get("/catalogue/").content.decode()
        assert 'hx-trigger="change, submit"' in text
        assert 'id="catalogue-q"' in text and 'hx-trigger="input changed delay:400ms"' in text


class ReportTests:
    def test_the_months_zero_result_queries_are_the_secretariats_alone(self, client, corpus, cast):
        client.get("/search/", {"q": UNMET})
        client.get("/search/", {"q": "translation"})
        client.get("/catalogue/", {"q": UNMET})
        assert LoggedQuery.objects.filter(results=0).count() == 2

        secretariat = Client()
        secretariat.force_login(cast.secretariat)
        page = secretariat.get(REPORT)
        assert page.status_code == 200
        report = page.context["report"]
        assert [(row.query, row.source) for row in report.zero_results] == [
            (UNMET, "catalogue"),
            (UNMET, "site"),
        ]
        assert "translation" in [row.query for row in report.frequent]
        assert UNMET in page.content.decode()
        assert REPORT in secretariat.get("/admin/").content.decode()

        # An office's head of ICT uses the admin, but sees none of it.
        office_admin = Client()
        office_admin.force_login(cast.cio_a)
        refused = office_admin.get(REPORT)
        assert refused.status_code in (302, 403)
        assert UNMET not in refused.content.decode()
        assert REPORT not in office_admin.get("/admin/").content.decode()
        assert office_admin.get(REPORT, {"export": "1"}).status_code in (302, 403)

        # Nor do members, visitors, the site's pages, its search, API or sitemap.
        for person in (cast.member, None):
            reader = Client()
            if person:
                reader.force_login(person)
            assert reader.get(REPORT).status_code in (302, 403)
            for url in ("/", "/catalogue/", "/api/catalogue/entries/", "/sitemap.xml"):
                assert UNMET not in reader.get(url).content.decode()
            found = reader.get("/search/", {"q": "quokka"})
            assert found.context["results"].total == 0

    def test_the_month_can_be_chosen_and_exported(self, client, corpus, cast):
        last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(
            day=1
        )
        LoggedQuery.objects.create(
            source="site", query="trademark", language="fr", results=0, day=last_month
        )
        client.force_login(cast.secretariat)
        assert client.get(REPORT).context["report"].zero_results == []
        chosen = client.get(REPORT, {"month": f"{last_month:%Y-%m}"})
        assert [row.query for row in chosen.context["report"].zero_results] == ["trademark"]
        export = client.get(REPORT, {"month": f"{last_month:%Y-%m}", "export": "1"})
        lines = b"".join(export.streaming_content).decode().splitlines()
        assert lines == [
            "Query,Language,Where,Searches,Found nothing",
            "trademark,fr,Site search,1,1",
        ]

    def test_a_month_that_is_not_one_is_explained(self, client, cast):
        client.force_login(cast.secretariat)
        response = client.get(REPORT, {"month": "2026-13"})
        assert response.status_code == 400
        assert response.context["form"].errors["month"]


class PruneTests:
    def test_rows_a_year_old_become_monthly_counts(self, client, cast):
        today = timezone.localdate()
        old = today - datetime.timedelta(days=400)
        for results in (0, 0, 3):
            LoggedQuery.objects.create(
                source="catalogue", query="ocr", language="es", results=results, day=old
            )
        LoggedQuery.objects.create(source="site", query="ocr", language="es", results=0, day=today)

        call_command("prune_query_log", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("prune_query_log", stdout=open("/dev/null", "w"))  # noqa: SIM115

        assert list(LoggedQuery.objects.values_list("day", flat=True)) == [today]
        count = QueryMonthCount.objects.get()
        assert (count.month, count.source, count.query, count.language) == (
            old.replace(day=1),
            "catalogue",
            "ocr",
            "es",
        )
        assert (count.searches, count.zero_result_searches) == (3, 2)

        client.force_login(cast.secretariat)
        report = client.get(REPORT, {"month": f"{old:%Y-%m}"}).context["report"]
        assert [(row.query, row.searches, row.zero_result_searches) for row in report.frequent] == [
            ("ocr", 3, 2)
        ]
        assert report.frequent[0].zero_share == 67

    def test_the_prune_is_scheduled_daily(self, settings):
        job = settings.PORTAL_SCHEDULE["query-log-prune"]
        assert job["command"] == "prune_query_log" and "cron" in job


class FailedWriteTests:
    def test_a_write_the_database_refuses_is_reported_not_raised(self, caplog):
        assert query_log_record(source="site", query="nul\x00byte", filters={}, results=0) is False
        assert not LoggedQuery.objects.exists()
        assert "could not be logged" in caplog.text

    def test_the_search_is_answered_when_the_log_cannot_be_written(self, client, corpus):
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {LoggedQuery._meta.db_table} RENAME TO gone")
        response = client.get("/search/", {"q": "translation"})
        assert response.status_code == 200
        assert response.context["results"].total == 2
        catalogue = client.get("/catalogue/", {"q": "patent"})
        assert catalogue.status_code == 200
