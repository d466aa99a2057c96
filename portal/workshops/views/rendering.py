"""What the workshop views share: bound forms, service errors on forms, page responses."""

from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse


def posted(request):
    """The submitted data, even when empty, so that a POST always validates."""
    return request.POST if request.method == "POST" else None


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field when it names one."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error)


def form_status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


def page_response(request, workshop, template, context, status=200):
    """A page of its own below a workshop page (register, feedback…), with the page in context."""
    context = {"page": workshop, "self": workshop, **context}
    return TemplateResponse(request, template, context, status=status)
