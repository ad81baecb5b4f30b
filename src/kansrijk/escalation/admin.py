from django.contrib import admin

from kansrijk.core.admin import ModelAdmin

from .models import BarrierTag


@admin.register(BarrierTag)
class BarrierTagAdmin(ModelAdmin):
    """The kinds of barrier and agencies Doorbraak cases are tagged with: configuration only."""

    list_display = ["display_name", "kind", "programme", "position", "active"]
    list_filter = ["kind", "programme", "active"]
    list_editable = ["position", "active"]
    ordering = ["kind", "programme", "position"]
