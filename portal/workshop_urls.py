"""A member's own workshops and their personal calendar; the events are Wagtail pages."""

from django.urls import path

from portal import views

app_name = "workshops"
urlpatterns = [
    path("", views.my_workshops, name="mine"),
    path("calendar/new-address/", views.my_calendar_renew, name="my_calendar_renew"),
    path("calendar/<str:token>.ics", views.my_calendar, name="my_calendar"),
]
