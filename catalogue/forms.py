"""Forms of the catalogue: the admin's entry form, and what members fill in on the site."""

import functools
import re

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from catalogue import permissions
from portal.fields import PLAIN_ID, IdChoiceField


class CatalogueEntryPageForm(WagtailAdminPageForm):
    """Office representatives propose entries for their own offices only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        field = self.fields.get("provider_offices")
        if field is not None:
            field.label_from_instance = lambda office: office.display_name
        if user is None or field is None or permissions.may_propose_for_any_office(user):
            return
        own = permissions.proposable_office_ids(user)
        # Offices already listed stay selectable, so editing never drops a co-provider.
        listed = permissions.provider_office_ids(self.instance) if self.instance.pk else set()
        field.queryset = field.queryset.filter(pk__in=own | listed)

    def clean_provider_offices(self):
        offices = self.cleaned_data.get("provider_offices")
        user = self.for_user
        if user is None or offices is None or permissions.may_propose_for_any_office(user):
            return offices
        own = permissions.proposable_office_ids(user)
        if not any(office.pk in own for office in offices):
            raise forms.ValidationError(
                _(
                    "Choose your own office: you can propose entries only for the office "
                    "you represent."
                )
            )
        listed = permissions.provider_office_ids(self.instance) if self.instance.pk else set()
        foreign = [office for office in offices if office.pk not in own | listed]
        if foreign:
            raise forms.ValidationError(
                _("You can propose entries only for the office you represent, not for %(offices)s.")
                % {"offices": ", ".join(office.title for office in foreign)}
            )
        return offices


MAX_QUERY_LENGTH = 200
MAX_FACET_VALUES = 20
MAX_FACET_VALUE_LENGTH = 100


class ValueListField(forms.Field):
    """A repeated query parameter (``?tag=a&tag=b``) as a list of distinct short strings."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "too_many": _("Choose at most %(limit)d values for %(label)s."),
        "too_long": _("A value for %(label)s has more than %(limit)d characters."),
    }

    def __init__(self, *, max_values: int, max_length: int, **kwargs):
        self.max_values = max_values
        self.max_length = max_length
        super().__init__(required=False, **kwargs)
        self.validators.append(ProhibitNullCharactersValidator())

    def to_python(self, value) -> list[str]:
        values = [str(item).strip() for item in value or []]
        return list(dict.fromkeys(item for item in values if item))

    def validate(self, value: list[str]) -> None:
        params = {"label": self.label, "limit": self.max_values}
        if len(value) > self.max_values:
            raise forms.ValidationError(self.error_messages["too_many"], params=params)
        if any(len(item) > self.max_length for item in value):
            params["limit"] = self.max_length
            raise forms.ValidationError(self.error_messages["too_long"], params=params)

    def run_validators(self, value: list[str]) -> None:
        for item in value:
            super().run_validators(item)


class ListingFilterForm(forms.Form):
    """The listing's text box, sort and facets as its URL holds them.

    A facet value that matches nothing is kept (the listing shows it, so it can be
    unchosen); what is refused is what no listing could hold: over-long or too many values.
    """

    q = forms.CharField(
        label=_("Search the catalogue"), required=False, max_length=MAX_QUERY_LENGTH
    )
    sort = forms.CharField(label=_("Sort by"), required=False, max_length=20)

    def __init__(self, *args, facets=(), sorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sorts = set(sorts)
        for facet in facets:
            self.fields[facet.key] = ValueListField(
                label=facet.label, max_values=MAX_FACET_VALUES, max_length=MAX_FACET_VALUE_LENGTH
            )

    def clean_sort(self) -> str:
        # An unknown order is not worth an error page: the default order is shown.
        sort = self.cleaned_data["sort"]
        return sort if sort in self.sorts else ""


def plain_ids(raw: str) -> list[int]:
    """The ids in a comma- or space-separated list, skipping anything that is not one."""
    return [int(part) for part in re.split(r"[\s,]+", raw) if PLAIN_ID.fullmatch(part)]


class AdoptionOfficeForm(forms.Form):
    """Which office an adoption is recorded for: one the person may record for."""

    office = IdChoiceField(
        queryset=None,
        error_messages={
            "required": _("Choose an office you represent."),
            "invalid_choice": _("Choose an office you represent."),
        },
    )
    remove = forms.BooleanField(required=False)

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        self.fields["office"].label_from_instance = lambda office: office.display_name


class AdoptionForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"))
    since = forms.DateField(
        label=_("Since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    version = forms.CharField(label=_("Version"), required=False, max_length=50)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    willing_to_be_reference = forms.BooleanField(
        label=_("Our office is willing to be contacted as a reference"), required=False
    )

    def __init__(self, *args, **kwargs):
        from catalogue.models import AdoptionStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = AdoptionStatus.choices


class QuestionForm(forms.Form):
    body = forms.CharField(
        label=_("Your question"),
        min_length=10,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    may_share = forms.BooleanField(
        label=_("My question may be shared"),
        required=False,
        help_text=_(
            "The provider may then publish your question and its answer for every member "
            "on this page. You can withdraw it at any time."
        ),
    )
    share_anonymously = forms.BooleanField(
        label=_("Share it without naming my office"), required=False
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        min_length=2,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    publish = forms.BooleanField(
        label=_("Publish this answer for all members"),
        required=False,
        help_text=_("If the person who asked has not agreed yet, they are asked first."),
    )


class ShareConsentForm(forms.Form):
    """The asker agrees to share their question and its answer."""

    anonymously = forms.BooleanField(label=_("Share it without naming my office"), required=False)


@functools.cache
def review_action_form() -> type[forms.Form]:
    """The reviewer's approve / request-changes form: a comment and the checklist.

    Built on first use, as Wagtail's workflow forms need the app registry ready.
    """
    from wagtail.forms import TaskStateCommentForm

    from catalogue.models import ChecklistItem

    class ReviewActionForm(TaskStateCommentForm):
        checklist = forms.MultipleChoiceField(
            label=_("Checked"),
            choices=ChecklistItem.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

    return ReviewActionForm


class IdListField(forms.CharField):
    """Ids as a comma- or space-separated list (or a repeated parameter, with
    MultipleHiddenInput); whatever is not a plain id is skipped."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, list | tuple):
            value = ",".join(str(item) for item in value)
        return super().to_python(value)

    def clean(self, value) -> list[int]:
        return plain_ids(super().clean(value))


class ComparedIdsForm(forms.Form):
    """The listing's ``?compare=1,2``: the entries chosen so far."""

    compare = IdListField(label=_("Entries to compare"))


class CompareForm(forms.Form):
    """The comparison's ``?entries=1,2`` (a link) or ``?entry=1&entry=2`` (a form)."""

    entries = IdListField(label=_("Entries to compare"))
    entry = IdListField(label=_("Entries to compare"), widget=forms.MultipleHiddenInput)

    def ids(self) -> list[int]:
        return self.cleaned_data["entries"] or self.cleaned_data["entry"]


class InterestForm(forms.Form):
    interested = forms.TypedChoiceField(
        choices=[("1", _("Interested")), ("0", _("Not interested"))],
        coerce=lambda value: value == "1",
        error_messages={
            "required": _("Say whether your office is interested."),
            "invalid_choice": _("Say whether your office is interested."),
        },
    )
