"""Creating pages through the Wagtail admin's own forms, as an editor would."""

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data


def publish_through_admin(
    client, parent: Page, model: type[Page], fields: dict, *, multiple: dict | None = None
) -> Page:
    """Post the admin's add-page form with ``fields`` and return the published page.

    ``fields`` may nest (StreamField, inline panels); ``multiple`` holds many-valued
    fields (checkboxes, multiple selects) as lists. Fails with the form's errors when
    the admin refuses the data.
    """
    url = reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )
    data = {**nested_form_data(fields), **(multiple or {}), "action-publish": "publish"}
    response = client.post(url, data)
    if response.status_code != 302:
        form = response.context["form"] if response.context else None
        errors = form.errors.as_json() if form is not None else response.content[:500]
        raise AssertionError(f"The admin refused to create the {model.__name__}: {errors}")
    page = model.objects.child_of(parent).get(slug=fields["slug"])
    assert page.live, f"The {model.__name__} was saved but not published."
    return page
