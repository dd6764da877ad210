from django.urls import path

from irtiqaa.today import views

app_name = "today"

urlpatterns = [
    path("today/", views.day, name="day"),
    path("team/", views.team, name="team"),
]
