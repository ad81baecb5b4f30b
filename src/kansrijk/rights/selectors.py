"""Which households have outlived their retention period (for `kansrijk retention`)."""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet

from kansrijk.core.dates import add_months
from kansrijk.people.models import Household, Programme
from kansrijk.trajectories.choices import OPEN_PHASES
from kansrijk.trajectories.models import Trajectory


class Expiry(StrEnum):
    """Why a household's retention period is over; stored (prefixed) as the erase reason."""

    ENDED = "ended"  # the last trajectory ended more than RETENTION_YEARS_AFTER_END years ago
    NEVER_STARTED = "never_started"  # dropped out before a buddy was found, long enough ago


@dataclass(frozen=True)
class Cutoffs:
    """Trajectories that ended before these dates are past their retention period."""

    ended: dt.date
    never_started: dt.date

    @classmethod
    def on(cls, day: dt.date) -> "Cutoffs":
        return cls(
            ended=add_months(day, -12 * settings.RETENTION_YEARS_AFTER_END),
            never_started=add_months(day, -settings.RETENTION_MONTHS_UNMATCHED),
        )


@dataclass(frozen=True)
class Expired:
    household: Household
    expiry: Expiry


def _candidates(cutoffs: Cutoffs) -> QuerySet[Household]:
    # A command for operators, not a page: it reads every programme's households directly,
    # because retention applies whoever could see them. Erased households are done already.
    open_trajectory = Trajectory.objects.filter(household=OuterRef("pk"), phase__in=OPEN_PHASES)
    latest = max(cutoffs.ended, cutoffs.never_started)
    return (
        Household.objects.filter(erased_at__isnull=True)
        .exclude(Exists(open_trajectory))
        .annotate(
            last_ended_on=Max("trajectories__ended_on"),
            started=Count("trajectories", filter=Q(trajectories__matched_on__isnull=False)),
        )
        .filter(last_ended_on__lt=latest)
        .select_related("programme")
        .order_by("programme__name", "last_ended_on", "pk")
    )


def expired_households(day: dt.date) -> list[Expired]:
    """Households with no open trajectory whose retention period was over on `day`.

    A household that never started (no trajectory ever reached the active year) is kept
    RETENTION_MONTHS_UNMATCHED months after it ended; any other RETENTION_YEARS_AFTER_END
    years after its last trajectory ended.
    """
    cutoffs = Cutoffs.on(day)
    expired = []
    for household in _candidates(cutoffs):
        if household.started == 0 and household.last_ended_on < cutoffs.never_started:
            expired.append(Expired(household, Expiry.NEVER_STARTED))
        elif household.last_ended_on < cutoffs.ended:
            expired.append(Expired(household, Expiry.ENDED))
    return expired


def per_programme(expired: list[Expired]) -> dict[Programme, dict[Expiry, int]]:
    """How many expired households each programme has, per reason (for the command's report)."""
    counts: dict[Programme, dict[Expiry, int]] = {}
    for item in expired:
        programme_counts = counts.setdefault(item.household.programme, dict.fromkeys(Expiry, 0))
        programme_counts[item.expiry] += 1
    return counts
