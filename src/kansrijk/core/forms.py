"""Form helpers shared by every app."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

from .dates import implausible, today
from .errors import Refused


class DateInput(forms.DateInput):
    """A native date picker: the phone's own calendar, no JavaScript."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _plausible(day: dt.date) -> None:
    reason = implausible(day)
    if reason is not None:
        raise forms.ValidationError(reason, code="implausible_date")


class PlausibleDateField(forms.DateField):
    """A date a person types, refused outside the plausible window of `core.dates`."""

    default_validators = [_plausible]


def date_field(label: str, **kwargs: Any) -> forms.DateField:
    """A typed date: the phone's date picker, today unless `initial` says otherwise, and only
    days in the plausible window, so 0001-01-01 or 9999-12-31 gets a message, not a record."""
    kwargs.setdefault("initial", today)
    return PlausibleDateField(label=label, widget=DateInput(), **kwargs)


class VersionedForm(forms.Form):
    """A form that carries the version of the record it changes, to catch concurrent edits."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def submit(form: forms.Form, call: Callable[[dict[str, Any]], object]) -> bool:
    """Validate the form and run the service with its data.

    A refusal by the service becomes an error at the top of the form, so the user sees why and
    nothing is saved (services run in a transaction).
    """
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except Refused as refusal:
        form.add_error(None, refusal.message)
        return False
    return True


class FormRenderer(TemplatesSetting):
    """Our own form and field templates: a wrapper per field, checkboxes before their label."""

    form_template_name = "core/form.html"
    field_template_name = "core/field.html"
