from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from irtiqaa.cases.models import AccompanimentRules, Topic
from irtiqaa.lib.admin import AuditedAdmin
from irtiqaa.organisations.models import OrganisationUnit


@admin.register(Topic)
class TopicAdmin(AuditedAdmin):
    list_display = ("code", "label_fr", "label_ar", "label_en", "position", "is_active")
    list_editable = ("position", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "label_fr", "label_ar", "label_en")
    ordering = ("position", "code")

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False  # a topic in use on past interactions is retired (is_active), not deleted


@admin.register(AccompanimentRules)
class AccompanimentRulesAdmin(AuditedAdmin):
    list_display = ("unit", "closure_needs_approval", "post_return_contact_days")
    list_select_related = ("unit",)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "unit":  # the programme's own units, not partners
            kwargs["queryset"] = OrganisationUnit.objects.exclude(
                kind=OrganisationUnit.Kind.PARTNER
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
