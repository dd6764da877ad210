from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from irtiqaa.lib.admin import AuditedAdmin
from irtiqaa.organisations.models import OrganisationUnit


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(AuditedAdmin):
    list_display = ("path", "name_fr", "name_ar", "kind", "partner_type", "is_active")
    list_filter = ("kind", "partner_level", "partner_type", "region")
    search_fields = ("name_fr", "name_ar", "code", "path")
    readonly_fields = ("path",)

    def get_readonly_fields(
        self, request: object, obj: OrganisationUnit | None = None
    ) -> tuple[str, ...]:
        # The path is the scope of every member: it is set when the unit is created.
        return ("path", "parent", "code", "kind") if obj else ("path",)

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        assert isinstance(obj, OrganisationUnit)
        if not change:
            obj.path = OrganisationUnit.path_under(obj.parent, obj.code)
        super().save_model(request, obj, form, change)
