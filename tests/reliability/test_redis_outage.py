"""Redis stops: pages still render, and posting still works.

Redis carries the cache and the channel layer; losing it must cost live updates and
cached data, never a page.
"""

import re
import time

import pytest
import requests

from taskforces.models import Post
from tests import factories
from tests.reliability.conftest import session_cookie

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def main_pages(site_tree, workspace) -> list[str]:
    post = workspace.post
    return [
        "/",
        site_tree.catalogue.url,
        site_tree.network.url,
        site_tree.workshops.url,
        site_tree.news.url,
        workspace.taskforce.url,
        workspace.url(),
        workspace.thread_url,
        workspace.url("post_history", workspace.thread.pk, post.pk),
    ]


def test_every_main_page_renders_while_redis_is_down(
    site_tree, workspace, redis_server, portal_server
):
    factories.NewsArticlePageFactory(parent=site_tree.news, title="Network meets in Geneva")
    http = requests.Session()
    http.cookies.set("sessionid", session_cookie(workspace.member))
    pages = main_pages(site_tree, workspace)
    for path in pages:
        assert http.get(f"http://{portal_server}{path}", timeout=10).status_code == 200, path

    redis_server.kill()

    answers = {}
    for path in pages:
        started = time.monotonic()
        status = http.get(f"http://{portal_server}{path}", timeout=10).status_code
        answers[path] = (status, round(time.monotonic() - started, 2))
    assert {path: status for path, (status, _) in answers.items()} == dict.fromkeys(pages, 200)
    assert max(seconds for _, seconds in answers.values()) < 1.5, answers


def test_a_post_sent_by_the_form_is_stored_while_redis_is_down(
    workspace, redis_server, portal_server
):
    http = requests.Session()
    http.cookies.set("sessionid", session_cookie(workspace.member))
    page = http.get(f"http://{portal_server}{workspace.thread_url}", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    redis_server.kill()

    posted = http.post(
        f"http://{portal_server}{workspace.thread_url}",
        data={"csrfmiddlewaretoken": token, "body": "Written during the outage"},
        allow_redirects=False,
        timeout=10,
    )
    assert posted.status_code == 302
    assert Post.objects.filter(body="Written during the outage").count() == 1
    thread_page = http.get(f"http://{portal_server}{workspace.thread_url}", timeout=10)
    assert thread_page.status_code == 200
    assert "Written during the outage" in thread_page.text
