"""Small-cell suppression: what funders and evaluators see of the report tables.

A count of people below the threshold could point at a person in a small area, so it is hidden,
and so is every figure from which it could be worked out again: `disclosure.protect` hides them
and its audit proves nothing hidden can be recalculated from what is shown. The tables of one
page are protected together, so a figure hidden in one table is hidden where it stands again.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from .disclosure import protect
from .tables import ReportTable

DEFAULT_THRESHOLD = 5


def suppress(table: ReportTable, threshold: int) -> ReportTable:
    """One table on its own; `suppress_together` for the tables a page shows side by side."""
    return protect([table], threshold)[0]


def suppress_together(tables: list[ReportTable], threshold: int) -> list[ReportTable]:
    return protect(tables, threshold)


def suppression_note(threshold: int) -> str:
    """The sentence every suppressed report carries: the one place the threshold is said."""
    return _(
        "Counts of fewer than %(threshold)s people are hidden, and so is every figure from "
        "which a hidden count could be worked out. A hidden figure reads “hidden”, whatever it is."
    ) % {"threshold": threshold}


def threshold_floor() -> int:
    """The lowest threshold a programme may have: set by the operator (SUPPRESSION_FLOOR)."""
    return max(settings.SUPPRESSION_FLOOR, 2)


def threshold_for(programme) -> int:
    """The programme's suppression threshold (its report settings), never below the floor."""
    from .models import ReportSettings

    value = (
        ReportSettings.objects.filter(programme=programme)
        .values_list("suppression_threshold", flat=True)
        .first()
    )
    return max(value if value is not None else DEFAULT_THRESHOLD, threshold_floor())
