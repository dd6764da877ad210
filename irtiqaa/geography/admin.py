from django.contrib import admin

from irtiqaa.geography.models import Province, Region


class ReferenceDataAdmin(admin.ModelAdmin):
    """Reference data ships with the code (migrations); it is read here, not edited."""

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Region)
class RegionAdmin(ReferenceDataAdmin):
    list_display = ("official_number", "code", "name_fr", "name_ar", "is_pilot")


@admin.register(Province)
class ProvinceAdmin(ReferenceDataAdmin):
    list_display = ("code", "name_fr", "name_ar", "kind", "region")
    list_filter = ("region", "kind")
