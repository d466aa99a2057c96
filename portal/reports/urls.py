"""The network health report, at /reports/health/ (under every language prefix)."""

from django.urls import path

from portal.reports import views

app_name = "reports"
urlpatterns = [
    path("health/", views.health_report, name="health"),
    path("health/figures.csv", views.health_report_csv, name="health_csv"),
]
