"""Date helpers. Every date the journey derives is computed here, never typed in by hand."""

import calendar
import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    """Today in the programme's time zone (not UTC: a visit at 00:30 belongs to the new day)."""
    return timezone.localdate()


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))
