"""The survey routes, below the index page and below each survey page."""

from django.urls import path, re_path

from portal.surveys import views

# Routed below the survey index page (SurveyIndexPage.subpage_urls).
survey_index_urls = [
    path("", views.index_page, name="index_route"),
]

# Routed below each survey page (SurveyPage.subpage_urls). Offices by their ST.3 code.
survey_page_urls = [
    path("", views.survey_page, name="index_route"),
    re_path(r"^answer/(?P<code>[A-Za-z]{2})/$", views.answer, name="answer"),
    re_path(r"^responses/(?P<code>[A-Za-z]{2})/reopen/$", views.reopen, name="reopen"),
    path("results/", views.results, name="results"),
    path("results/export/", views.results_csv, name="results_csv"),
    path("responses/export/", views.responses_csv, name="responses_csv"),
]
