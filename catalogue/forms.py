"""Forms of the catalogue: the admin's entry form, and what members fill in on the site."""

import functools

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from catalogue import permissions


class CatalogueEntryPageForm(WagtailAdminPageForm):
    """Office representatives propose entries for their own offices only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        field = self.fields.get("provider_offices")
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


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        min_length=2,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


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
