"""Redis stops: visitors' pages, served from the cache in Redis, are rendered afresh
instead, and are cached again once Redis is back."""

import pytest
import requests

from portal.models import Secretariat
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_visitors_pages_render_without_the_cache_while_redis_is_down(
    site_tree, redis_server, portal_server
):
    factories.NewsArticlePageFactory(parent=site_tree.news, title="Network meets in Geneva")
    Secretariat.load()
    url = f"http://{portal_server}/"

    def visit():
        return requests.get(url, timeout=10)

    assert visit().headers.get("X-Cache") == "miss"
    assert visit().headers.get("X-Cache") == "hit"

    redis_server.kill()
    for _ in range(3):
        answer = visit()
        assert answer.status_code == 200
        assert "Network meets in Geneva" in answer.text
        assert answer.headers.get("X-Cache") is None
        assert answer.elapsed.total_seconds() < 1.5

    redis_server.start()
    assert visit().headers.get("X-Cache") == "miss"
    assert visit().headers.get("X-Cache") == "hit"
