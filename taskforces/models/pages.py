"""The task-force pages: a public page each, with the members-only workspace routed below it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.models.pages import AreaIndexPage


class TaskForceStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class TaskForceIndexPage(AreaIndexPage):
    subpage_types = ["taskforces.TaskForcePage"]

    class Meta:
        verbose_name = _("task force index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["taskforces"] = (
            TaskForcePage.objects.child_of(self).live().public().order_by("-start_date", "title")
        )
        return context


class TaskForcePage(RoutablePageMixin, Page):
    """The public face of a task force; its workspace, below it, is for members only.

    Every workspace route answers 404 to anyone who may not read the task force, so that
    its threads, documents and meetings cannot even be found by guessing addresses.
    """

    summary = models.TextField(_("summary"), max_length=500)
    mandate = RichTextField(
        _("mandate and terms of reference"), features=["h3", "bold", "italic", "ol", "ul", "link"]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TaskForceStatus.choices, default=TaskForceStatus.ACTIVE
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    how_to_join = models.TextField(_("how to join"), blank=True)
    related_categories = ParentalManyToManyField(
        "catalogue.Category",
        blank=True,
        related_name="taskforces",
        verbose_name=_("related catalogue categories"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("mandate"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("how_to_join"),
        FieldPanel("related_categories"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("mandate"),
        index.FilterField("status"),
    ]

    parent_page_types = ["taskforces.TaskForceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("task force")
        verbose_name_plural = _("task forces")

    def workspace_url(self, name: str = "workspace", *args) -> str:
        """The address of a workspace route, e.g. workspace_url("thread", 12)."""
        return self.url + self.reverse_subpage(name, args=args)

    def get_context(self, request, *args, **kwargs):
        from taskforces.views import membership

        context = super().get_context(request, *args, **kwargs)
        context.update(membership.public_page_context(request, self))
        return context

    @path("join/")
    def join(self, request):
        from taskforces.views import membership

        return membership.join_request(request, self)

    @path("leave/")
    def leave(self, request):
        from taskforces.views import membership

        return membership.leave(request, self)

    # The workspace ------------------------------------------------------------------------

    @path("workspace/")
    def workspace(self, request):
        from taskforces.views import threads

        return threads.workspace(request, self)

    @path("workspace/watch/")
    def workspace_watch(self, request):
        from taskforces.views import threads

        return threads.workspace_watch(request, self)

    @path("workspace/members/")
    def members(self, request):
        from taskforces.views import membership

        return membership.members(request, self)

    @path("workspace/moderation/")
    def moderation_log(self, request):
        from taskforces.views import moderation

        return moderation.moderation_log(request, self)

    @path("workspace/threads/new/")
    def thread_new(self, request):
        from taskforces.views import threads

        return threads.thread_create(request, self)

    @path("workspace/threads/<int:thread_id>/")
    def thread(self, request, thread_id):
        from taskforces.views import threads

        return threads.thread_detail(request, self, thread_id)

    @path("workspace/threads/<int:thread_id>/watch/")
    def thread_watch(self, request, thread_id):
        from taskforces.views import threads

        return threads.thread_watch(request, self, thread_id)

    @path("workspace/threads/<int:thread_id>/moderate/")
    def thread_moderate(self, request, thread_id):
        from taskforces.views import moderation

        return moderation.thread_moderate(request, self, thread_id)

    @path("workspace/threads/<int:thread_id>/posts/<int:post_id>/")
    def post(self, request, thread_id, post_id):
        from taskforces.views import threads

        return threads.post_fragment(request, self, thread_id, post_id)

    @path("workspace/threads/<int:thread_id>/posts/<int:post_id>/edit/")
    def post_edit(self, request, thread_id, post_id):
        from taskforces.views import threads

        return threads.post_edit(request, self, thread_id, post_id)

    @path("workspace/threads/<int:thread_id>/posts/<int:post_id>/history/")
    def post_history(self, request, thread_id, post_id):
        from taskforces.views import threads

        return threads.post_history(request, self, thread_id, post_id)

    @path("workspace/threads/<int:thread_id>/posts/<int:post_id>/hide/")
    def post_hide(self, request, thread_id, post_id):
        from taskforces.views import moderation

        return moderation.post_hide(request, self, thread_id, post_id)

    # Files are addressed by id only: Wagtail's page URLs take no dots, and the download
    # carries its file name in Content-Disposition.
    @path("workspace/attachments/<int:attachment_id>/")
    def attachment(self, request, attachment_id):
        from taskforces.views import documents

        return documents.attachment_download(request, self, attachment_id)

    @path("workspace/documents/")
    def document_list(self, request):
        from taskforces.views import documents

        return documents.document_list(request, self)

    @path("workspace/documents/<int:document_id>/")
    def document(self, request, document_id):
        from taskforces.views import documents

        return documents.document_detail(request, self, document_id)

    @path("workspace/documents/<int:document_id>/versions/<int:number>/")
    def document_version(self, request, document_id, number):
        from taskforces.views import documents

        return documents.version_download(request, self, document_id, number)

    @path("workspace/meetings/")
    def meeting_list(self, request):
        from taskforces.views import meetings

        return meetings.meeting_list(request, self)

    @path("workspace/meetings/new/")
    def meeting_new(self, request):
        from taskforces.views import meetings

        return meetings.meeting_edit(request, self)

    @path("workspace/meetings/<int:meeting_id>/")
    def meeting(self, request, meeting_id):
        from taskforces.views import meetings

        return meetings.meeting_detail(request, self, meeting_id)

    @path("workspace/meetings/<int:meeting_id>/edit/")
    def meeting_edit(self, request, meeting_id):
        from taskforces.views import meetings

        return meetings.meeting_edit(request, self, meeting_id)

    @path("workspace/decisions/")
    def decision_log(self, request):
        from taskforces.views import meetings

        return meetings.decision_log(request, self)

    @path("workspace/proposals/new/")
    def proposal_new(self, request):
        from taskforces.views import meetings

        return meetings.proposal_create(request, self)

    @path("workspace/proposals/<int:proposal_id>/")
    def proposal(self, request, proposal_id):
        from taskforces.views import meetings

        return meetings.proposal_detail(request, self, proposal_id)

    @path("workspace/actions/")
    def actions(self, request):
        from taskforces.views import meetings

        return meetings.action_list(request, self)

    @path("workspace/actions/<int:action_id>/")
    def action(self, request, action_id):
        from taskforces.views import meetings

        return meetings.action_update(request, self, action_id)
