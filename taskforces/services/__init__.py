"""Every change to a task force goes through here.

Each write saves first and tells people afterwards: real-time events, notifications and
e-mails go out only once the transaction commits (events.send_on_commit,
send_templated_email), so nobody hears of something that was then rolled back. A rule
(a limit, a check) is written once here, with its message in taskforces.refusals; the
forms and the websocket consumer call the same checks.
"""

from taskforces.services.documents import document_add_version, document_create
from taskforces.services.invitations import meeting_reminders_send
from taskforces.services.meetings import (
    action_item_create,
    action_item_set_status,
    answer_check,
    deadline_check,
    meeting_cancel,
    meeting_save,
    proposal_answer,
    proposal_close,
    proposal_create,
)
from taskforces.services.membership import (
    join_request_create,
    join_request_decide,
    membership_add,
    membership_change_role,
    membership_end,
)
from taskforces.services.moderation import (
    post_hide,
    post_show,
    thread_move,
    thread_rename,
    thread_set_locked,
    thread_set_pinned,
)
from taskforces.services.notifications import (
    digest_send,
    notice_send,
    notification_create,
    notification_email_mode,
    notification_preference_set,
    notifications_for_post,
    notifications_mark_read,
    watch_set_for_forum,
    watch_set_for_thread,
    watch_set_for_workspace,
)
from taskforces.services.replies import email_reply_receive
from taskforces.services.threads import (
    category_check,
    client_key_check,
    post_body_check,
    post_create,
    post_edit,
    read_position_mark,
    reply_to_check,
    reply_to_find,
    thread_create,
)

__all__ = [
    "action_item_create",
    "action_item_set_status",
    "answer_check",
    "category_check",
    "client_key_check",
    "deadline_check",
    "digest_send",
    "document_add_version",
    "document_create",
    "email_reply_receive",
    "join_request_create",
    "join_request_decide",
    "meeting_cancel",
    "meeting_reminders_send",
    "meeting_save",
    "membership_add",
    "membership_change_role",
    "membership_end",
    "notification_create",
    "notice_send",
    "notification_email_mode",
    "notification_preference_set",
    "notifications_for_post",
    "notifications_mark_read",
    "post_body_check",
    "post_create",
    "post_edit",
    "post_hide",
    "post_show",
    "proposal_answer",
    "proposal_close",
    "proposal_create",
    "read_position_mark",
    "reply_to_check",
    "reply_to_find",
    "thread_create",
    "thread_move",
    "thread_rename",
    "thread_set_locked",
    "thread_set_pinned",
    "watch_set_for_forum",
    "watch_set_for_thread",
    "watch_set_for_workspace",
]
