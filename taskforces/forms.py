"""Forms of the task forces; each validates input before any service writes."""

import uuid
from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from network.models import User
from portal.fields import IdChoiceField, IdMultipleChoiceField, LocalisedFileInput
from taskforces import refusals
from taskforces.models import (
    POST_MAX_LENGTH,
    ActionItem,
    ActionStatus,
    Answer,
    EmailMode,
    ForumCategory,
    Meeting,
    Membership,
    MembershipRole,
    Notification,
    TaskForcePage,
    Thread,
    WatchLevel,
)
from taskforces.services import answer_check, deadline_check, post_body_check, reply_to_find
from taskforces.uploads import MAX_ATTACHMENTS_PER_POST, check_upload

MARKDOWN_HELP = _(
    "Markdown: **bold**, _italic_, > quote, - list, [link](https://…). "
    "Mention a member with @ and their name, e.g. @lena.fischer."
)


class MultipleFileInput(LocalisedFileInput):
    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__(attrs, max_files=MAX_ATTACHMENTS_PER_POST)


class AttachmentsField(forms.FileField):
    """Several files in one input, each checked against the upload rules."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_ATTACHMENTS_PER_POST:
            raise ValidationError(
                refusals.TOO_MANY_ATTACHMENTS, params={"count": MAX_ATTACHMENTS_PER_POST}
            )
        errors = []
        for upload in files:
            try:
                check_upload(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return files


def post_body_field(*, rows: int) -> forms.CharField:
    """A post's text, checked by the service's own rule (services.post_body_check)."""
    return forms.CharField(
        label=_("Your post"),
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": POST_MAX_LENGTH}),
        help_text=MARKDOWN_HELP,
        validators=[post_body_check],
    )


class PostForm(forms.Form):
    body = post_body_field(rows=5)
    reply_to = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2**63 - 1
    )
    # A new key with every form: sending the same form twice (a retry, a double click)
    # stores the post once.
    client_key = forms.RegexField(
        regex=r"^[A-Za-z0-9_-]{1,64}$",
        widget=forms.HiddenInput,
        required=False,
        initial=lambda: uuid.uuid4().hex,
    )
    attachments = AttachmentsField(
        label=_("Attachments"),
        required=False,
        help_text=_("Up to 5 files of 20 MB each: PDF, office documents, images, CSV, text."),
    )

    def __init__(self, *args, thread: Thread | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.thread = thread

    def clean(self):
        data = super().clean()
        if data.get("reply_to") is not None:
            # Said above the form, not beside reply_to: a hidden field shows no errors.
            try:
                data["reply_to"] = reply_to_find(thread=self.thread, post_id=data["reply_to"])
            except ValidationError as error:
                self.add_error(None, error)
        return data


class ThreadForm(PostForm):
    client_key = None
    reply_to = None
    title = forms.CharField(label=_("Title"), max_length=200)
    label = forms.CharField(
        label=_("Label"),
        max_length=50,
        required=False,
        help_text=_("A word or two that groups threads, e.g. Classification."),
    )
    not_for_attribution = forms.BooleanField(
        label=_("Not for attribution (Chatham House rule)"),
        required=False,
        help_text=_(
            "What is said may be used, but authors' names are not shown outside the thread: "
            "not in notifications, e-mails, the workspace or search."
        ),
    )
    # The forum's only: one of its categories the author may post in, else the first.
    category = IdChoiceField(
        label=_("Category"), queryset=ForumCategory.objects.none(), required=False
    )
    field_order = ["category", "title", "label", "not_for_attribution", "body", "attachments"]

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is None:
            del self.fields["category"]
        else:
            self.fields["category"].queryset = categories


class CategoryFilterForm(forms.Form):
    """The forum's threads of one category (``?category=<id>``), or all of them."""

    category = IdChoiceField(queryset=ForumCategory.objects.none(), required=False)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class PostEditForm(forms.Form):
    body = post_body_field(rows=8)


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why hide this post? The author sees the reason."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RenameForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    label = forms.CharField(label=_("Label"), max_length=50, required=False)


class MoveForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Move to task force"), queryset=TaskForcePage.objects.none()
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            targets if targets is not None else self.fields["target"].queryset
        )


class WatchForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Notifications"), choices=WatchLevel.choices, widget=forms.RadioSelect
    )


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Why would you like to join? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class JoinDecisionForm(forms.Form):
    request = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    note = forms.CharField(required=False, max_length=2000)


class RoleForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)


class MembershipChoiceForm(forms.Form):
    """The membership a chair acts on: one of this task force's."""

    membership = IdChoiceField(queryset=Membership.objects.none())

    def __init__(self, *args, taskforce: TaskForcePage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = Membership.objects.filter(taskforce=taskforce)


class NotificationChoiceForm(forms.Form):
    """The notifications to mark as read: some of the person's own, or all when none."""

    notification = IdMultipleChoiceField(queryset=Notification.objects.none(), required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notification"].queryset = Notification.objects.filter(user=user)


class QuoteForm(forms.Form):
    """The post a reply starts by quoting (``?quote=<id>``)."""

    quote = forms.IntegerField(min_value=1, max_value=2**63 - 1, required=False)


class MentionLookupForm(forms.Form):
    """What follows the "@" being typed (``?q=``), in the characters a handle has."""

    q = forms.RegexField(regex=r"^[A-Za-z0-9.\-]{1,50}$")


class NotificationPreferenceForm(forms.Form):
    email_mode = forms.ChoiceField(
        label=_("E-mail me"), choices=EmailMode.choices, widget=forms.RadioSelect
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(
        label=_("File"), help_text=_("At most 20 MB."), widget=LocalisedFileInput
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        check_upload(file)
        return file


class VersionForm(forms.Form):
    file = forms.FileField(
        label=_("New version"), help_text=_("At most 20 MB."), widget=LocalisedFileInput
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)

    def clean_file(self):
        file = self.cleaned_data["file"]
        check_upload(file)
        return file


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"


def _member_choices(taskforce: TaskForcePage, *, observers: bool = True):
    users = User.objects.filter(taskforce_memberships__taskforce=taskforce, is_active=True)
    if not observers:
        users = users.exclude(taskforce_memberships__role=MembershipRole.OBSERVER)
    return users.order_by("last_name", "first_name")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "duration", "location", "agenda", "minutes", "attendees"]
        widgets = {
            "starts_at": DateTimeInput(),
            "agenda": forms.Textarea(attrs={"rows": 6}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
            "attendees": forms.CheckboxSelectMultiple,
        }
        help_texts = {"starts_at": _("In your time zone (UTC on this site).")}

    def __init__(self, *args, taskforce: TaskForcePage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = _member_choices(taskforce)
        self.fields["attendees"].label_from_instance = lambda user: user.get_full_name()


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 6}), help_text=MARKDOWN_HELP
    )
    deadline = forms.DateTimeField(label=_("Answers by"), widget=DateTimeInput())
    quorum = forms.IntegerField(
        label=_("Quorum"),
        min_value=1,
        initial=3,
        help_text=_("How many members must answer for the proposal to be decided."),
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"), queryset=Meeting.objects.none(), required=False
    )
    thread = forms.ModelChoiceField(
        label=_("Discussed in thread"), queryset=Thread.objects.none(), required=False
    )

    def __init__(self, *args, taskforce: TaskForcePage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = taskforce.meetings.order_by("-starts_at")
        self.fields["thread"].queryset = taskforce.threads.order_by("title")

    def clean(self):
        data = super().clean()
        if data.get("deadline"):
            try:
                deadline_check(data["deadline"])
            except ValidationError as error:
                self.add_error(None, error)
        return data


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"), choices=Answer.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required with an objection."),
    )

    def clean(self):
        data = super().clean()
        if data.get("answer"):
            try:
                answer_check(answer=data["answer"], reason=data.get("reason", ""))
            except ValidationError as error:
                self.add_error(None, error)
        return data


class CloseProposalForm(forms.Form):
    review_on = forms.DateField(
        label=_("Review date"), required=False, widget=DateInput(), help_text=_("Optional.")
    )


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["title", "owner", "due_on", "meeting"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, taskforce: TaskForcePage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _member_choices(taskforce)
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name()
        self.fields["meeting"].queryset = taskforce.meetings.order_by("-starts_at")


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    # Where to go back to: the person's own list across task forces, or the task force's.
    next = forms.ChoiceField(choices=[("mine", "mine")], required=False)


class ActionForm(forms.Form):
    """Which of a page's buttons was pressed: its ``action``, one the page offers."""

    action = forms.ChoiceField(choices=())

    def __init__(self, *args, actions: Iterable[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(action, action) for action in actions]
