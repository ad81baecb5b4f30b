from django.contrib import admin

from kansrijk.core.admin import ModelAdmin

from .models import GoalTemplate

# Goals, steps and notes are personal data: like households, they are not in the admin.


@admin.register(GoalTemplate)
class GoalTemplateAdmin(ModelAdmin):
    list_display = ("display_text", "domain_code", "basic_calm", "position", "active")
    list_filter = ("domain_code", "basic_calm", "active")
    list_editable = ("position", "active")
    ordering = ("domain_code", "position")
