"""Small template helpers available in every template (registered as builtins)."""

import datetime as dt

from django import template

from kansrijk.core.dates import today

register = template.Library()


@register.filter
def days_ago(day: dt.date | None) -> int | None:
    """How many days ago a date was (0 for today)."""
    if day is None:
        return None
    return (today() - day).days


@register.filter
def days_until(day: dt.date | None) -> int | None:
    if day is None:
        return None
    return (day - today()).days
