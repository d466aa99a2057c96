"""Security headers: a Content-Security-Policy on every page, HSTS and cookie flags in
production, and personalised responses that no shared cache may keep."""

import json
import subprocess

from django.test import override_settings

import pytest

from taskforces.models import MembershipRole
from tests import factories
from tests.servers import run_manage

pytestmark = pytest.mark.django_db


def run_production(*args: str) -> subprocess.CompletedProcess:
    """Run manage.py with the production settings, as a deployment would."""
    return run_manage(
        *args,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="production-like-secret-" + "x" * 40,
        ALLOWED_HOSTS="portal.example.org",
    )


HSTS_SETTINGS = ["SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD"]
COOKIE_SETTINGS = [
    f"{cookie}_COOKIE_{flag}"
    for cookie in ("SESSION", "CSRF", "LANGUAGE")
    for flag in ("SECURE", "SAMESITE", "HTTPONLY")
]


@pytest.fixture(scope="module")
def production():
    """The values the production settings module gives the header and cookie settings."""
    names = HSTS_SETTINGS + COOKIE_SETTINGS
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = run_production("shell", "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.fixture
def portal(site_tree, cast):
    """One page of each kind, a task force the member belongs to, with a thread."""
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, slug="ai-tools")
    factories.MembershipFactory(taskforce=taskforce, user=cast.member, role=MembershipRole.MEMBER)
    thread = factories.ThreadFactory(taskforce=taskforce, author=cast.member)
    factories.PostFactory(thread=thread, author=cast.member)
    entry = factories.CatalogueEntryPageFactory(parent=site_tree.catalogue, title="Classifier")
    workshop = factories.WorkshopPageFactory(parent=site_tree.workshops, title="Workshop")
    article = factories.NewsArticlePageFactory(parent=site_tree.news, title="Article")
    return {
        "tree": site_tree,
        "taskforce": taskforce,
        "thread": thread,
        "entry": entry,
        "workshop": workshop,
        "article": article,
    }


def public_pages(portal) -> dict[str, str]:
    tree = portal["tree"]
    return {
        "home": "/",
        "standard page": tree.about.url,
        "office index": tree.network.url,
        "catalogue": tree.catalogue.url,
        "catalogue entry": portal["entry"].url,
        "task forces": tree.taskforces.url,
        "task force": portal["taskforce"].url,
        "workshops": tree.workshops.url,
        "workshop": portal["workshop"].url,
        "news": tree.news.url,
        "news article": portal["article"].url,
        "search": "/search/?q=classifier",
        "sign-in": "/accounts/login/",
        "not found": "/no-such-page/",
    }


def personalised_pages(portal, cast) -> dict[str, tuple[str, dict]]:
    """Responses to a signed-in member, each with the headers its request is sent with."""
    tree, taskforce, thread = portal["tree"], portal["taskforce"], portal["thread"]
    htmx = {"HTTP_HX_REQUEST": "true"}
    pages = {name: (url, {}) for name, url in public_pages(portal).items() if name != "sign-in"}
    pages.update(
        {
            "office page": (cast.office_a.url, {}),
            "office people": (cast.office_a.url + "people/", {}),
            "workspace": (taskforce.workspace_url(), {}),
            "thread": (taskforce.workspace_url("thread", thread.pk), {}),
            "thread fragment": (taskforce.workspace_url("thread", thread.pk), htmx),
            "documents": (taskforce.workspace_url("document_list"), {}),
            "meetings": (taskforce.workspace_url("meeting_list"), {}),
            "decisions": (taskforce.workspace_url("decision_log"), {}),
            "actions": (taskforce.workspace_url("actions"), {}),
            "my workshops": ("/my/workshops/", {}),
            "my profile": ("/accounts/profile/", {}),
            "notifications": ("/my/notifications/", {}),
            "my action items": ("/my/action-items/", {}),
            "search suggestions fragment": ("/search/suggestions/?q=class", htmx),
            "catalogue results fragment": (
                tree.catalogue.url + "?q=class",
                {**htmx, "HTTP_HX_TARGET": "catalogue-results"},
            ),
            "catalogue questions": (tree.catalogue.url + "questions/", {}),
            "catalogue export JSON": (tree.catalogue.url + "export/json/", {}),
            "catalogue API": ("/api/catalogue/entries", {}),
            "catalogue API entry": (f"/api/catalogue/entries/{portal['entry'].pk}", {}),
        }
    )
    return pages


