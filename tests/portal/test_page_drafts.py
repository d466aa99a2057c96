"""Drafts of every page type, in the admin, as each role that may write them: create,
save a draft, edit it, preview it, view it, submit it and see it approved or published.

A draft is read from its latest revision, an unsaved copy of the page whose relations
live in memory; every step must work on it as it does on the live page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import reverse

from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from tests import factories
from tests.workshops.test_admin import workshop_form

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Draft title 7Qx"


class Refs:
    """Taxonomy rows and pages that the forms refer to."""

    def __init__(self, cast, site_tree):
        self.cast = cast
        self.site_tree = site_tree
        self.language = factories.LanguageFactory(code="en", name="English")
        self.region = factories.RegionFactory(name="Europe", slug="europe")
        self.category = factories.CategoryFactory(name="Analytics", slug="analytics")

    def consultation_index(self) -> Page:
        index = factories.ConsultationIndexPageFactory._meta.model.objects.first()
        return index or factories.ConsultationIndexPageFactory(parent=self.site_tree.home)

    def survey_index(self) -> Page:
        index = factories.SurveyIndexPageFactory._meta.model.objects.first()
        return index or factories.SurveyIndexPageFactory(parent=self.site_tree.home)


@dataclass(frozen=True)
class PageCase:
    """One page type: where it lives, its admin form, and the words its draft must show."""

    model: str
    parent: Callable[[Refs], Page]
    form: Callable[[Refs], dict]
    multiple: Callable[[Refs], dict] = lambda refs: {}
    # Words from a relation of the draft (tags, offices, inline children) that the preview
    # and "view draft" must show, so reading relations on a revision is exercised.
    shown: tuple[str, ...] = ()
    singleton: bool = False
    # Who reads the published page: consultations are for the network's members.
    reader: str = "visitor"

    @property
    def page_model(self) -> type[Page]:
        return apps.get_model(self.model)


def index_form(refs):
    return {"title": "Area", "slug": "area", "intro": "Welcome to this area."}


def entry_form(refs):
    return {
        "title": "Register checker",
        "slug": "register-checker",
        "kind": "solution",
        "category": refs.category.pk,
        "summary": "Finds gaps in register data.",
        "description": streamfield([("paragraph", rich_text("<p>Rules and reports.</p>"))]),
        "lifecycle": "pilot",
        "licence": "free",
        "tags": "registers",
        "releases": inline_formset([{"version": "3.2", "released_on": "2025-03-01"}]),
        "links": inline_formset([{"title": "Manual", "url": "https://docs.example.org/"}]),
        "screenshots": inline_formset([]),
    }


def entry_multiple(refs):
    return {
        "provider_offices": [refs.cast.office_a.pk],
        "languages": [refs.language.pk],
    }


def office_form(refs, *, code="CC", slug="cc"):
    return {
        "title": "Office C",
        "slug": slug,
        "code": code,
        "kind": "national",
        "country": "FR",
        "region": refs.region.pk,
        "time_zone": "Europe/Paris",
        "summary": "Grants patents and marks.",
        "systems": inline_formset([{"name": "Docket tracker", "supplier": "in-house"}]),
    }


def office_multiple(refs):
    return {"official_languages": [refs.language.pk], "working_languages": [refs.language.pk]}


def workshop_case_form(refs):
    return workshop_form(
        title="Workshop on ST.96",
        slug="workshop-st96",
        reference="WS/1",
        summary="Moving to ST.96.",
        segments=inline_formset(
            [
                {
                    "title": "Heads of ICT morning",
                    "access": "invitation",
                    "when": "",
                    "description": "",
                }
            ]
        ),
        questions=inline_formset(
            [{"label": "Visa letter?", "kind": "yes_no", "required": "on", "choices": ""}]
        ),
    )


def workshop_multiple(refs):
    return {"languages": [refs.language.pk], "segments-0-invited_offices": [refs.cast.office_a.pk]}


CASES = {
    "home": PageCase(
        "portal.HomePage",
        parent=lambda refs: refs.site_tree.home.get_parent(),
        form=lambda refs: {
            "title": "Home",
            "slug": refs.site_tree.home.slug,
            "heading": "The network of CIOs",
            "intro": rich_text("<p>Offices working together.</p>"),
            "body": streamfield([]),
        },
        singleton=True,
    ),
    "standard": PageCase(
        "portal.StandardPage",
        parent=lambda refs: refs.site_tree.home,
        form=lambda refs: {
            "title": "Terms of use",
            "slug": "terms",
            "intro": "How the portal may be used.",
            "body": streamfield([("paragraph", rich_text("<p>Be kind.</p>"))]),
        },
    ),
    "office_index": PageCase(
        "network.OfficeIndexPage", lambda refs: refs.site_tree.home, index_form, singleton=True
    ),
    "catalogue_index": PageCase(
        "catalogue.CatalogueIndexPage", lambda refs: refs.site_tree.home, index_form, singleton=True
    ),
    "taskforce_index": PageCase(
        "taskforces.TaskForceIndexPage",
        lambda refs: refs.site_tree.home,
        index_form,
        singleton=True,
    ),
    "workshop_index": PageCase(
        "workshops.WorkshopIndexPage", lambda refs: refs.site_tree.home, index_form, singleton=True
    ),
    "news_index": PageCase(
        "portal.NewsIndexPage", lambda refs: refs.site_tree.home, index_form, singleton=True
    ),
    "news_article": PageCase(
        "portal.NewsArticlePage",
        parent=lambda refs: refs.site_tree.news,
        form=lambda refs: {
            "title": "Survey results",
            "slug": "survey-results",
            "date": "2025-04-20",
            "summary": "42 member states answered.",
            "body": streamfield([("paragraph", rich_text("<p>Details.</p>"))]),
        },
    ),
    "office": PageCase(
        "network.OfficePage",
        parent=lambda refs: refs.site_tree.network,
        form=office_form,
        multiple=office_multiple,
        shown=("Docket tracker", "English"),
    ),
    "catalogue_entry": PageCase(
        "catalogue.CatalogueEntryPage",
        parent=lambda refs: refs.site_tree.catalogue,
        form=entry_form,
        multiple=entry_multiple,
        shown=("registers", "Office A", "English", "3.2", "Manual"),
    ),
    "taskforce": PageCase(
        "taskforces.TaskForcePage",
        parent=lambda refs: refs.site_tree.taskforces,
        form=lambda refs: {
            "title": "Task force on cloud",
            "slug": "cloud",
            "summary": "Cloud for IP offices.",
            "mandate": rich_text("<p>Share landing zones.</p>"),
            "status": "proposed",
            "how_to_join": "Ask the chair.",
        },
        multiple=lambda refs: {"related_categories": [refs.category.pk]},
        shown=("Analytics",),
    ),
    "forum": PageCase(
        "taskforces.ForumPage",
        parent=lambda refs: refs.site_tree.home,
        form=lambda refs: {
            "title": "Forum",
            "slug": "forum",
            "summary": "Where members ask each other.",
            "mandate": rich_text("<p>Be kind.</p>"),
            "categories": inline_formset(
                [{"name": "Questions to peers", "description": "", "moderators_only": ""}]
            ),
        },
        shown=("Questions to peers",),
    ),
    "workshop": PageCase(
        "workshops.WorkshopPage",
        parent=lambda refs: refs.site_tree.workshops,
        form=workshop_case_form,
        multiple=workshop_multiple,
        shown=("Heads of ICT morning", "English"),
    ),
    "consultations": PageCase(
        "consultations.ConsultationIndexPage",
        lambda refs: refs.site_tree.home,
        index_form,
        singleton=True,
        reader="member",
    ),
    "consultation": PageCase(
        "consultations.ConsultationPage",
        parent=lambda refs: refs.consultation_index(),
        form=lambda refs: {
            "title": "Next steps after the Dialogue",
            "slug": "next-steps",
            "reference": "HLD/2",
            "intro": "For consideration and comments.",
            "text": streamfield([("paragraph", rich_text("<p>A maturity index.</p>"))]),
            "opens_at": "2026-01-05 09:00",
            "closes_at": "2026-02-05 17:00",
            "audience": "members",
            "summary": rich_text(""),
        },
        shown=("A maturity index.",),
        reader="member",
    ),
    "surveys": PageCase(
        "surveys.SurveyIndexPage",
        lambda refs: refs.site_tree.home,
        index_form,
        singleton=True,
        reader="member",
    ),
    "survey": PageCase(
        "surveys.SurveyPage",
        parent=lambda refs: refs.survey_index(),
        form=lambda refs: {
            "title": "Survey of priorities",
            "slug": "priorities",
            "reference": "HLD/SURVEY",
            "intro": "Your office's priorities.",
            "opens_at": "2026-01-05 09:00",
            "closes_at": "2026-02-05 17:00",
            "audience": "all",
            "questions": inline_formset(
                [
                    {
                        "ORDER": "",
                        "label": "Which emerging technologies do you pilot?",
                        "help_text": "",
                        "field_type": "multiline",
                        "required": True,
                        "choices": "",
                        "default_value": "",
                    }
                ]
            ),
        },
        shown=("Which emerging technologies do you pilot?",),
        reader="member",
    ),
}


def test_every_page_type_has_a_case():
    page_types = {
        model._meta.label
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and not model._meta.abstract
    }
    assert page_types == {case.model for case in CASES.values()}


@dataclass
class DraftRun:
    """Walks one page through the admin as one person, checking every answer."""

    client: object
    case: PageCase
    refs: Refs
    data: dict = field(default_factory=dict)
    page: Page | None = None

    def post_data(self, action: str | None, **changes) -> dict:
        fields = {**self.case.form(self.refs), **changes}
        data = {**nested_form_data(fields), **self.case.multiple(self.refs)}
        if action:
            data[f"action-{action}"] = action
        return data

    def create_draft(self):
        parent = self.case.parent(self.refs)
        model = self.case.page_model
        add_url = reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )
        assert self.client.get(add_url).status_code == 200
        preview_url = reverse(
            "wagtailadmin_pages:preview_on_add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )
        self.check_preview(preview_url, self.post_data(None), self.case.form(self.refs)["title"])
        response = self.client.post(add_url, self.post_data("draft"))
        assert response.status_code == 302, _form_errors(response)
        self.page = model.objects.child_of(parent).get(slug=self.case.form(self.refs)["slug"])
        assert not self.page.live
        assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        assert self.client.get(response["Location"]).status_code == 200

    def edit_draft(self):
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        assert self.client.get(edit_url).status_code == 200
        response = self.client.post(edit_url, self.post_data("draft", title=DRAFT_TITLE))
        assert response.status_code == 302, _form_errors(response)
        response = self.client.get(edit_url)
        assert response.status_code == 200
        assert DRAFT_TITLE in response.content.decode()

    def check_preview(self, url, data, title):
        response = self.client.post(url, data)
        assert response.status_code == 200
        assert response.json()["is_valid"], response.json()
        response = self.client.get(url)
        assert response.status_code == 200
        self.assert_shows(response, title)

    def preview_and_view_draft(self):
        preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.page.pk])
        self.check_preview(preview_url, self.post_data(None, title=DRAFT_TITLE), DRAFT_TITLE)
        response = self.client.get(reverse("wagtailadmin_pages:view_draft", args=[self.page.pk]))
        assert response.status_code == 200
        self.assert_shows(response, DRAFT_TITLE)

    def assert_shows(self, response, title):
        text = response.content.decode()
        for words in (title, *self.case.shown):
            assert words in text, f"{words!r} is missing from the draft's preview"

    def submit(self) -> WorkflowState | None:
        """Submit for moderation where a workflow applies; publish otherwise."""
        workflow = self.page.get_workflow()
        action = "submit" if workflow is not None else "publish"
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        response = self.client.post(edit_url, self.post_data(action, title=DRAFT_TITLE))
        assert response.status_code == 302, _form_errors(response)
        if workflow is None:
            return None
        state = WorkflowState.objects.for_instance(self.page).get()
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        return state

    def approve(self, approver_client, state: WorkflowState):
        task_state = state.current_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[self.page.pk, "approve", task_state.pk]
        )
        # The approver previews what they approve, from the moderation dashboard.
        preview = approver_client.get(
            reverse("wagtailadmin_pages:workflow_preview", args=[self.page.pk, task_state.task_id])
        )
        assert preview.status_code == 200
        self.assert_shows(preview, DRAFT_TITLE)
        response = approver_client.post(url, {"comment": "Fine.", "checklist": ["provider"]})
        assert response.status_code == 302

    def assert_published(self, visitor_client):
        self.page.refresh_from_db()
        assert self.page.live
        assert self.page.title == DRAFT_TITLE
        response = visitor_client.get(self.page.url)
        assert response.status_code == 200
        assert DRAFT_TITLE in response.content.decode()


def _form_errors(response):
    context = getattr(response, "context", None)
    if context and "form" in context:
        return context["form"].errors.as_json()
    return response.content[:2000]


@pytest.fixture
def refs(cast, site_tree):
    return Refs(cast, site_tree)


def _remove_existing(case: PageCase, refs: Refs):
    """A singleton area index is created afresh: the tree's own copy goes first."""
    case.page_model.objects.all().delete()


