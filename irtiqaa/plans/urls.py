from django.urls import path

from irtiqaa.plans import views

app_name = "plans"
urlpatterns = [
    path("beneficiaries/<int:pk>/plan/", views.plan, name="plan"),
    path("beneficiaries/<int:pk>/plan/goals/new/", views.goal_create, name="goal_create"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/status/", views.action_status, name="action_status"),
]
