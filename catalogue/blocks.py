"""The blocks of a catalogue entry's description: the shared body plus a feature list."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from portal.blocks import BodyBlock


class FeatureBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Feature"))
    detail = blocks.TextBlock(required=False, label=_("Detail"))

    class Meta:
        icon = "tick"
        template = "blocks/feature_block.html"
        preview_value = {"name": "ST.96 export", "detail": "Exports the register as ST.96 XML."}


class FeatureListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, default=_("Features"), label=_("Heading"))
    features = blocks.ListBlock(FeatureBlock(), label=_("Features"))

    class Meta:
        icon = "list-ul"
        template = "blocks/feature_list_block.html"
        preview_value = {
            "heading": "Features",
            "features": [
                {"name": "Online filing", "detail": "Applicants file and pay online."},
                {"name": "ST.96 export", "detail": "Exports the register as ST.96 XML."},
            ],
        }


class EntryDescriptionBlock(BodyBlock):
    """Text, images, video embeds and a list of features."""

    features = FeatureListBlock()

    class Meta:
        template = "blocks/body_block.html"
