"""`load_demo` builds a believable site from the facts of the first High-Level Dialogue."""

import io

from django.apps import apps
from django.core.management import call_command

from wagtail.models import Locale, Page, Revision

import pytest
from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup

from catalogue.models import Adoption, CatalogueEntryPage, Category, Question
from network.models import Member, OfficeKind, OfficePage, User
from portal.demo.loading import DEMO_PASSWORD
from portal.workshops.models import WorkshopPage, WorkshopStatus
from taskforces.models import (
    Decision,
    DocumentVersion,
    ForumPage,
    Meeting,
    Membership,
    Post,
    TaskForcePage,
    Thread,
)
from tests.localize import own_url

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "admin"}
    }


def test_demo_has_the_dialogues_offices(demo_site):
    offices = OfficePage.objects.live()
    assert offices.filter(kind=OfficeKind.NATIONAL).count() == 46
    assert set(offices.filter(kind=OfficeKind.REGIONAL).values_list("acronym", flat=True)) == {
        "OAPI",
        "BOIP",
        "EAPO",
        "EPO",
        "EUIPO",
    }
    assert set(offices.filter(kind=OfficeKind.REGIONAL).values_list("code", flat=True)) == {
        "OA",
        "BX",
        "EA",
        "EP",
        "EM",
    }
    korea = offices.get(code="KR")
    assert korea.country.name == "Republic of Korea"
    assert list(korea.official_languages.values_list("code", flat=True)) == ["ko"]


def test_demo_people_are_fictional_with_example_addresses(demo_site):
    people = User.objects.all()
    assert 5 <= people.count() <= 20
    assert all(user.email.endswith("@example.org") for user in people)
    assert Member.objects.filter(role="cio").count() >= 4


def test_demo_has_the_ai_task_force_with_threads_a_meeting_and_decisions(demo_site):
    taskforce = TaskForcePage.objects.get(slug="ai-tools")
    assert Membership.objects.filter(taskforce=taskforce, role="chair").count() == 1
    assert Membership.objects.filter(taskforce=taskforce, role="observer").exists()
    titles = set(Thread.objects.filter(taskforce=taskforce).values_list("title", flat=True))
    assert {
        "AI for patent classification: what is everyone using?",
        "Machine translation of patent documents",
        "LLMs for examination support: where do we draw the line?",
    } <= titles
    assert Post.objects.filter(thread__taskforce=taskforce).count() >= 8
    assert all(post.body_html for post in Post.objects.filter(thread__taskforce=taskforce))
    meeting = Meeting.objects.get(taskforce=taskforce, title="First meeting of the task force")
    assert meeting.minutes
    assert meeting.attendees.exists()
    assert Decision.objects.filter(taskforce=taskforce, meeting=meeting).count() == 2
    assert DocumentVersion.objects.filter(document__taskforce=taskforce).count() == 2


def test_demo_has_the_forum_with_categories_and_threads(demo_site, client):
    forum = ForumPage.objects.get(slug="forum", locale__language_code="en")
    assert forum.show_in_menus and forum.open_to_network
    assert [category.name for category in forum.categories.all()] == [
        "Announcements from the secretariat",
        "Questions to peers",
        "AI",
        "Standards",
    ]
    assert forum.categories.get(moderators_only=True).name.startswith("Announcements")
    threads = Thread.objects.filter(taskforce=forum)
    assert threads.count() == 4
    assert all(thread.category for thread in threads)
    # Kwame Mensah is in no task force, and reads and posts in the forum all the same.
    mensah = User.objects.get(email="k.mensah@example.org")
    assert not Membership.objects.filter(user=mensah).exists()
    client.force_login(mensah)
    page = client.get(forum.workspace_url()).content.decode()
    assert "Who has moved to cloud hosting for e-filing?" in page
    assert "Converting sequence listings to ST.26" in page


def test_demo_has_the_past_dialogue_and_an_upcoming_hackathon(demo_site):
    dialogue = WorkshopPage.objects.get(
        slug="high-level-dialogue-on-ict-2025", locale__language_code="en"
    )
    assert dialogue.city == "Geneva"
    assert (dialogue.start_date.isoformat(), dialogue.end_date.isoformat()) == (
        "2025-04-14",
        "2025-04-16",
    )
    assert dialogue.status() == WorkshopStatus.PAST
    hackathon = WorkshopPage.objects.get(kind="hackathon")
    assert hackathon.status() == WorkshopStatus.UPCOMING


def test_demo_workshops_are_the_ones_the_issue_names(demo_site):
    dialogue = WorkshopPage.objects.get(
        slug="high-level-dialogue-on-ict-2025", locale__language_code="en"
    )
    days = [day.value for day in dialogue.agenda]
    assert [day["date"].isoformat() for day in days] == ["2025-04-14", "2025-04-15", "2025-04-16"]
    themes = [
        session["title"]
        for day in days
        for session in day["sessions"]
        if session["title"].startswith("Theme ")
    ]
    assert len(themes) == 11
    assert dialogue.materials and dialogue.is_past
    kinds = {page.kind: page for page in WorkshopPage.objects.live() if not page.is_past}
    assert {"workshop", "webinar", "hackathon"} <= set(kinds)
    assert "WIPO standards" in kinds["workshop"].title
    assert "AI for" in kinds["webinar"].title
    hackathon = kinds["hackathon"]
    assert "IP office operations" in hackathon.title
    assert hackathon.challenges.count() == 3
    assert hackathon.teams.count() == 2
    assert hackathon.submission_deadline() is not None


