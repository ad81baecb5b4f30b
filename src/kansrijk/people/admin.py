from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from kansrijk.core.admin import AnnouncedChanges, BoundedFields, ModelAdmin, TabularInline

from .models import Area, Organisation, Programme, ProgrammeRole, User


@admin.register(User)
class UserAdmin(AnnouncedChanges, BoundedFields, BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (None, {"fields": ("organisation", "phone")}))
    list_display = ("username", "first_name", "last_name", "organisation", "is_active")


class AreaInline(TabularInline):
    model = Area
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(ModelAdmin):
    list_display = ("name", "municipality", "started_on", "funders")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [AreaInline]


@admin.register(Organisation)
class OrganisationAdmin(ModelAdmin):
    list_display = ("name", "kind")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(ProgrammeRole)
class ProgrammeRoleAdmin(ModelAdmin):
    list_display = ("user", "programme", "role", "capacity", "default_backup", "active")
    list_filter = ("programme", "role", "active")
    autocomplete_fields = ("user", "default_backup")
    search_fields = ("user__username", "user__first_name", "user__last_name")
