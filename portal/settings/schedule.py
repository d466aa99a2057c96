"""The portal's recurring work (``PORTAL_SCHEDULE``), read by portal/schedule.py."""

# Recurring work, run by `python manage.py run_scheduler` (portal/schedule.py): each job
# is a management command with "every" (seconds) or "cron" (a crontab line, UTC), and
# optional "args". Two schedulers never run one job at once (a PostgreSQL advisory lock),
# and every command here is safe to run again (docs/deployment.md, "Recurring work").
PORTAL_SCHEDULE = {
    # Queue again the background work whose next attempt is due.
    "task-retries": {"command": "run_task_retries", "every": 60},
    # Workshop reminders (never sent twice).
    "workshop-reminders": {"command": "send_workshop_reminders", "cron": "5 * * * *"},
    # Consultations: "open for comments" and "closes in two days" (each sent once).
    "consultation-notices": {"command": "send_consultation_notices", "cron": "10 * * * *"},
    # Surveys: "your office is asked" and, to offices that have not answered, "closes in
    # two days" (each sent once).
    "survey-notices": {"command": "send_survey_notices", "cron": "12 * * * *"},
    # Task-force meetings within a day: a reminder to their members (once per meeting).
    "meeting-reminders": {"command": "send_meeting_reminders", "cron": "20 * * * *"},
    # The daily digest of task-force notifications (one per person per day).
    "notification-digest": {"command": "send_notification_digest", "cron": "0 6 * * *"},
    # Yearly confirmation of catalogue entries, outdated marks and archiving.
    "catalogue-freshness": {"command": "check_catalogue_freshness", "cron": "30 2 * * *"},
    # Search rebuilt from the content once a week: repairs any index drift that retries
    # of failed index updates did not.
    "search-reindex": {"command": "search_reindex", "cron": "0 3 * * 0"},
    # Saved searches: each due alert's new matches, once a day (never sent twice).
    "saved-search-alerts": {"command": "send_alerts", "cron": "40 6 * * *"},
    # Logged queries a year old folded into monthly counts (search.query_log).
    "query-log-prune": {"command": "prune_query_log", "cron": "15 3 * * *"},
}
