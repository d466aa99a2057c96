"""Model and form fields the apps share."""

import json
import re
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# An id as the site writes it: ASCII digits only ("³" and "١٢" pass str.isdigit()), and
# few enough to fit a 64-bit integer (SQLite raises OverflowError past that).
PLAIN_ID = re.compile(r"[0-9]{1,18}")

# Every IANA time zone, for offices and events.
TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


class ChoiceListField(models.JSONField):
    """A list of values from fixed ``choices``, edited as checkboxes.

    For short lists that are shown, not filtered on in the database (SQLite cannot look
    inside JSON lists); anything a listing filters or counts by is a relation instead.
    """

    def __init__(self, *args, choices=(), **kwargs):
        self.list_choices = list(choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices"] = self.list_choices
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {key for key, _label in self.list_choices}
        unknown = [item for item in value or [] if item not in allowed]
        if unknown:
            raise ValidationError(
                _("Not a valid choice: %(values)s"), params={"values": ", ".join(map(str, unknown))}
            )

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.list_choices,
            required=not self.blank,
            label=kwargs.get("label", self.verbose_name),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def labels(self, values) -> list[str]:
        names = dict(self.list_choices)
        return [str(names.get(value, value)) for value in values or []]


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that refuses a value that is no plain id before any query."""

    def to_python(self, value):
        if value not in self.empty_values and not PLAIN_ID.fullmatch(str(value)):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses values that are no plain ids before any query."""

    def _check_values(self, value):
        for pk in value:
            if not PLAIN_ID.fullmatch(str(pk)):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class LocalisedFileInput(forms.ClearableFileInput):
    """A file input whose button and status read in the page's language, not the browser's.

    The template renders them hidden beside the browser's own input; file-input.js shows
    them and hides that input visually (docs/front-end.md, "File inputs"). ``max_files``
    bounds the counts spelt out for a multiple input ("3 files chosen").
    """

    template_name = "components/file_input.html"

    def __init__(self, attrs=None, *, max_files: int = 1):
        super().__init__(attrs)
        self.max_files = max_files

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["multiple"] = self.allow_multiple_selected
        classes = widget["attrs"].get("class", "")
        widget["attrs"]["class"] = f"file-input__native {classes}".strip()
        if self.allow_multiple_selected:
            # Every count a member may choose, each with its own plural form, so that the
            # script picks a sentence rather than building one.
            counts = {
                count: ngettext("%(count)s file chosen", "%(count)s files chosen", count)
                % {"count": count}
                for count in range(2, self.max_files + 1)
            }
            widget["counts"] = json.dumps(counts, ensure_ascii=False)
            more = ngettext(
                "More than %(count)s file chosen",
                "More than %(count)s files chosen",
                self.max_files,
            )
            widget["more"] = more % {"count": self.max_files}
        return context
