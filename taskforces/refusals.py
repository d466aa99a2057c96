"""Why a task force refuses something: every message written once.

Services raise them (PermissionDenied for who may not, ValidationError for bad input);
views and the websocket consumer raise or send the same constants, so a refusal reads
the same on the page, in an htmx answer and in a socket's error frame.
"""

from django.utils.translation import gettext_lazy as _

# Who may not (PermissionDenied) -------------------------------------------------------------

# permissions.can_manage / can_moderate: moderating, members, meetings, proposals, actions.
MANAGERS_ONLY = _("Only the chair or the secretariat do this.")
# permissions.can_post: posting, starting threads, uploading, answering proposals.
OBSERVERS_READ_ONLY = _(
    "Observers read the workspace but do not post, start threads, upload or answer proposals."
)
# permissions.can_post_in_category: a forum's announcements and the like.
MODERATORS_POST_HERE = _("Only the forum's moderators post in this category.")
# services.membership_end: one leaves the network, not its forum.
NOBODY_LEAVES_THE_FORUM = _("The forum is every member's: nobody leaves it.")
# A forum thread is filed under one of the forum's categories.
CHOOSE_CATEGORY = _("Choose one of the forum's categories.")
# A membership of one's own is needed: watch levels, leaving.
MEMBERS_ONLY = _("Only members of the task force do this.")
CANNOT_ASK_TO_JOIN = _("Members of the network ask to join open task forces they are not in.")
AUTHOR_EDITS_ONLY = _("Only the author edits a post, while the thread is open.")
MOVE_TO_CHAIRED_ONLY = _("You can only move threads to task forces you chair.")
OWNER_OR_CHAIR_ONLY = _("Only the owner or the chair update an action item.")
NO_SUCH_THREAD = _("No such thread.")
# A workspace the reader may not read answers as one that does not exist.
NO_SUCH_WORKSPACE = _("No such workspace.")

# Posts and threads (ValidationError) --------------------------------------------------------

POST_EMPTY = _("Write something first.")
# Takes %(limit)s and %(length)s.
POST_TOO_LONG = _("A post holds at most %(limit)s characters; this one has %(length)s.")
REPLY_TO_ELSEWHERE = _("The post you reply to is not a visible post of this thread.")
# Takes %(count)s.
TOO_MANY_ATTACHMENTS = _("Attach at most %(count)s files to a post.")
BAD_CLIENT_KEY = _("A post's key is 1 to 64 letters, digits, “-” or “_”.")
THREAD_LOCKED = _("This thread is locked: it takes no new posts.")
THREAD_NEEDS_TITLE = _("A thread needs a title.")
THREAD_ALREADY_THERE = _("The thread is already in this task force.")
HIDE_NEEDS_REASON = _("Say why: the author sees the reason.")
# A post sent over the socket whose body, reply_to or key has the wrong type.
POST_BAD_SHAPE = _("Send a text body.")
SENDING_TOO_FAST = _("You are sending too fast: wait a moment and send it again.")

# Replies by e-mail (services.email_reply_receive), told to the person in a notice ---------

REPLY_ACCOUNT_INACTIVE = _("Your account is no longer active.")
REPLY_NOT_A_MEMBER = _("You are no longer a member of this task force.")
REPLY_WORKSPACE_CLOSED = _("This workspace is no longer open.")
# Takes %(sender)s: the reply came from another address than the account's.
REPLY_FROM_ANOTHER_ADDRESS = _("It came from %(sender)s, not from the address of your account.")

# Membership ---------------------------------------------------------------------------------

JOIN_ALREADY_ASKED = _("Your request is already with the chair.")
JOIN_ALREADY_DECIDED = _("This request has already been decided.")
CHAIR_NEEDED = _("A task force needs a chair: name another chair first, or ask the secretariat.")

# Records ------------------------------------------------------------------------------------

ATTENDEES_MEMBERS_ONLY = _("Attendees must be members of the task force.")
MEETING_CANCELLED = _("This meeting was cancelled; schedule a new one instead.")
OWNER_MEMBER_ONLY = _("The owner must be a member of the task force.")
DEADLINE_IN_FUTURE = _("The deadline must be in the future.")
LINK_OWN_RECORDS = _("Link a meeting or thread of this task force.")
PROPOSAL_NOT_OPEN = _("This proposal no longer takes answers.")
PROPOSAL_ALREADY_CLOSED = _("This proposal is already closed.")
OBJECTION_NEEDS_REASON = _("Give the reason for your objection.")
UNKNOWN_STATUS = _("Unknown status.")

# Forms whose buttons name an action ---------------------------------------------------------

UNKNOWN_ACTION = _("Unknown action.")
CHOOSE_WATCH_LEVEL = _("Choose one of the watch levels.")
MENTION_LOOKUP_TYPED = _("Type the start of a name: letters, digits, “.” or “-”.")
