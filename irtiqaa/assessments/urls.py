from django.urls import path

from irtiqaa.assessments import views

app_name = "assessments"
urlpatterns = [
    path("beneficiaries/<int:pk>/assessments/", views.assessment_history, name="history"),
    # ?instrument=<code> opens the form; without it, the choice of instrument.
    path("beneficiaries/<int:pk>/assessments/new/", views.assessment_new, name="new"),
    path("assessments/<int:pk>/", views.assessment_detail, name="detail"),
]
