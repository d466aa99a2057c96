"""A person's alerts, the unsubscribe links and the saved searches' feeds."""

from django.urls import path

from portal.alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.alert_list, name="list"),
    path("new/", views.alert_create, name="create"),
    path("<int:alert_id>/frequency/", views.alert_frequency, name="frequency"),
    path("<int:alert_id>/delete/", views.alert_delete, name="delete"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("feeds/<str:token>/rss/", views.saved_search_rss, name="feed_rss"),
    path("feeds/<str:token>/atom/", views.saved_search_atom, name="feed_atom"),
]


# The public catalogue's feeds, routed below the catalogue index page
# (CatalogueIndexPage.subpage_urls).
feed_urls = [
    path("feed/rss/", views.catalogue_rss, name="rss"),
    path("feed/atom/", views.catalogue_atom, name="atom"),
]
