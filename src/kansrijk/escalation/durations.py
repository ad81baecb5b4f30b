"""Time spans in words, for response times and lead times: "40 minutes", "3 hours", "2 days"."""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def in_words(span: dt.timedelta | None) -> str:
    """A span rounded to what a person needs: minutes below an hour, hours below two days."""
    if span is None:
        return ""
    minutes = max(0, int(span.total_seconds() // 60))
    if minutes < 60:
        return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
    hours = minutes // 60
    if hours < 48:
        rest = minutes % 60
        words = ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
        if hours < 6 and rest:
            words = _("%(hours)s and %(minutes)s") % {
                "hours": words,
                "minutes": ngettext("%(n)s minute", "%(n)s minutes", rest) % {"n": rest},
            }
        return words
    days = hours // 24
    return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}
