"""A person's own task-force pages; the workspaces are routed below each task-force page."""

from django.urls import path

from taskforces.views import notifications

app_name = "taskforces"
urlpatterns = [
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.notification_read, name="notifications_read"),
    path(
        "notifications/settings/",
        notifications.notification_settings,
        name="notification_settings",
    ),
    path("action-items/", notifications.my_action_items, name="my_actions"),
]
