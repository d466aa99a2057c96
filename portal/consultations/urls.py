"""The consultation routes, below the index page and below each consultation page."""

from django.urls import path

from portal.consultations import views

# Routed below the consultation index page (ConsultationIndexPage.subpage_urls).
consultation_index_urls = [
    path("", views.index_page, name="index_route"),
]

# Routed below each consultation page (ConsultationPage.subpage_urls).
consultation_page_urls = [
    path("", views.consultation_page, name="index_route"),
    path("comment/", views.comment, name="comment"),
    path("document/", views.document, name="document"),
    path("comments/export/", views.comments_csv, name="comments_csv"),
]
