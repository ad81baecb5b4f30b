"""The admin's base classes: its forms choose related objects through the bounded fields of
`core.forms`, so a staff user who sends an id no column can hold gets a message, not a 500.

Every admin class of the product extends these (ruff bans Django's own; a test walks the
admin site to be sure).
"""

from collections.abc import Mapping
from typing import Any

from django.contrib import admin
from django.db import models

from .forms import ModelChoiceField, ModelMultipleChoiceField


class BoundedFields:
    """Relations in the admin's forms, with the key's range checked before any query."""

    formfield_overrides: "Mapping[type[models.Field[Any, Any]], Mapping[str, Any]]" = {
        models.ForeignKey: {"form_class": ModelChoiceField},
        models.ManyToManyField: {"form_class": ModelMultipleChoiceField},
    }


class ModelAdmin(BoundedFields, admin.ModelAdmin):  # noqa: TID251 (the one place that extends it)
    pass


class TabularInline(BoundedFields, admin.TabularInline):  # noqa: TID251 (as above)
    pass
