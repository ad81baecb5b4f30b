"""Every date a person types falls in a plausible window: a typo like 0001 or 9999 is refused."""

import datetime as dt
import importlib
import pkgutil

import pytest
import time_machine
from django import forms
from django.utils import translation

import kansrijk
from kansrijk.core.forms import date_field

pytestmark = pytest.mark.usefixtures("frozen_today")


class VisitForm(forms.Form):
    on = date_field("Date")


def _errors(value: str) -> list[str]:
    form = VisitForm({"on": value})
    assert not form.is_valid()
    return form.errors["on"]


@pytest.mark.parametrize("typed", ["0001-01-01", "2014-12-31", "2036-01-01", "9999-12-31"])
def test_a_date_outside_ten_years_around_today_is_refused_with_the_range(typed):
    assert _errors(typed) == ["Choose a date between 1 January 2015 and 31 December 2035."]


@pytest.mark.parametrize("typed", ["2015-01-01", "2025-06-16", "2035-12-31"])
def test_a_date_inside_the_window_is_accepted(typed):
    form = VisitForm({"on": typed})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == dt.date.fromisoformat(typed)


def test_the_window_moves_with_today():
    with time_machine.travel(dt.datetime(2031, 3, 1, 12, 0), tick=False):
        assert VisitForm({"on": "2021-01-01"}).is_valid()
        assert not VisitForm({"on": "2020-12-31"}).is_valid()


def test_the_range_is_said_with_dutch_month_names_in_dutch():
    with translation.override("nl"):
        (message,) = _errors("9999-12-31")

    assert "1 januari 2015" in message
    assert "31 december 2035" in message


def _all_forms() -> set[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(kansrijk.__path__, "kansrijk."):
        if module.name.rsplit(".", 1)[-1].endswith("forms"):
            importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("kansrijk.") and ".tests." not in sub.__module__:
                found.add(sub)
    return found


def test_every_date_field_of_every_form_refuses_implausible_dates():
    date_fields = {
        f"{form.__module__}.{form.__name__}.{name}": field
        for form in _all_forms()
        for name, field in getattr(form, "base_fields", {}).items()
        if isinstance(field, forms.DateField)
    }
    assert len(date_fields) > 30  # the search found the forms

    accepting = [
        name
        for name, field in date_fields.items()
        if not _refuses(field, "9999-12-31") or not _refuses(field, "0001-01-01")
    ]

    assert accepting == []


def _refuses(field: forms.DateField, typed: str) -> bool:
    try:
        field.clean(typed)
    except forms.ValidationError:
        return True
    return False
