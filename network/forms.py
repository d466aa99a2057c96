from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminPageChooser

from taggit.forms import TagField

from network.maturity import LEVEL_NAMES, LEVELS, RUBRICS
from network.models import (
    Invitation,
    Member,
    MemberRole,
    Nomination,
    OfficeKind,
    OfficePage,
    Seat,
    User,
)
from portal.fields import IdChoiceField, LocalisedFileInput
from portal.models import Language, Region

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp"}


def offer_original_offices_in_the_admin() -> None:
    """Every admin form field for a relation to offices (a catalogue entry's providers, a
    workshop segment's invited offices, any foreign key) offers the originals only, so
    nothing is attached to a translation of an office. Called once, from AppConfig.ready()."""

    def many(db_field) -> dict | None:
        if db_field.related_model is not OfficePage:
            return None
        return {"queryset": OfficePage.objects.originals()}

    def one(db_field) -> dict:
        # Wagtail's own override for page foreign keys, with the originals as choices.
        widget = AdminPageChooser(target_models=[db_field.remote_field.model])
        return {"widget": widget, "queryset": OfficePage.objects.originals()}

    register_form_field_override(models.ManyToManyField, override=many)
    register_form_field_override(models.ForeignKey, to=OfficePage, override=one)


class DirectoryFilterForm(forms.Form):
    """The directory's filters; every value is optional and unknown values are ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.originals(),
        to_field_name="slug",
        required=False,
        empty_label=_("All regions"),
    )
    kind = forms.ChoiceField(
        label=_("Kind of office"),
        choices=[("", _("All kinds")), *OfficeKind.choices],
        required=False,
    )
    language = forms.ModelChoiceField(
        label=_("Language"),
        queryset=Language.objects.originals(),
        to_field_name="code",
        required=False,
        empty_label=_("All languages"),
    )
    expertise = forms.SlugField(label=_("Expertise"), required=False, widget=forms.HiddenInput)

    def __init__(self, *args, expertise_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if expertise_choices is not None:
            # On the people tab, expertise is a visible choice.
            self.fields["expertise"] = forms.ChoiceField(
                label=_("Expertise"),
                choices=[("", _("Any expertise")), *expertise_choices],
                required=False,
            )

    def filters(self) -> dict[str, str]:
        """The valid filters as plain values, ready for the selectors."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "query": data["q"].strip(),
            "region": data["region"].slug if data["region"] else "",
            "kind": data["kind"],
            "language": data["language"].code if data["language"] else "",
            "expertise": data["expertise"],
        }


