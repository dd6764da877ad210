from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record


class AuditedAdmin(admin.ModelAdmin):
    """Administration writes are audited like every other write."""

    @transaction.atomic
    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action=AuditEvent.Action.UPDATE if change else AuditEvent.Action.CREATE,
            obj=obj,
            changed_fields=form.changed_data,
            via="admin",
        )

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            audit_record(actor=request.user, action=AuditEvent.Action.DELETE, obj=obj, via="admin")
        super().delete_queryset(request, queryset)

    @transaction.atomic
    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        audit_record(actor=request.user, action=AuditEvent.Action.DELETE, obj=obj, via="admin")
        super().delete_model(request, obj)


def admin_role_only(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and getattr(user, "role", None) == "admin" and user.is_staff)
