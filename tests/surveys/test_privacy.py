"""An office's answers reach its own representatives and the secretariat, nobody else, by
every path the portal has: pages, the CSVs, site search, the sitemap, the feeds, the API,
e-mail and the admin. Members read only the figures, from five offices on."""

import csv
import io

from django.contrib.auth.models import AnonymousUser
from django.core import mail

import pytest

from search import services as search_services
from search.query import search_site

pytestmark = pytest.mark.django_db

SECRET = "Our data centre migration is three years late"


@pytest.fixture
def answered(surveying):
    surveying.answer(0, difficulties=SECRET)
    return surveying


def test_visitors_are_sent_to_sign_in_everywhere(answered, cast, client):
    survey = answered.survey
    for suffix in [
        "",
        "results/",
        "results/export/",
        "responses/export/",
        f"answer/{cast.office_a.code}/",
    ]:
        answer = client.get(survey.url + suffix)
        assert answer.status_code == 302, suffix
        assert "/accounts/login/" in answer["Location"]
    assert client.get(answered.index.url).status_code == 302
    assert client.post(survey.url + f"responses/{cast.office_a.code}/reopen/").status_code == 302


def test_the_index_is_restricted_to_the_network_when_created(answered):
    restrictions = answered.index.get_view_restrictions()
    assert [r.restriction_type for r in restrictions] == ["groups"]


@pytest.mark.parametrize(
    ("who", "reads"), [("member", False), ("cio_b", False), ("cio_a", True), ("secretariat", True)]
)
def test_an_offices_answers_on_the_pages(answered, cast, sign_in, who, reads):
    client = sign_in(getattr(cast, who))
    pages = [
        client.get(answered.survey.url),
        client.get(answered.survey.url + "results/"),
        client.get(answered.index.url),
        client.get(answered.survey.url + f"answer/{cast.office_a.code}/"),
    ]
    text = "".join(page.content.decode() for page in pages)
    assert (SECRET in text) is reads
    for page in pages:
        assert "private" in page.get("Cache-Control", "private")


def test_the_responses_csv_is_the_secretariats_alone(answered, cast, sign_in):
    url = answered.survey.url + "responses/export/"
    for person in [cast.member, cast.cio_a, cast.cio_b]:
        assert sign_in(person).get(url).status_code == 404
    assert "responses/export/" not in sign_in(cast.cio_a).get(answered.survey.url).content.decode()
    answer = sign_in(cast.secretariat).get(url)
    assert answer.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(answer.streaming_content).decode())))
    assert rows[0][:7] == [
        "Office",
        "ST.3 code",
        "Region",
        "Kind of office",
        "Status",
        "Submitted",
        "Submitted by",
    ]
    assert rows[1][0] == "Office A"
    assert rows[1][-1] == SECRET
    assert rows[1][rows[0].index("Technologies in use")] == "AI; Cloud"


def test_csv_cells_cannot_start_a_formula(surveying, cast, sign_in):
    surveying.answer(0, difficulties="=HYPERLINK(1)")
    answer = sign_in(cast.secretariat).get(surveying.survey.url + "responses/export/")
    assert "'=HYPERLINK(1)" in b"".join(answer.streaming_content).decode()


@pytest.mark.parametrize("who", ["member", "cio_a", "secretariat"])
def test_surveys_and_answers_stay_out_of_search(answered, cast, who):
    search_services.entry_sync(obj=answered.survey)
    for word in ["migration", "ICT survey", "priorities"]:
        assert search_site(word, user=getattr(cast, who)).total == 0
    assert search_site("migration", user=AnonymousUser()).total == 0


def test_surveys_are_not_in_the_sitemap_or_the_feeds(answered, client, site_tree):
    assert answered.survey.slug not in client.get("/sitemap.xml").content.decode()
    for feed in ["feed/rss/", "feed/atom/"]:
        body = client.get(site_tree.workshops.url + feed).content.decode()
        assert SECRET not in body
        assert answered.survey.title not in body


def test_the_api_knows_nothing_of_surveys(answered, client):
    body = client.get("/api/catalogue/entries?q=migration").content.decode()
    assert SECRET not in body
    assert client.get(f"/api/catalogue/entries/{answered.survey.slug}").status_code == 404


def test_answering_sends_no_email(surveying, cast, sign_in):
    mail.outbox.clear()
    surveying.answer(1, difficulties=SECRET)
    assert all(SECRET not in message.body for message in mail.outbox)
    assert mail.outbox == []


def test_responses_are_not_in_the_admin(answered, cast, client):
    cast.cio_b.refresh_from_db()
    client.force_login(cast.cio_b)
    for url in ["/admin/", "/admin/pages/search/?q=migration", "/admin/snippets/"]:
        answer = client.get(url)
        assert SECRET not in answer.content.decode(), url
