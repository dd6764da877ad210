from django.urls import path

from irtiqaa.beneficiaries import views, views_duplicates

app_name = "beneficiaries"
urlpatterns = [
    path("", views.beneficiary_list, name="list"),
    path("new/", views.beneficiary_register, name="register"),
    path("duplicates/", views_duplicates.duplicate_review, name="duplicates"),
    path("duplicates/check/", views.duplicate_check, name="duplicate_check"),
    path(
        "duplicates/<int:pk>/not-duplicate/",
        views_duplicates.duplicate_dismiss,
        name="duplicate_dismiss",
    ),
    path("duplicates/<int:pk>/merge/", views_duplicates.duplicate_merge, name="merge"),
    path("<int:pk>/", views.beneficiary_file, name="file"),
    path("<int:pk>/edit/", views.beneficiary_edit, name="edit"),
    path("<int:pk>/consents/", views.consent_record, name="consent"),
]
