from django.urls import path

from irtiqaa.seasons import views

app_name = "seasons"
urlpatterns = [
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path(
        "beneficiaries/<int:beneficiary_pk>/seasons/new/",
        views.participation_create,
        name="participation_create",
    ),
    path("seasons/<int:pk>/edit/", views.participation_edit, name="participation_edit"),
    path(
        "seasons/<int:participation_pk>/incidents/new/",
        views.incident_create,
        name="incident_create",
    ),
    path("incidents/<int:pk>/edit/", views.incident_edit, name="incident_edit"),
]