def walk(client, case, refs, approver, *, create=True, existing=None):
    run = DraftRun(client, case, refs)
    if create:
        run.create_draft()
    else:
        run.page = existing
    run.edit_draft()
    run.preview_and_view_draft()
    state = run.submit()
    if state is not None:
        run.approve(approver(), state)
    return run


SECRETARIAT_CREATES = [name for name in CASES if name != "home"]


@pytest.mark.parametrize("name", SECRETARIAT_CREATES)
def test_secretariat_drafts_previews_and_publishes_a_new_page(name, as_role, refs, client):
    case = CASES[name]
    if case.singleton:
        _remove_existing(case, refs)
    run = walk(as_role("secretariat"), case, refs, lambda: as_role("secretariat"))
    run.assert_published(as_role(case.reader))


def test_secretariat_drafts_previews_and_publishes_the_home_page(as_role, refs):
    case = CASES["home"]
    run = walk(
        as_role("secretariat"),
        case,
        refs,
        lambda: as_role("secretariat"),
        create=False,
        existing=refs.site_tree.home,
    )
    run.assert_published(as_role("visitor"))


def test_office_representative_proposes_an_entry_the_secretariat_approves(as_role, refs):
    run = walk(as_role("cio_a"), CASES["catalogue_entry"], refs, lambda: as_role("secretariat"))
    run.assert_published(as_role("visitor"))


