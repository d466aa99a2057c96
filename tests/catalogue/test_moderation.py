"""Proposals: an office's representative proposes an entry in the admin, the secretariat
reviews it against the checklist, and the proposer hears the outcome."""

from django.core import mail
from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from catalogue.models import CatalogueEntryPage, EntryReview, ReviewDecision
from tests import factories

pytestmark = pytest.mark.django_db


def proposal_data(category, office, **changes) -> dict:
    fields = {
        "title": "Register data quality checker",
        "slug": "register-data-quality-checker",
        "kind": "solution",
        "category": category.pk,
        "summary": "Finds gaps and errors in register data before publication.",
        "description": streamfield([("paragraph", rich_text("<p>Rules and reports.</p>"))]),
        "lifecycle": "pilot",
        "licence": "free",
        "tags": "data quality",
        "releases": inline_formset([]),
        "links": inline_formset([]),
        "screenshots": inline_formset([]),
    }
    fields.update(changes)
    data = nested_form_data(fields)
    data["provider_offices"] = [office.pk]
    return data


def submit(client, index, data):
    url = reverse("wagtailadmin_pages:add", args=["catalogue", "catalogueentrypage", index.pk])
    return client.post(url, {**data, "action-submit": "submit"})


def decide(client, entry, action, **data):
    task_state = WorkflowState.objects.for_instance(entry).get().current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[entry.pk, action, task_state.pk])
    return client.post(url, data)


class ProposalTests:
    @pytest.fixture
    def category(self):
        return factories.CategoryFactory(name="Analytics", slug="analytics")

    @pytest.fixture
    def proposed(self, client, cast, site_tree, category):
        client.force_login(cast.cio_a)
        response = submit(client, site_tree.catalogue, proposal_data(category, cast.office_a))
        assert response.status_code == 302, response.context["form"].errors
        mail.outbox.clear()
        return CatalogueEntryPage.objects.get(slug="register-data-quality-checker")

    def test_proposal_waits_for_review_unpublished(self, proposed, cast):
        assert not proposed.live
        assert proposed.owner == cast.cio_a
        state = WorkflowState.objects.for_instance(proposed).get()
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.workflow.name == "Catalogue review"

    def test_secretariat_approves_with_checklist_and_proposer_is_told(self, client, proposed, cast):
        client.force_login(cast.secretariat)
        response = decide(
            client,
            proposed,
            "approve",
            comment="Clear and complete.",
            checklist=["provider", "description", "licence"],
        )
        assert response.status_code == 302
        proposed.refresh_from_db()
        assert proposed.live
        review = EntryReview.objects.get(entry=proposed)
        assert review.decision == ReviewDecision.APPROVED
        assert review.reviewer == cast.secretariat
        assert review.checklist == ["provider", "description", "licence"]
        assert review.comment == "Clear and complete."
        to_proposer = [message for message in mail.outbox if cast.cio_a.email in message.to]
        assert len(to_proposer) == 1
        assert "approved" in to_proposer[0].subject.lower()
        # The checklist is kept with the entry, on its admin page.
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[proposed.pk])).content.decode()
        assert "Clear and complete." in edit
        assert "No confidential or personal data" in edit

    def test_secretariat_rejects_with_comment_and_proposer_is_told(self, client, proposed, cast):
        client.force_login(cast.secretariat)
        decide(client, proposed, "reject", comment="Please name the licence of the rules.")
        proposed.refresh_from_db()
        assert not proposed.live
        review = EntryReview.objects.get(entry=proposed)
        assert review.decision == ReviewDecision.REJECTED
        to_proposer = [message for message in mail.outbox if cast.cio_a.email in message.to]
        assert len(to_proposer) == 1
        assert "Please name the licence of the rules." in to_proposer[0].body

    def test_proposer_cannot_approve_their_own_proposal(self, client, proposed, cast):
        client.force_login(cast.cio_a)
        decide(client, proposed, "approve", comment="")
        proposed.refresh_from_db()
        assert not proposed.live
        assert not EntryReview.objects.exists()

    def test_cio_cannot_publish_directly(self, client, cast, site_tree, category):
        client.force_login(cast.cio_a)
        url = reverse(
            "wagtailadmin_pages:add",
            args=["catalogue", "catalogueentrypage", site_tree.catalogue.pk],
        )
        client.post(url, {**proposal_data(category, cast.office_a), "action-publish": "publish"})
        entry = CatalogueEntryPage.objects.get(slug="register-data-quality-checker")
        assert not entry.live

    def test_cio_cannot_propose_for_another_office(self, client, cast, site_tree, category):
        client.force_login(cast.cio_a)
        response = submit(client, site_tree.catalogue, proposal_data(category, cast.office_b))
        assert response.status_code == 200
        assert "provider_offices" in response.context["form"].errors
        assert not CatalogueEntryPage.objects.filter(slug="register-data-quality-checker").exists()

    def test_cio_is_offered_only_their_own_office(self, client, cast, site_tree):
        client.force_login(cast.cio_a)
        url = reverse(
            "wagtailadmin_pages:add",
            args=["catalogue", "catalogueentrypage", site_tree.catalogue.pk],
        )
        form = client.get(url).context["form"]
        assert list(form.fields["provider_offices"].queryset) == [cast.office_a]

    def test_ai_category_requires_the_ai_profile(self, client, cast, site_tree):
        category = factories.CategoryFactory(
            name="Classification", slug="classification", ai_related=True
        )
        client.force_login(cast.cio_a)
        response = submit(client, site_tree.catalogue, proposal_data(category, cast.office_a))
        assert response.status_code == 200
        assert {"ai_task", "ai_runs_where", "ai_data_location"} <= set(
            response.context["form"].errors
        )
        response = submit(
            client,
            site_tree.catalogue,
            proposal_data(
                category,
                cast.office_a,
                ai_task="ipc",
                ai_runs_where="on_premises",
                ai_data_location="The office's data centre",
            ),
        )
        assert response.status_code == 302
