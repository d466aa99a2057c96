"""The text of a consultation: numbered paragraphs, each with a stable id for comments."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ConsultationParagraphBlock(blocks.RichTextBlock):
    """One numbered paragraph; comments refer to it by its block id, which stays the same
    when paragraphs are added or moved and in the page's translations."""

    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "consultations/blocks/paragraph_block.html"
        preview_value = (
            "<p>The secretariat proposes an ICT maturity index for IP offices, "
            "built from the self-assessments.</p>"
        )


class ConsultationTextBlock(blocks.StreamBlock):
    paragraph = ConsultationParagraphBlock()
