"""Instruments are configured here: a new version is added, a published one is never changed."""

import json
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Max
from django.http import HttpRequest

from irtiqaa.assessments.models import Instrument, InstrumentVersion
from irtiqaa.lib.admin import AuditedAdmin


@admin.register(Instrument)
class InstrumentAdmin(AuditedAdmin):
    list_display = ("code", "name_fr", "name_ar", "name_en", "is_active")
    list_filter = ("is_active",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("code",) if obj else ()  # assessments and the API name it by its code

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate it instead: its versions score stored assessments


class InstrumentVersionForm(forms.ModelForm):
    class Meta:
        model = InstrumentVersion
        fields = ["instrument", "definition"]
        help_texts = {"definition": "docs/instruments.md"}  # checked by the model (definition.py)


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(AuditedAdmin):
    """Adding publishes the next version; a published version can be read, never changed."""

    form = InstrumentVersionForm
    list_display = ("instrument", "number", "published_at")
    list_filter = ("instrument",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("instrument", "number", "pretty_definition", "published_at") if obj else ()

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj:
            return ["instrument", "number", "published_at", "pretty_definition"]
        return ["instrument", "definition"]

    @admin.display(description="definition")
    def pretty_definition(self, obj: InstrumentVersion) -> str:
        return json.dumps(obj.definition, ensure_ascii=False, indent=2)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        last = obj.instrument.versions.aggregate(last=Max("number"))["last"] or 0
        obj.number = last + 1
        super().save_model(request, obj, form, change)
