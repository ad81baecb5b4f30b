"""Date helpers. Every date the journey derives is computed here, never typed in by hand, and
every date a person types is held against one plausible window."""

import calendar
import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .errors import Refused


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


# A person types dates of the journey: visits, certificates, target dates, breaks. Ten years
# either side of today holds all of them; outside it is a typo (0001, 9999, 2205 for 2025).
PLAUSIBLE_YEARS = 10


def plausible_window() -> tuple[dt.date, dt.date]:
    """The first and last day a typed date may be: 1 January ten years ago to 31 December ten
    years ahead, so the limits are easy to say and move once a year."""
    year = today().year
    return dt.date(year - PLAUSIBLE_YEARS, 1, 1), dt.date(year + PLAUSIBLE_YEARS, 12, 31)


def implausible(day: dt.date) -> str | None:
    """Why `day` cannot be meant (the allowed range, translated), or None when it is plausible."""
    first, last = plausible_window()
    if first <= day <= last:
        return None
    return _("Choose a date between %(first)s and %(last)s.") % {
        "first": formats.date_format(first, "j F Y"),
        "last": formats.date_format(last, "j F Y"),
    }


def check_plausible(day: dt.date) -> None:
    """Refuse a date outside the plausible window, for services called without a form."""
    reason = implausible(day)
    if reason is not None:
        raise Refused(reason)