class ProfileForm(forms.ModelForm):
    """What a member edits on their own "My profile" page (and the secretariat in the admin)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    expertise = TagField(
        label=_("Expertise"), required=False, help_text=_("Comma-separated, e.g. AI, cloud, IPAS.")
    )
    new_photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
        widget=LocalisedFileInput,
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    language = forms.ChoiceField(
        label=capfirst(User._meta.get_field("language").verbose_name),
        help_text=User._meta.get_field("language").help_text,
        choices=settings.LANGUAGES,
        required=False,
    )

    class Meta:
        model = Member
        fields = ["job_title", "bio", "languages", "phone", "list_contact_details"]
        widgets = {
            "languages": forms.CheckboxSelectMultiple,
            "bio": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.fields["language"].initial = user.preferred_language
        # One choice per language (the originals, named in the reader's language), not one
        # per translation of each.
        self.fields["languages"].queryset = Language.objects.originals().order_by("name")
        self.fields["expertise"].initial = ", ".join(
            tag.name for tag in self.instance.expertise.all()
        )
        self.order_fields(["first_name", "last_name", "job_title", "bio", "expertise"])

    def clean_new_photo(self):
        photo = self.cleaned_data.get("new_photo")
        if photo:
            if photo.size > PHOTO_MAX_BYTES:
                raise ValidationError(_("The photo is larger than 5 MB."))
            if getattr(photo, "content_type", None) not in PHOTO_TYPES:
                raise ValidationError(_("Upload a JPEG, PNG or WebP image."))
        return photo

    def profile_fields(self) -> dict:
        """The validated values, as ``services.profile_update`` takes them; the form only
        validates, the service writes."""
        data = self.cleaned_data
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "job_title": data["job_title"],
            "bio": data["bio"],
            "phone": data["phone"],
            "list_contact_details": data["list_contact_details"],
            "languages": data["languages"],
            "expertise": data["expertise"],
            "new_photo": data.get("new_photo"),
            "remove_photo": data.get("remove_photo", False),
            "language": data["language"],
        }


class MemberAdminForm(ProfileForm, WagtailAdminModelForm):
    """The same profile, edited by the secretariat in the admin."""


class InvitationAcceptForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            candidate = User(
                email=self.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class NominationForm(forms.Form):
    seat = forms.ChoiceField(label=_("Seat"), choices=Seat.choices, widget=forms.RadioSelect)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Their role in the office"),
        choices=[choice for choice in MemberRole.choices if choice[0] != MemberRole.SECRETARIAT],
    )
    note = forms.CharField(
        label=_("Note for the secretariat"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AssessmentExportForm(forms.Form):
    """Which year's self-assessments to export; every year when none is given."""

    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class AssessmentSharingForm(forms.Form):
    """Whether the office shares a year's exact scores with the network's members."""

    share = forms.TypedChoiceField(
        choices=[("1", _("Share")), ("0", _("Do not share"))], coerce=lambda value: value == "1"
    )


class NominationChoiceForm(forms.Form):
    """The nomination the secretariat decides on."""

    nomination = IdChoiceField(queryset=Nomination.objects.all())


class NominationDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", _("Confirm")), ("decline", _("Decline"))])
    reason = forms.CharField(
        label=_("Reason (sent to the office when declining)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the nomination is declined."))
        return data


class InvitationCreateForm(forms.Form):
    """The secretariat's form in the admin for inviting one person."""

    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    office = forms.ModelChoiceField(
        label=_("Office"),
        queryset=OfficePage.objects.originals().order_by("title"),
        required=False,
        help_text=_("Leave empty for secretariat staff."),
    )
    office.label_from_instance = lambda office: office.display_name
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)
    language = forms.ChoiceField(
        label=capfirst(Invitation._meta.get_field("language").verbose_name),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        required=False,
    )


class AssessmentForm(forms.Form):
    """One score (with its rubric), comment and evidence link per dimension."""

    def __init__(self, *args, answers: dict, disabled: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = []
        for rubric in RUBRICS:
            key = rubric.dimension.value
            answer = answers.get(key)
            score = forms.TypedChoiceField(
                label=rubric.label,
                help_text=rubric.question,
                choices=[
                    (level, f"{level} · {LEVEL_NAMES[level]}: {rubric.levels[level]}")
                    for level in LEVELS
                ],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=answer.score if answer else None,
                disabled=disabled,
            )
            comment = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.comment if answer else "",
                disabled=disabled,
            )
            evidence = forms.URLField(
                label=_("Evidence link"),
                required=False,
                assume_scheme="https",
                initial=answer.evidence_url if answer else "",
                disabled=disabled,
            )
            self.fields[f"{key}-score"] = score
            self.fields[f"{key}-comment"] = comment
            self.fields[f"{key}-evidence"] = evidence
            self.sections.append((rubric, key))

    def bound_sections(self):
        for rubric, key in self.sections:
            yield {
                "rubric": rubric,
                "score": self[f"{key}-score"],
                "comment": self[f"{key}-comment"],
                "evidence": self[f"{key}-evidence"],
            }

    def answers(self):
        from network.services import AnswerData

        return {
            key: AnswerData(
                score=self.cleaned_data[f"{key}-score"],
                comment=self.cleaned_data[f"{key}-comment"],
                evidence_url=self.cleaned_data[f"{key}-evidence"],
            )
            for _rubric, key in self.sections
        }
