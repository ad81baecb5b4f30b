"""Frameworks in the admin: a superuser adds a framework or a new version of one.

A version that an assessment used is shown read-only: change it by making a new version
(the action "Make a new version", `services.new_version`), so past assessments keep their
wording. The programme's choice is made by its coordinator on the programme's own page.
"""

from django.contrib import admin

from kansrijk.core.admin import ModelAdmin, TabularInline

from .models import Domain, Framework, Level
from .services import framework_in_use, new_version


class _FrozenWhenUsed:
    def _framework(self, obj):
        return obj if isinstance(obj, Framework) else getattr(obj, "framework", None)

    def has_change_permission(self, request, obj=None):
        framework = self._framework(obj) if obj is not None else None
        if framework is not None and framework.pk and framework_in_use(framework):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class DomainInline(_FrozenWhenUsed, TabularInline):
    model = Domain
    extra = 0
    show_change_link = True


class LevelInline(_FrozenWhenUsed, TabularInline):
    model = Level
    extra = 0

    def _framework(self, obj):
        return obj.framework if isinstance(obj, Domain) else super()._framework(obj)


@admin.register(Framework)
class FrameworkAdmin(_FrozenWhenUsed, ModelAdmin):
    list_display = ("name", "slug", "version", "created_at")
    inlines = [DomainInline]
    actions = ["make_new_version"]

    @admin.action(description="Make a new version to change (copies domains and levels)")
    def make_new_version(self, request, queryset):
        for framework in queryset:
            copy = new_version(framework)
            self.message_user(request, f"Made {copy}; change that one.")


@admin.register(Domain)
class DomainAdmin(_FrozenWhenUsed, ModelAdmin):
    list_display = ("name", "code", "framework", "position")
    list_filter = ("framework",)
    inlines = [LevelInline]
