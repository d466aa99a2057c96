"""The "Alert me" form, which the search page and the catalogue listing include."""

from urllib.parse import urlencode

from django import template

from portal.alerts.models import Frequency, Source

register = template.Library()


@register.inclusion_tag("alerts/components/alert_form.html", takes_context=True)
def alert_me(context, source: str, state=None, results=None, oob: bool = False):
    """Shown to signed-in people. The site search passes its ``results``, the catalogue its
    listing ``state``; the form posts them as the page's own query string."""
    request = context.get("request")
    shown = bool(request and request.user.is_authenticated)
    if source == Source.SEARCH and results is not None:
        query, params = results.query, urlencode({"q": results.query, **results.filters})
    elif source == Source.CATALOGUE and state is not None:
        query, params = state.query, state.query_string(sort=None)
    else:
        shown = False
        query = params = ""
    return {
        "shown": shown,
        "oob": oob,
        "source": source,
        "params": params,
        "name": query,
        "frequencies": Frequency.choices,
        "csrf_token": context.get("csrf_token"),
    }
