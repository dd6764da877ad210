from django.urls import path

from irtiqaa.cases import views

app_name = "cases"
urlpatterns = [
    path("beneficiaries/<int:pk>/phase/", views.phase_change, name="phase"),
    path("beneficiaries/<int:pk>/closure/", views.case_close, name="closure"),
    path(
        "beneficiaries/<int:pk>/closure/decision/",
        views.closure_decide,
        name="closure_decision",
    ),
    path("beneficiaries/<int:pk>/reopening/", views.case_reopen, name="reopening"),
    path("beneficiaries/<int:pk>/transfer/", views.transfer, name="transfer"),
    path(
        "beneficiaries/<int:pk>/interactions/new/",
        views.interaction_create,
        name="interaction_create",
    ),
    path("interactions/<int:pk>/edit/", views.interaction_edit, name="interaction_edit"),
    path("cases/closures/", views.closures, name="closures"),
]
