"""The consultations' pages: the listing, a consultation with its comments, the comment
form, the document and the secretariat's CSV.

Views below a consultation page are given the page the reader asked for (perhaps a
translation) and work on its ``original``, which comments belong to. Everything below a
consultation answers 404 to a member it is not addressed to; visitors never get this far
(the index's view restriction sends them to sign in, services.index_restrict_to_members).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from network.decorators import members_refusal
from portal.consultations import permissions, selectors, services
from portal.consultations.forms import CommentForm
from portal.consultations.models import ConsultationIndexPage, ConsultationPage
from portal.exports import csv_response


def _render(request, page, context: dict, status: int = 200):
    request.is_preview = getattr(request, "is_preview", False)
    response = page.render(request, context_overrides=context)
    response.status_code = status
    # What a member reads depends on who they are: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


def index_page(request, index: ConsultationIndexPage):
    return _render(
        request, index, {"consultations": selectors.consultations_for(request.user, index)}
    )


def _readable(request, page: ConsultationPage) -> ConsultationPage:
    """The original of ``page``, or 404 for a reader it is not addressed to."""
    consultation = page.original
    if not permissions.can_read(request.user, consultation):
        raise Http404
    return consultation


def consultation_page(request, page: ConsultationPage):
    if page.pk is None:
        # A preview of a page never saved: its paragraphs, nothing to look up.
        return _render(request, page, {"places": selectors.comments_by_place(page, [])})
    if refusal := members_refusal(request, permissions.NOT_IN_AUDIENCE):
        return refusal
    consultation = _readable(request, page)
    return _render(request, page, page_context(request, page, consultation))


def page_context(request, page, consultation, form=None) -> dict:
    user = request.user
    comments = list(selectors.readable_comments(user, consultation))
    can_comment = permissions.can_comment(user, consultation)
    if can_comment and form is None:
        form = CommentForm(page=page, office=permissions.own_office(user))
    return {
        "places": selectors.comments_by_place(page, comments),
        "comment_count": len(comments),
        "comment_form": form if can_comment else None,
        "can_export": permissions.can_export_comments(user, consultation),
        "reads_every_comment": permissions.can_read_every_comment(user, consultation),
    }


def comment(request, page: ConsultationPage):
    """The comment form on its own (a paragraph chosen by ``?paragraph=``), and where
    the page's form posts."""
    if refusal := members_refusal(request, permissions.NOT_IN_AUDIENCE):
        return refusal
    consultation = _readable(request, page)
    office = permissions.own_office(request.user)
    if request.method != "POST":
        if not permissions.can_comment(request.user, consultation):
            return redirect(page.url)
        form = CommentForm(
            page=page, office=office, initial={"paragraph": request.GET.get("paragraph", "")}
        )
        return _comment_page(request, page, form)
    form = CommentForm(request.POST, page=page, office=office)
    if form.is_valid():
        try:
            saved = services.comment_create(
                consultation=consultation, author=request.user, **form.service_arguments()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your comment has been saved."))
            return redirect(f"{page.url}#comment-{saved.pk}")
    return _comment_page(request, page, form, status=400)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _comment_page(request, page, form, status: int = 200):
    context = {"page": page, "self": page, "form": form, "subpage_title": _("Comment")}
    response = TemplateResponse(request, "consultations/comment_form.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def document(request, page: ConsultationPage):
    """The uploaded document, from the private storage, to the consultation's audience."""
    if refusal := members_refusal(request, permissions.NOT_IN_AUDIENCE):
        return refusal
    _readable(request, page)
    if not page.document:
        raise Http404
    name = page.document.name.rsplit("/", 1)[-1]
    response = FileResponse(page.document.open("rb"), as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


def comments_csv(request, page: ConsultationPage):
    """Every comment, those addressed to the secretariat included: the secretariat only."""
    if refusal := members_refusal(request, permissions.NOT_IN_AUDIENCE):
        return refusal
    consultation = _readable(request, page)
    if not permissions.can_export_comments(request.user, consultation):
        raise Http404
    response = csv_response(
        selectors.export_rows(consultation), f"comments-{consultation.slug}.csv"
    )
    response["Cache-Control"] = "private, no-store"
    return response