def test_demo_catalogue_holds_wipos_solutions_and_offices_tools(demo_site):
    entries = CatalogueEntryPage.objects.live()
    assert 35 <= entries.count() <= 45
    titles = set(entries.values_list("title", flat=True))
    assert {"IPAS", "WIPO File", "WIPO Publish", "WIPO Sequence", "WIPO Translate"} <= titles
    assert entries.exclude(provider_offices__code="WO").distinct().count() >= 20
    # Every category has entries, AI-related ones carry their AI profile.
    assert not Category.objects.originals().filter(entries__isnull=True).exists()
    assert not entries.filter(category__ai_related=True, ai_task="").exists()
    assert Adoption.objects.count() >= 20
    assert Question.objects.exclude(answered_at=None).count() == 1


def test_every_demo_page_renders(demo_site, client):
    pages = Page.objects.live().exclude(depth=1).specific()
    assert pages.count() > 80
    # Pages behind a view restriction (consultations, surveys) are read by a member.
    public = set(pages.public().values_list("pk", flat=True))
    member = User.objects.get(email="h.sato@example.org")
    for page in pages:
        address = own_url(page)  # translations at their own addresses (/fr/a-propos/)
        if page.pk in public:
            client.logout()
        else:
            client.force_login(member)
        response = client.get(address)
        assert response.status_code == 200, f"{address} answered {response.status_code}"
        heading = BeautifulSoup(response.content, "html.parser").h1.get_text(" ", strip=True)
        assert page.title in heading or page.specific_class.__name__ == "HomePage"


def test_loading_the_demo_twice_changes_nothing(demo_site):
    before = row_counts()
    revisions = Revision.objects.count()
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert row_counts() == before
    assert Revision.objects.count() == revisions
    assert "nothing to add" in output.getvalue()


def test_load_demo_reports_its_progress(demo_site):
    assert "Offices: 52 (52 new)" in demo_site
    assert "Catalogue entries:" in demo_site


def test_load_demo_if_empty_leaves_an_existing_site_alone(demo_site):
    output = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=output)
    assert "already has content" in output.getvalue()


def test_the_demo_secretariat_signs_in_and_is_asked_for_two_factor_before_the_admin(
    demo_site, client
):
    response = client.post(
        "/accounts/login/",
        {"login": "secretariat@example.org", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"


# What load_demo creates in the project's own models: the demo's content kept exactly as
# the pages, the README and the other tests describe it. Models are named without their
# app, so the counts survive a model moving between the project's apps.
PROJECT_PACKAGES = {"portal", "network", "catalogue", "taskforces"}
DEMO_ROWS = {
    # The taxonomies (but WIPO standards) in six languages: the originals and five
    # translations each.
    "Region": 48,
    "Language": 192,
    "Category": 72,
    "WipoStandard": 11,
    "OfficePage": 52,
    "OfficeSystem": 4,
    "User": 14,
    "Member": 14,
    "SeatTerm": 12,
    "CatalogueEntryPage": 42,
    "EntryRelease": 42,
    "Adoption": 23,
    "Interest": 3,
    "Question": 1,
    "Assessment": 17,
    "AssessmentAnswer": 136,
    # The task force, and the forum (a kind of task-force page) in six languages.
    "TaskForcePage": 7,
    "ForumPage": 6,
    "ForumCategory": 24,
    "Membership": 7,
    "Thread": 8,
    "Post": 16,
    "Meeting": 2,
    "Proposal": 2,
    "ProposalResponse": 10,
    "Decision": 2,
    "ActionItem": 3,
    "Document": 1,
    "DocumentVersion": 2,
    "Speaker": 8,
    # The High-Level Dialogue and the first article in six languages (translated pages).
    "WorkshopPage": 9,
    "WorkshopSegment": 3,
    "RegistrationQuestion": 6,
    "HackathonChallenge": 3,
    "Registration": 12,
    "Feedback": 2,
    "Team": 2,
    "TeamMembership": 4,
    "NewsArticlePage": 8,
    "ConsultationPage": 1,
    "Comment": 3,
    "SurveyPage": 1,
    "SurveyQuestion": 11,
    "SurveyResponse": 11,
}


def test_demo_creates_the_same_rows_as_it_always_has(demo_site):
    counts = {
        model.__name__: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.split(".")[0] in PROJECT_PACKAGES
    }
    assert {name: counts.get(name) for name in DEMO_ROWS} == DEMO_ROWS
    # 119 pages, and 50 translations: ten pages in five languages.
    assert Page.objects.count() == 169
    assert EmailAddress.objects.filter(verified=True).count() == 14
    assert "Done: 654 new items." in demo_site


def test_demo_pages_keep_their_addresses(demo_site):
    paths = set(Page.objects.live().values_list("url_path", flat=True))
    assert {
        "/home/about/",
        "/home/network/jp/",
        "/home/catalogue/ipas/",
        "/home/catalogue/figurative-trademark-search/",
        "/home/task-forces/ai-tools/",
        "/home/workshops/high-level-dialogue-on-ict-2025/",
        "/home/workshops/codefest-tools-for-ip-office-operations/",
        "/home/news/network-launched/",
    } <= paths


@pytest.mark.parametrize("language", ["fr", "es", "ru", "zh-hans", "ar"])
def test_the_demo_shows_the_translated_site_at_once(client, demo_site, db, language):
    """The home page, the sections, About, the forum, a news article and the High-Level
    Dialogue are translated through wagtail-localize and published in each language."""
    from wagtail_localize.models import Translation

    translated = Page.objects.filter(locale__language_code=language).live()
    # The home page, six sections, the forum, an article, a workshop.
    assert translated.count() == 10
    assert Translation.objects.filter(target_locale__language_code=language).count() == 10
    for page in translated.filter(depth__gt=2):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.html["lang"] == language
        assert page.title in soup.get_text()
        english = page.get_translation(Locale.get_default())
        if english.title != page.title:  # "Catalogue" is French too
            assert english.title not in soup.select_one("h1").get_text(), page.url
