"""The comment form, read the same way on the page and on its own address."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.consultations.models import Comment, CommentVisibility, ConsultationPage

WHOLE_DOCUMENT = ""


class CommentForm(forms.Form):
    paragraph = forms.ChoiceField(label=_("On"), required=False)
    body = forms.CharField(
        label=_("Your comment"),
        max_length=Comment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text=_("Markdown: **bold**, *italic*, lists and links."),
    )
    on_behalf_of_office = forms.BooleanField(required=False)
    visibility = forms.ChoiceField(
        label=_("Who may read it"),
        choices=CommentVisibility.choices,
        initial=CommentVisibility.AUDIENCE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, page: ConsultationPage, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].choices = [
            (WHOLE_DOCUMENT, _("The whole document")),
            *[
                (p.block_id, _("Paragraph %(number)d") % {"number": p.number})
                for p in page.paragraphs()
            ],
        ]
        if office is None:
            del self.fields["on_behalf_of_office"]
        else:
            self.fields["on_behalf_of_office"].label = _("On behalf of %(office)s") % {
                "office": office.title
            }
            self.fields["on_behalf_of_office"].help_text = _(
                "Otherwise the comment is in your own name."
            )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "paragraph_id": data["paragraph"],
            "body": data["body"],
            "on_behalf_of_office": data.get("on_behalf_of_office", False),
            "visibility": data["visibility"],
        }
