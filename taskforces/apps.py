from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskforcesConfig(AppConfig):
    name = "taskforces"
    verbose_name = _("Task forces")

    def ready(self):
        from portal import calendar_feeds
        from taskforces import signals  # noqa: F401
        from taskforces.calendars import member_meeting_events

        # Members' personal calendar addresses carry their task forces' meetings.
        calendar_feeds.register(member_meeting_events)
