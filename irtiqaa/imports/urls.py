from django.urls import path

from irtiqaa.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_list, name="list"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/columns/", views.import_mapping, name="mapping"),
    path("<int:pk>/progress/", views.import_progress, name="progress"),
    path("<int:pk>/rows/<int:number>/decision/", views.import_decide, name="decide"),
    path("<int:pk>/skip-undecided/", views.import_skip_undecided, name="skip_undecided"),
    path("<int:pk>/commit/", views.import_commit, name="commit"),
    path("<int:pk>/cancel/", views.import_cancel, name="cancel"),
    path("<int:pk>/retry/", views.import_retry, name="retry"),
    path("<int:pk>/report.xlsx", views.import_report, name="report"),
]
