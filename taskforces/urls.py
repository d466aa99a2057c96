"""The task-force routes: a person's own pages, and those below each task-force page."""

from django.urls import path

from taskforces.views import (
    actions,
    documents,
    meetings,
    membership,
    mentions,
    moderation,
    notifications,
    proposals,
    threads,
)

app_name = "taskforces"
urlpatterns = [
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.notification_read, name="notifications_read"),
    path(
        "notifications/settings/",
        notifications.notification_settings,
        name="notification_settings",
    ),
    path("action-items/", notifications.my_action_items, name="my_actions"),
]

# Routed below each task-force page (TaskForcePage.subpage_urls). Files are addressed by
# id only: Wagtail's page URLs take no dots, and a download carries its file name in
# Content-Disposition. Every workspace view answers 404 to anyone who may not read the
# task force, so its threads, documents and meetings cannot be found by guessing.
taskforce_page_urls = [
    path("", membership.public_page, name="index_route"),
    path("join/", membership.join_request, name="join"),
    path("leave/", membership.leave, name="leave"),
    path("workspace/", threads.workspace, name="workspace"),
    path("workspace/watch/", threads.workspace_watch, name="workspace_watch"),
    path("workspace/members/", membership.members, name="members"),
    path("workspace/members/mentions/", mentions.mention_lookup, name="mention_lookup"),
    path("workspace/moderation/", moderation.moderation_log, name="moderation_log"),
    path("workspace/threads/new/", threads.thread_create, name="thread_new"),
    path("workspace/threads/<int:thread_id>/", threads.thread_detail, name="thread"),
    path("workspace/threads/<int:thread_id>/watch/", threads.thread_watch, name="thread_watch"),
    path(
        "workspace/threads/<int:thread_id>/moderate/",
        moderation.thread_moderate,
        name="thread_moderate",
    ),
    path(
        "workspace/threads/<int:thread_id>/posts/<int:post_id>/", threads.post_fragment, name="post"
    ),
    path(
        "workspace/threads/<int:thread_id>/posts/<int:post_id>/edit/",
        threads.post_edit,
        name="post_edit",
    ),
    path(
        "workspace/threads/<int:thread_id>/posts/<int:post_id>/history/",
        threads.post_history,
        name="post_history",
    ),
    path(
        "workspace/threads/<int:thread_id>/posts/<int:post_id>/hide/",
        moderation.post_hide,
        name="post_hide",
    ),
    path(
        "workspace/attachments/<int:attachment_id>/",
        documents.attachment_download,
        name="attachment",
    ),
    path("workspace/documents/", documents.document_list, name="document_list"),
    path("workspace/documents/<int:document_id>/", documents.document_detail, name="document"),
    path(
        "workspace/documents/<int:document_id>/versions/<int:number>/",
        documents.version_download,
        name="document_version",
    ),
    path("workspace/meetings/", meetings.meeting_list, name="meeting_list"),
    path("workspace/meetings/new/", meetings.meeting_edit, name="meeting_new"),
    path("workspace/meetings/<int:meeting_id>/", meetings.meeting_detail, name="meeting"),
    path("workspace/meetings/<int:meeting_id>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path(
        "workspace/meetings/<int:meeting_id>/calendar/",
        meetings.meeting_ics,
        name="meeting_ics",
    ),
    path(
        "workspace/meetings/<int:meeting_id>/cancel/",
        meetings.meeting_cancel,
        name="meeting_cancel",
    ),
    path("workspace/decisions/", proposals.decision_log, name="decision_log"),
    path("workspace/proposals/new/", proposals.proposal_create, name="proposal_new"),
    path("workspace/proposals/<int:proposal_id>/", proposals.proposal_detail, name="proposal"),
    path("workspace/actions/", actions.action_list, name="actions"),
    path("workspace/actions/<int:action_id>/", actions.action_update, name="action"),
]
