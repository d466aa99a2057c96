"""The network's routes: a person's own pages, and those below the directory and each office."""

from django.urls import path

from network import views

app_name = "network"
urlpatterns = [
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("profile/", views.my_profile, name="my_profile"),
]

# Routed below the directory page (OfficeIndexPage.subpage_urls).
office_index_page_urls = [
    path("", views.office_directory, name="index_route"),
    path("people/", views.people_directory, name="people"),
    path("people/<int:member_id>/", views.member_profile, name="person"),
    path("nominations/", views.nomination_review, name="nominations"),
    path("assessments/export/", views.assessment_export, name="assessments_export"),
]

# Routed below each office page (OfficePage.subpage_urls), before the catalogue's own.
office_page_urls = [
    path("", views.office_page, name="index_route"),
    path("assessment/", views.assessment_edit, name="assessment"),
    path("assessment/<int:year>/", views.assessment_edit, name="assessment_year"),
    path("assessment/<int:year>/sharing/", views.assessment_sharing, name="assessment_sharing"),
    path("nominate/", views.nomination_create, name="nominate"),
]
