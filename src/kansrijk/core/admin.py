"""The admin's base classes: its forms choose related objects through the bounded fields of
`core.forms`, so a staff user who sends an id no column can hold gets a message, not a 500.

Every admin class of the product extends these (ruff bans Django's own; a test walks the
admin site to be sure). Each save or delete in the admin sends `configuration_changed`, in the
admin's transaction: a later app that keeps something derived from configuration (the
programmes' figures, `trajectories.counts`) listens, since this module may not name it.
"""

from collections.abc import Mapping
from typing import Any

from django.contrib import admin
from django.db import models
from django.dispatch import Signal

from .forms import ModelChoiceField, ModelMultipleChoiceField


class BoundedFields:
    """Relations in the admin's forms, with the key's range checked before any query."""

    formfield_overrides: "Mapping[type[models.Field[Any, Any]], Mapping[str, Any]]" = {
        models.ForeignKey: {"form_class": ModelChoiceField},
        models.ManyToManyField: {"form_class": ModelMultipleChoiceField},
    }


# Sent after every save or delete made in the admin, with the model as the sender.
configuration_changed = Signal()


class AnnouncedChanges:
    """Sends `configuration_changed` after each save or delete of the admin's own views: the
    change form (with its inlines), the list's editable columns and the bulk delete. The admin
    saves a row and then its relations in every view that saves, so once, after both."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        configuration_changed.send(sender=form.instance.__class__)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)  # type: ignore[misc]
        configuration_changed.send(sender=obj.__class__)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)  # type: ignore[misc]
        configuration_changed.send(sender=queryset.model)


class ModelAdmin(AnnouncedChanges, BoundedFields, admin.ModelAdmin):  # noqa: TID251 (the one place that extends it)
    pass


class TabularInline(BoundedFields, admin.TabularInline):  # noqa: TID251 (as above)
    pass
