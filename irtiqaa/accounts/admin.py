from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from irtiqaa.accounts.models import ApiToken, User
from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record
from irtiqaa.lib.admin import AuditedAdmin, admin_role_only

admin.site.has_permission = admin_role_only  # type: ignore[method-assign]
admin.site.site_header = _("Irtiqaa administration")
admin.site.site_title = "Irtiqaa"


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    list_display = (
        "username",
        "first_name",
        "last_name",
        "role",
        "unit",
        "is_active",
        "last_login",
    )
    list_filter = ("role", "is_active", "unit__kind")
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Role in the programme"), {"fields": ("role", "unit")}),
    )

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:  # the new password is saved
            audit_record(
                actor=request.user,
                action=AuditEvent.Action.UPDATE,
                object_type="accounts.user",
                object_id=id,
                changed_fields=["password"],
                via="admin",
            )
        return response

    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Role in the programme"), {"fields": ("role", "unit")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    fields = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")

    def get_readonly_fields(
        self, request: HttpRequest, obj: ApiToken | None = None
    ) -> tuple[str, ...]:
        # A revoked token stays revoked: a new one is made with create_api_token.
        readonly = ("prefix", "user", "created_at", "last_used_at")
        return (*readonly, "revoked_at") if obj is not None and obj.revoked_at else readonly

    def has_add_permission(self, request: object) -> bool:
        return False  # tokens are created with `manage.py create_api_token`, shown once
