"""Blocks of a workshop page: the agenda (days of sessions) and the materials."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class MaterialKind(models.TextChoices):
    SLIDES = "slides", _("Slides")
    RECORDING = "recording", _("Recording")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


class MaterialValue(blocks.StructValue):
    def url(self) -> str:
        document = self.get("document")
        return document.url if document else self.get("link") or ""

    def kind_label(self) -> str:
        return MaterialKind(self.get("kind")).label


class MaterialBlock(blocks.StructBlock):
    """Slides, a recording or a report: an uploaded document or a link."""

    kind = blocks.ChoiceBlock(choices=MaterialKind.choices, default=MaterialKind.SLIDES)
    title = blocks.CharBlock(label=_("Title"))
    document = DocumentChooserBlock(required=False, label=_("Document"))
    link = blocks.URLBlock(
        required=False, label=_("Link"), help_text=_("For a recording or a page elsewhere.")
    )

    class Meta:
        icon = "doc-full"
        template = "workshops/blocks/material_block.html"
        value_class = MaterialValue
        preview_value = {
            "kind": "report",
            "title": "Summary of the first High-Level Dialogue on ICT",
            "link": "https://www.wipo.int/",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("document") and not value.get("link"):
            raise blocks.StructBlockValidationError(
                block_errors={"link": ValidationError(_("Choose a document or give a link."))}
            )
        return value


class MaterialsBlock(blocks.StreamBlock):
    material = MaterialBlock()

    class Meta:
        template = "workshops/blocks/materials_block.html"


class SessionValue(blocks.StructValue):
    def speaker_list(self) -> list:
        return [speaker for speaker in self.get("speakers") or [] if speaker is not None]


class SessionBlock(blocks.StructBlock):
    """One session of a day, with times in the event's own time zone."""

    start_time = blocks.TimeBlock(label=_("Starts"))
    end_time = blocks.TimeBlock(label=_("Ends"))
    title = blocks.CharBlock(label=_("Title"))
    description = blocks.TextBlock(required=False, label=_("Description"))
    room = blocks.CharBlock(required=False, label=_("Room"))
    link = blocks.URLBlock(
        required=False,
        label=_("Online room link"),
        help_text=_("Shown only to registered participants."),
    )
    speakers = blocks.ListBlock(
        SnippetChooserBlock("workshops.Speaker"), default=[], label=_("Speakers")
    )
    materials = blocks.ListBlock(MaterialBlock(), default=[], label=_("Materials"))

    class Meta:
        icon = "time"
        template = "workshops/blocks/session_block.html"
        value_class = SessionValue
        preview_value = {
            "start_time": "09:30",
            "end_time": "10:30",
            "title": "AI tools for classification, machine translation and search",
            "room": "Room A",
        }

    def clean(self, value):
        value = super().clean(value)
        if value["start_time"] and value["end_time"] and value["end_time"] <= value["start_time"]:
            raise blocks.StructBlockValidationError(
                block_errors={"end_time": ValidationError(_("A session ends after it starts."))}
            )
        return value


class AgendaDayBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"))
    title = blocks.CharBlock(
        required=False,
        label=_("Theme of the day"),
        help_text=_("e.g. Enabling digital transformation"),
    )
    sessions = blocks.ListBlock(SessionBlock(), label=_("Sessions"))

    class Meta:
        icon = "date"
        template = "workshops/blocks/agenda_day_block.html"
        preview_value = {
            "date": "2025-04-14",
            "title": "Enabling digital transformation",
            "sessions": [
                {"start_time": "09:30", "end_time": "10:00", "title": "Opening"},
                {"start_time": "10:00", "end_time": "12:30", "title": "Digital strategy"},
            ],
        }


class AgendaBlock(blocks.StreamBlock):
    """The programme: days, each with its sessions."""

    day = AgendaDayBlock()

    class Meta:
        template = "workshops/blocks/agenda_block.html"
