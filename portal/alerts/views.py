"""Alert me, My alerts, unsubscribing from an alert's e-mail link, and the feeds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from portal.alerts import feeds, links, selectors, services
from portal.alerts.forms import AlertForm, FrequencyForm, alert_choice
from portal.alerts.models import SavedSearch

# Saved searches' feeds keep nothing on the feed object between requests.
saved_search_rss = feeds.SavedSearchRssFeed()
saved_search_atom = feeds.SavedSearchAtomFeed()


def catalogue_rss(request, index):
    # A feed object per request: it keeps the index it lists while it renders.
    return feeds.CatalogueRssFeed()(request, index=index)


def catalogue_atom(request, index):
    return feeds.CatalogueAtomFeed()(request, index=index)


@login_required
@require_POST
def alert_create(request):
    """Save the search the page showed; its form again, with the reasons, if refused."""
    form = AlertForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.alert_create(
                user=request.user,
                name=data["name"],
                source=data["source"],
                query=data["query"],
                params=data["params"],
                frequency=data["frequency"],
                language=translation.get_language(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your alert is saved: new matches will be e-mailed."))
            return redirect("alerts:list")
    return TemplateResponse(request, "alerts/alert_new.html", {"form": form}, status=400)


@login_required
def alert_list(request):
    alerts = list(selectors.my_alerts(request.user))
    catalogue = selectors.catalogue_url() if alerts else None
    rows = [
        {
            "alert": alert,
            "form": FrequencyForm(initial={"frequency": alert.frequency}, prefix=f"a{alert.pk}"),
            "feed_url": links.feed_url(alert),
            "search_url": selectors.search_url(alert, catalogue=catalogue),
        }
        for alert in alerts
    ]
    return TemplateResponse(request, "alerts/my_alerts.html", {"rows": rows})


@login_required
@require_POST
def alert_frequency(request, alert_id: int):
    alert = alert_choice(request.user, alert_id)
    form = FrequencyForm(request.POST, prefix=f"a{alert_id}")
    if alert is None:
        messages.error(request, _("Choose one of your alerts."))
    elif form.is_valid():
        services.alert_set_frequency(alert=alert, frequency=form.cleaned_data["frequency"])
        messages.success(request, _("How often you are alerted is saved."))
    else:
        messages.error(request, _("Choose daily or weekly."))
    return redirect("alerts:list")


@login_required
@require_POST
def alert_delete(request, alert_id: int):
    alert = alert_choice(request.user, alert_id)
    if alert is None:
        messages.error(request, _("Choose one of your alerts."))
    else:
        services.alert_delete(alert=alert)
        messages.success(request, _("The alert is deleted."))
    return redirect("alerts:list")


# The signed token is the authority, not a session: mail clients post the one-click
# unsubscribe (RFC 8058) without any cookie or CSRF token. A GET only asks, since mail
# scanners open links.
@csrf_exempt
@cache_control(private=True, no_store=True)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    alert_id = links.alert_id_from(token, salt=links.UNSUBSCRIBE_SALT)
    if alert_id is None:
        return TemplateResponse(request, "alerts/bad_link.html", {}, status=400)
    alert = SavedSearch.objects.filter(pk=alert_id).first()
    if alert is None:
        return TemplateResponse(request, "alerts/unsubscribed.html", {"already": True})
    if request.method == "POST":
        services.alert_unsubscribe(alert=alert)
        return TemplateResponse(request, "alerts/unsubscribed.html", {"name": alert.name})
    return TemplateResponse(request, "alerts/unsubscribe.html", {"alert": alert})
