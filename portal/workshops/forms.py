"""Forms of the workshop pages: the listing's filters, registration, feedback and teams."""

from django import forms
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from portal.fields import IdChoiceField
from portal.models import Language
from portal.workshops.models import (
    Feedback,
    HackathonChallenge,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    WorkshopKind,
    WorkshopPage,
    WorkshopSegment,
)
from portal.workshops.selectors import Translated, translated_choices

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class WorkshopFilterForm(forms.Form):
    """The listing's filters; every value is optional and unknown values are refused."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *WorkshopKind.choices], required=False
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    language = forms.ModelChoiceField(
        label=_("Language"),
        queryset=Language.objects.filter(workshops__isnull=False).distinct(),
        to_field_name="code",
        required=False,
        empty_label=_("All languages"),
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(y, str(y)) for y in years]]

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "year": data["year"],
            "language": data["language"].code if data["language"] else "",
        }

    def query_string(self) -> str:
        """The chosen filters as a query string, for the pages of the past events."""
        return urlencode({key: value for key, value in self.filters().items() if value})


class RegistrationChoiceForm(forms.Form):
    """The registration the secretariat cancels: one of this workshop's."""

    cancel = IdChoiceField(queryset=Registration.objects.none())

    def __init__(self, *args, workshop: WorkshopPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cancel"].queryset = Registration.objects.filter(workshop=workshop)

    def is_requested(self) -> bool:
        """Whether the posted form asks for a cancellation at all (its button was pressed)."""
        widget = self.fields["cancel"].widget
        return not widget.value_omitted_from_data(self.data, self.files, self.add_prefix("cancel"))


def _segment_label(segment: WorkshopSegment) -> str:
    return f"{segment.title} ({segment.when})" if segment.when else segment.title


class RegistrationForm(forms.Form):
    """The event's own questions, one field each, worded as the page the reader opened words
    them; answers are kept by the original question's id, in the original's words."""

    def __init__(
        self,
        *args,
        questions: list[Translated[RegistrationQuestion]],
        segments: list[Translated[WorkshopSegment]] = (),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.questions = [question.original for question in questions]
        self.segments = {str(pair.original.pk): pair for pair in segments}
        if segments:
            # Only the parts open to this person are offered; open ones are ticked to start with.
            self.fields["segments"] = forms.MultipleChoiceField(
                label=_("Which parts will you attend?"),
                choices=[(key, _segment_label(pair.shown)) for key, pair in self.segments.items()],
                initial=[key for key, pair in self.segments.items() if pair.original.is_open],
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        for question in questions:
            self.fields[f"q{question.original.pk}"] = self._field(question)
        self.fields["listed"] = forms.BooleanField(
            label=_("Show my name, office and role on the list of participants"),
            help_text=_("Only signed-in members of the network see the list."),
            required=False,
        )

    def chosen_segments(self) -> list[WorkshopSegment]:
        return [self.segments[key].original for key in self.cleaned_data.get("segments", [])]

    @staticmethod
    def _field(question: Translated[RegistrationQuestion]) -> forms.Field:
        kind = question.original.kind
        common = {
            "label": question.shown.label,
            "help_text": question.shown.help_text,
            "required": question.original.required,
        }
        if kind == QuestionKind.YES_NO:
            return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
        if kind == QuestionKind.CHOICE:
            # A blank first choice, so that nobody answers by leaving the default.
            choices = [("", _("Choose…")), *translated_choices(question)]
            return forms.ChoiceField(choices=choices, **common)
        if kind == QuestionKind.LONG_TEXT:
            return forms.CharField(
                max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common
            )
        return forms.CharField(max_length=255, **common)

    def answers(self) -> dict[str, object]:
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if question.kind == QuestionKind.YES_NO:
                value = {"yes": True, "no": False}.get(value)
            if value not in (None, ""):
                answers[str(question.pk)] = value
        return answers


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["rating", "most_useful", "improve", "next_topics"]
        widgets = {
            "rating": forms.RadioSelect,
            "most_useful": forms.Textarea(attrs={"rows": 3}),
            "improve": forms.Textarea(attrs={"rows": 3}),
            "next_topics": forms.Textarea(attrs={"rows": 3}),
        }


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=100)
    challenge = forms.ModelChoiceField(
        label=_("Challenge"), queryset=None, empty_label=None, widget=forms.RadioSelect
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Team members"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Registered participants who are not in a team yet. You are in it."),
    )

    def __init__(
        self,
        *args,
        workshop: WorkshopPage,
        challenges: list[Translated[HackathonChallenge]],
        free_participants,
        **kwargs,
    ):
        """``challenges`` as the page the reader opened shows them; the team takes the
        original's challenge, whose title is the label only."""
        super().__init__(*args, **kwargs)
        field = self.fields["challenge"]
        field.queryset = workshop.challenges.all()
        titles = {pair.original.pk: pair.shown.title for pair in challenges}
        field.label_from_instance = lambda challenge: titles.get(challenge.pk, challenge.title)
        self.fields["members"].queryset = free_participants
        if not challenges:
            field.required = False


class SubmissionForm(forms.Form):
    link = forms.URLField(
        label=_("Link"),
        max_length=200,
        assume_scheme="https",
        help_text=_("The repository, a demo or a video of what the team built."),
    )
    description = forms.CharField(
        label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )


class AttendanceForm(forms.Form):
    """One yes / no / unknown choice per confirmed participant."""

    CHOICES = [("", _("Not recorded")), ("yes", _("Attended")), ("no", _("Did not attend"))]

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = list(registrations)
        for registration in self.registrations:
            initial = {True: "yes", False: "no", None: ""}[registration.attended]
            self.fields[f"attended-{registration.pk}"] = forms.ChoiceField(
                label=str(registration.user), choices=self.CHOICES, required=False, initial=initial
            )

    def attendance(self) -> dict[int, bool | None]:
        return {
            registration.pk: {"yes": True, "no": False}.get(
                self.cleaned_data[f"attended-{registration.pk}"]
            )
            for registration in self.registrations
        }