def test_office_representative_drafts_and_publishes_their_office_page(as_role, refs):
    office = refs.cast.office_a
    case = PageCase(
        "network.OfficePage",
        parent=lambda refs: refs.site_tree.network,
        form=lambda refs: office_form(refs, code=office.code, slug=office.slug),
        multiple=office_multiple,
        shown=CASES["office"].shown,
    )
    run = walk(
        as_role("cio_a"), case, refs, lambda: as_role("secretariat"), create=False, existing=office
    )
    run.assert_published(as_role("visitor"))


def test_office_representative_revises_their_proposal_after_changes_are_requested(as_role, refs):
    run = DraftRun(as_role("cio_a"), CASES["catalogue_entry"], refs)
    run.create_draft()
    state = run.submit()
    reviewer = as_role("secretariat")
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[run.page.pk, "reject", state.current_task_state.pk],
    )
    assert reviewer.post(url, {"comment": "Name the licence."}).status_code == 302
    run.client = as_role("cio_a")
    run.edit_draft()
    run.preview_and_view_draft()
    state = run.submit()
    run.approve(as_role("secretariat"), state)
    run.assert_published(as_role("visitor"))


@pytest.mark.parametrize("role", ["secretariat", "cio_a"])
def test_draft_of_a_published_entry_opens_for_editors(role, as_role, refs):
    """A published entry with a newer draft: edit, preview and view draft all open."""
    run = walk(as_role("cio_a"), CASES["catalogue_entry"], refs, lambda: as_role("secretariat"))
    run.client = as_role(role)
    run.client.post(
        reverse("wagtailadmin_pages:edit", args=[run.page.pk]),
        run.post_data("draft", title="Second draft", tags="xmlschema"),
    )
    response = run.client.get(reverse("wagtailadmin_pages:view_draft", args=[run.page.pk]))
    assert response.status_code == 200
    assert "xmlschema" in response.content.decode()
    assert run.client.get(reverse("wagtailadmin_pages:edit", args=[run.page.pk])).status_code == 200
