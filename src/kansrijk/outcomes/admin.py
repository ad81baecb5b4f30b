from django.contrib import admin

from kansrijk.core.admin import ModelAdmin

from .models import OutcomeType

# Outcomes themselves are personal data: like households, they are not in the admin. A
# programme's outcome types are configuration: add, rename, reorder or retire them here.


@admin.register(OutcomeType)
class OutcomeTypeAdmin(ModelAdmin):
    list_display = ("programme", "code", "kind", "name", "position", "active")
    list_filter = ("programme", "kind", "active")
    list_editable = ("position", "active")
    ordering = ("programme", "position")
