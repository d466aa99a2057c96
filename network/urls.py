from django.urls import path

from network import views

app_name = "network"
urlpatterns = [
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("profile/", views.my_profile, name="my_profile"),
]
