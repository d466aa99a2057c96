"""The pilot form and its milestones (a formset: a few empty rows, no JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import Pilot, PilotMilestone
from catalogue.pilots import selectors
from portal.fields import IdChoiceField, IdMultipleChoiceField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PilotForm(forms.ModelForm):
    lead_office = IdChoiceField(label=_("Lead office"), queryset=selectors.offices())
    offices = IdMultipleChoiceField(
        label=_("Other offices taking part"),
        queryset=selectors.offices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    entries = IdMultipleChoiceField(
        label=_("Catalogue entries used"),
        queryset=selectors.shown_entries().order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Pilot
        fields = [
            "title",
            "lead_office",
            "offices",
            "entries",
            "status",
            "started_on",
            "ends_on",
            "goals",
            "results",
            "lessons",
        ]
        widgets = {
            "started_on": DATE,
            "ends_on": DATE,
            "goals": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "results": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "lessons": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }

    def __init__(self, *args, lead_office_ids: set[int] | None, **kwargs):
        """``lead_office_ids``: the offices the person may lead a pilot for (None: all)."""
        super().__init__(*args, **kwargs)
        if lead_office_ids is not None:
            field = self.fields["lead_office"]
            field.queryset = field.queryset.filter(pk__in=lead_office_ids)

    def clean(self):
        data = super().clean()
        started, ends = data.get("started_on"), data.get("ends_on")
        if started and ends and ends < started:
            self.add_error("ends_on", _("The end cannot come before the start."))
        lead = data.get("lead_office")
        if lead is not None and lead in (data.get("offices") or []):
            self.add_error("offices", _("The lead office takes part already."))
        return data


MilestoneFormSet = forms.inlineformset_factory(
    Pilot,
    PilotMilestone,
    fields=["title", "due_on", "status"],
    widgets={"due_on": DATE},
    extra=3,
    max_num=30,
    validate_max=True,
    can_delete=True,
)
