"""Date helpers. Every date the journey derives is computed here, never typed in by hand, and
every date a person types is held against one plausible window.

Every date a page, PDF or e-mail shows as text is written here too, in the active language:
"22 juli 2026" ("22 July 2026"), with the weekday where a plan needs it, and days near today as
"vandaag", "gisteren", "3 dagen geleden". Templates use the filters of the same names
(`core/templatetags/ui.py`); form fields keep the browser's date input.

Month names come from Django's catalogues, in the form a date takes ("E": Polish "22 lipca",
Ukrainian "22 липня", not the nominative "lipiec"); Arabic's are "يوليو" with Western digits
(docs/rtl-and-fonts.md says why). Django has no Tigrinya: its dates borrow the Dutch month names
of the default language (what her letters from Dutch agencies say) until a Tigrinya catalogue
translates them.
"""

import calendar
import datetime as dt

from django.conf import settings
from django.utils import formats, timezone
from django.utils.dates import MONTHS
from django.utils.timesince import timesince
from django.utils.translation import get_language, ngettext, override
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


def _day(value: dt.date | dt.datetime) -> dt.date:
    # A moment belongs to the day it was on here, not in UTC.
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


# Languages that write a month in lower case in a date (Dutch "22 jul", Polish "22 lip");
# English and Turkish give it a capital ("22 Jul", "22 Tem").
LOWER_CASE_MONTHS = ("nl", "pl", "uk")


def _months_in_lower_case() -> bool:
    """Whether a date writes its month in lower case: in those languages, and in a language
    Django has no month names for (Tigrinya), which borrows the default language's (Dutch)."""
    if (get_language() or "").split("-")[0] in LOWER_CASE_MONTHS:
        return True
    with override(settings.LANGUAGE_CODE):
        default_july = str(MONTHS[7])
    return str(MONTHS[7]) == default_july


def long_date(value: dt.date | dt.datetime) -> str:
    """22 juli 2026 (22 July 2026)."""
    return formats.date_format(_day(value), "j E Y")


def weekday_date(value: dt.date | dt.datetime) -> str:
    """woensdag 22 juli 2026 (Wednesday 22 July 2026): for a day to plan for."""
    return formats.date_format(_day(value), "l j E Y")


def day_and_month(value: dt.date | dt.datetime) -> str:
    """22 juli (22 July): for days of the last few months, where the year goes without saying."""
    return formats.date_format(_day(value), "j E")


def short_date(value: dt.date | dt.datetime) -> str:
    """22 jul 2026 (22 Jul 2026): only where room is scarce, such as a chart's axis."""
    # Dutch writes months in lower case ("b": jul), English with a capital ("M": Jul).
    return formats.date_format(_day(value), "j b Y" if _months_in_lower_case() else "j M Y")


def date_and_time(value: dt.datetime) -> str:
    """22 juli 2026, 14:05 (22 July 2026, 14:05), in the programme's time zone."""
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{formats.date_format(moment, 'j E Y')}, {formats.time_format(moment, 'H:i')}"


def relative_day(value: dt.date | dt.datetime) -> str:
    """The day seen from today: vandaag, gisteren, morgen, 3 dagen geleden, over 3 dagen."""
    days = (today() - _day(value)).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    if days == -1:
        return _("tomorrow")
    if days > 0:
        return ngettext("%(count)d day ago", "%(count)d days ago", days) % {"count": days}
    return ngettext("in %(count)d day", "in %(count)d days", -days) % {"count": -days}


# Up to a week back, "3 dagen geleden" is quicker to read than a date; further back, a date is.
RECENT_DAYS = 6


def day_in_words(value: dt.date | dt.datetime) -> str:
    """vandaag, gisteren, 3 dagen geleden within the last week; 22 juli 2026 before that."""
    days = (today() - _day(value)).days
    return relative_day(value) if 0 <= days <= RECENT_DAYS else long_date(value)


def time_since(value: dt.datetime) -> str:
    """How long ago a moment was, in its largest unit: "3 uur", "2 dagen" (a waiting signal)."""
    return timesince(value, depth=1)


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
        "first": long_date(first),
        "last": long_date(last),
    }


def check_plausible(day: dt.date) -> None:
    """Refuse a date outside the plausible window, for services called without a form."""
    reason = implausible(day)
    if reason is not None:
        raise Refused(reason)
