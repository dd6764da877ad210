from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from irtiqaa import views
from irtiqaa.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("irtiqaa.accounts.urls")),
    path("beneficiaries/", include("irtiqaa.beneficiaries.urls")),
    path("", include("irtiqaa.seasons.urls")),
    path("", include("irtiqaa.cases.urls")),
    path("", include("irtiqaa.plans.urls")),
    path("workshops/", include("irtiqaa.workshops.urls")),
    path("imports/", include("irtiqaa.imports.urls")),
    path("", include("irtiqaa.assessments.urls")),
    path("", include("irtiqaa.today.urls")),
    path("audit/", include("irtiqaa.audit.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
