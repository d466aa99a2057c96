"""Members to mention: the reply box's look-up answers the task force's readers with its
own members, and everyone else with a JSON refusal."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from taskforces.services.threads import post_create
from tests import factories
from tests.conftest import make_member
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def look_up(client, workspace, typed: str):
    return client.get(workspace.url("mention_lookup"), {"q": typed})


def handles(response) -> list[str]:
    return [member["handle"] for member in response.json()["members"]]


def test_a_member_finds_members_by_the_start_of_a_first_or_last_name(workspace, sign_in_as):
    client = sign_in_as("member")
    response = look_up(client, workspace, "an")
    assert response.status_code == 200
    assert response.json()["members"] == [
        {"handle": "ana.alves", "name": "Ana Alves", "office": "Office A"}
    ]
    assert handles(look_up(client, workspace, "Berg")) == ["bo.berg"]
    assert handles(look_up(client, workspace, "ana.al")) == ["ana.alves"]


def test_only_the_task_forces_own_members_are_offered(workspace, sign_in_as):
    # Olga Outsider is in the network, not in the task force.
    assert handles(look_up(sign_in_as("chair"), workspace, "olga")) == []
    assert handles(look_up(sign_in_as("chair"), workspace, "o")) == []


def test_the_writer_is_not_offered_to_themselves(workspace, sign_in_as):
    assert handles(look_up(sign_in_as("member"), workspace, "mo")) == []
    assert handles(look_up(sign_in_as("chair"), workspace, "mo")) == ["mo.member"]


@pytest.mark.parametrize("role", ["visitor", "outsider"])
def test_people_outside_the_task_force_get_a_json_404(workspace, sign_in_as, role):
    response = look_up(sign_in_as(role), workspace, "an")
    assert response.status_code == 404
    assert response.json() == {"error": "No such workspace."}


def test_the_secretariat_may_look_up_as_it_reads_every_workspace(workspace, sign_in_as):
    assert handles(look_up(sign_in_as("secretariat"), workspace, "bo")) == ["bo.berg"]


@pytest.mark.parametrize("typed", ["", "<script>", "a" * 51])
def test_a_look_up_of_something_no_handle_holds_is_a_json_400(workspace, sign_in_as, typed):
    response = look_up(sign_in_as("member"), workspace, typed)
    assert response.status_code == 400
    assert "error" in response.json()


def test_namesakes_are_numbered_and_each_handle_reaches_its_own_person(workspace, sign_in_as):
    """Two members named alike: the earlier account has the plain handle, the later one the
    same with ".2"; the look-up, the members page and the mention parser agree."""
    twin = make_member(first_name="Ana", last_name="Alves")
    factories.MembershipFactory(taskforce=workspace.taskforce, user=twin)
    client = sign_in_as("member")
    found = look_up(client, workspace, "ana").json()["members"]
    assert [member["handle"] for member in found] == ["ana.alves", "ana.alves.2"]
    members_page = client.get(workspace.url("members")).content.decode()
    assert "@ana.alves.2" in members_page
    post = post_create(
        thread=workspace.thread, author=workspace.member, body="Thanks @ana.alves.2 for this."
    )
    assert list(post.mentions.all()) == [twin]


def test_a_look_up_costs_the_same_queries_however_many_members(workspace, sign_in_as):
    client = sign_in_as("member")
    url = workspace.url("mention_lookup") + "?q=ana"
    few = count_queries(client, url)
    for n in range(12):
        user = make_member(first_name="Ana", last_name=f"Other{n}")
        factories.MembershipFactory(taskforce=workspace.taskforce, user=user)
    assert count_queries(client, url) == few
    # At most eight are offered.
    assert len(client.get(url).json()["members"]) == 8


def test_a_post_without_a_mention_saves_without_reading_the_members(workspace):
    """A post is saved with its thread locked: the members are read only for an "@"."""

    def queries_of(body: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            post_create(thread=workspace.thread, author=workspace.member, body=body)
        return len(queries)

    queries_of("The first post moves the author's read position; the next ones update it.")
    plain = queries_of("No one named here.")
    assert queries_of("Mail me at x@example.org, not a mention.") == plain
    assert queries_of("Is @nobody.here in this task force?") == plain + 1  # the members
    assert queries_of("Thanks @ana.alves for this.") > plain + 1  # and the mention's rows
