"""What bench/pages.py asks for: the pages of the demo content, a signed-in member, and
the SQL queries each page makes. Runs inside a process whose Django is set up."""

from dataclasses import dataclass

SEARCH_QUERY = "patent"
MEMBER_EMAIL = "bench-member@example.org"


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    signed_in: bool = False
    # A visitor's page, which a page cache may keep (asked again when X-Cache shows).
    cacheable: bool = False


def first_url(model) -> str:
    page = model.objects.live().public().filter(locale__language_code="en").first()
    if page is None:
        raise SystemExit(f"The demo content has no {model.__name__}.")
    return page.url


def task_force():
    from taskforces.models import TaskForcePage, Thread

    taskforce = TaskForcePage.objects.live().filter(locale__language_code="en").first()
    thread = Thread.objects.filter(taskforce=taskforce).order_by("pk").first()
    if taskforce is None or thread is None:
        raise SystemExit("The demo content has no task force with a thread.")
    return taskforce, thread


def discover() -> list[Page]:
    """The trivial view first, then one page of each kind from the demo content."""
    from catalogue.models import CatalogueEntryPage, CatalogueIndexPage
    from network.models import OfficePage
    from portal.models import NewsArticlePage
    from portal.workshops.models import WorkshopPage

    taskforce, thread = task_force()
    visitor = [
        ("home", "/"),
        ("catalogue", first_url(CatalogueIndexPage)),
        ("entry", first_url(CatalogueEntryPage)),
        ("office", first_url(OfficePage)),
        ("workshop", first_url(WorkshopPage)),
        ("news", first_url(NewsArticlePage)),
        ("search", f"/search/?q={SEARCH_QUERY}"),
    ]
    member = [
        ("home (member)", "/"),
        ("catalogue (member)", first_url(CatalogueIndexPage)),
        ("workspace (member)", taskforce.workspace_url("workspace")),
        ("thread (member)", taskforce.workspace_url("thread", thread.pk)),
        ("notifications (member)", "/my/notifications/"),
    ]
    return [
        Page("trivial", "/bench/trivial/"),
        *(Page(label, path, cacheable=label != "search") for label, path in visitor),
        *(Page(label, path, signed_in=True) for label, path in member),
    ]


def member_session() -> str:
    """A member of the first task force, signed in: the Cookie header for wrk. The
    session is stored in the database as a sign-in stores it (no second factor: members
    need one for the admin only)."""
    from django.test import Client

    from network.models import Member, User
    from taskforces.models import Membership, MembershipRole

    taskforce, _thread = task_force()
    user = User.objects.filter(email=MEMBER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=MEMBER_EMAIL, first_name="Bench")
        Member.objects.create(user=user)
    Membership.objects.get_or_create(
        taskforce=taskforce, user=user, defaults={"role": MembershipRole.MEMBER}
    )
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def count_queries(pages: list[Page], cookie: str) -> dict[str, dict]:
    """SQL queries of each page, signed out and in, after one request to warm up; rendered,
    not served from the visitors' page cache (whose hits make none)."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    session = cookie.split("=", 1)[1]
    counts = {}
    for page in pages:
        counts[page.label] = {}
        for state in ("out", "in"):
            if page.signed_in and state == "out":
                counts[page.label][state] = None
                continue
            client = Client(HTTP_ACCEPT_ENCODING="gzip")
            if state == "in":
                client.cookies["sessionid"] = session
            with override_settings(PORTAL_PAGE_CACHE=False):
                response = client.get(page.path)
                if response.status_code != 200:
                    raise SystemExit(f"{page.path} signed {state}: {response.status_code}")
                with CaptureQueriesContext(connection) as captured:
                    client.get(page.path)
            counts[page.label][state] = len(captured)
    return counts
