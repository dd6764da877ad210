from django.urls import path

from irtiqaa.beneficiaries import views

app_name = "beneficiaries"
urlpatterns = [
    path("", views.beneficiary_list, name="list"),
    path("new/", views.beneficiary_register, name="register"),
    path("duplicates/", views.duplicate_check, name="duplicate_check"),
    path("<int:pk>/", views.beneficiary_file, name="file"),
    path("<int:pk>/edit/", views.beneficiary_edit, name="edit"),
    path("<int:pk>/consents/", views.consent_record, name="consent"),
]