class ContentSecurityPolicyTests:
    def test_every_kind_of_page_carries_a_strict_policy(self, client, portal):
        checked = 0
        for name, url in public_pages(portal).items():
            response = client.get(url)
            assert response.status_code in (200, 404), (name, response.status_code)
            policy = directives(response)
            assert policy["default-src"] == ["'self'"], name
            assert policy["object-src"] == ["'none'"], name
            assert policy["base-uri"] == ["'self'"], name
            assert policy["form-action"] == ["'self'"], name
            assert policy["frame-ancestors"] == ["'none'"], name
            assert policy["img-src"] == ["'self'", "data:"], name
            assert "'unsafe-inline'" not in response["Content-Security-Policy"], name
            assert "'unsafe-eval'" not in response["Content-Security-Policy"], name
            checked += 1
        assert checked == 14

    def test_signed_in_pages_carry_the_policy_too(self, as_role, portal, cast):
        client = as_role("member")
        for name, (url, headers) in personalised_pages(portal, cast).items():
            response = client.get(url, **headers)
            assert response.status_code in (200, 404), (name, response.status_code)
            assert "Content-Security-Policy" in response, name
            assert "'unsafe-inline'" not in response["Content-Security-Policy"], name

    def test_a_bad_request_carries_the_policy(self, client, portal):
        response = client.get("/", HTTP_HOST="not-an-allowed-host.example")
        assert response.status_code == 400
        assert directives(response)["default-src"] == ["'self'"]

    def test_websockets_to_the_site_itself_are_allowed(self, client, portal):
        policy = directives(client.get("/"))
        assert policy["connect-src"] == ["'self'", "ws://testserver", "wss://testserver"]

    def test_the_admin_has_its_own_looser_policy(self, editor_client, portal):
        response = editor_client.get("/admin/")
        assert response.status_code == 200
        policy = directives(response)
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        # Wagtail's own templates carry inline scripts and styles; previews are framed.
        assert "'unsafe-inline'" in policy["script-src"]
        assert policy["frame-ancestors"] == ["'self'"]

    def test_htmx_is_told_not_to_inject_styles_or_evaluate_code(self, client, portal):
        html = client.get("/").content.decode()
        assert '"includeIndicatorStyles": false' in html
        assert '"allowEval": false' in html


class ProductionSettingsTests:
    def test_hsts_lasts_a_year_and_covers_subdomains(self, client, portal, production):
        with override_settings(**{name: production[name] for name in HSTS_SETTINGS}):
            response = client.get("/", secure=True)
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"

    def test_check_deploy_finds_nothing_to_warn_about(self):
        result = run_production("check", "--deploy", "--fail-level", "WARNING")
        assert result.returncode == 0, result.stderr
        assert "no issues" in result.stdout

    def test_every_cookie_is_secure_and_same_site(self, client, cast, portal, production):
        seen = {}
        with override_settings(**{name: production[name] for name in COOKIE_SETTINGS}):
            # The sign-in form sets the CSRF cookie, signing in the session cookie.
            responses = [client.get("/accounts/login/", secure=True)]
            responses.append(
                client.post(
                    "/accounts/login/",
                    {"login": cast.member.email, "password": "a-test-password"},
                    secure=True,
                )
            )
            responses.append(
                client.post("/i18n/setlang/", {"language": "fr", "next": "/"}, secure=True)
            )
            # Someone without a second factor is sent away from the admin with a message.
            client.force_login(factories.UserFactory(is_staff=True))
            responses.append(client.get("/admin/", secure=True))
            for response in responses:
                # A cookie being deleted carries nothing worth protecting.
                seen.update({name: m for name, m in response.cookies.items() if m.value})
        assert {"csrftoken", "sessionid", "django_language", "messages"} <= set(seen)
        for name, morsel in seen.items():
            assert morsel["secure"], name
            assert morsel["samesite"] in ("Lax", "Strict"), name
        assert seen["django_language"]["httponly"]
        assert seen["sessionid"]["httponly"]


class CacheControlTests:
    def test_personalised_responses_are_never_stored_by_a_cache(self, as_role, portal, cast):
        client = as_role("member")
        missing = []
        pages = personalised_pages(portal, cast)
        for name, (url, headers) in pages.items():
            response = client.get(url, **headers)
            assert response.status_code in (200, 404), (name, response.status_code)
            cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
            if not {"private", "no-store"} <= cache_control:
                missing.append(name)
        assert len(pages) >= 20
        assert missing == []

    def test_a_response_that_sets_a_cookie_is_never_stored(self, client, portal):
        response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
        assert response.status_code == 302
        assert "django_language" in response.cookies
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]

    def test_anonymous_public_pages_stay_cacheable(self, client, portal):
        for url in ["/", portal["tree"].about.url, portal["entry"].url, "/api/catalogue/entries"]:
            response = client.get(url)
            assert response.status_code == 200, url
            assert "no-store" not in response.get("Cache-Control", ""), url
            assert "private" not in response.get("Cache-Control", ""), url
            # A shared cache would not keep a response that sets a cookie.
            assert not response.cookies, (url, list(response.cookies))
        # Caches keep one copy per language and per cookie header.
        assert {"Cookie", "Accept-Language"} <= {
            part.strip() for part in client.get("/")["Vary"].split(",")
        }

    def test_the_language_switcher_works_for_a_visitor_without_a_token(self, client, portal):
        client.handler.enforce_csrf_checks = True
        response = client.post("/i18n/setlang/", {"language": "fr", "next": "/about/"})
        assert response.status_code == 302
        assert response.cookies["django_language"].value == "fr"
        assert 'lang="fr"' in client.get("/").content.decode()
