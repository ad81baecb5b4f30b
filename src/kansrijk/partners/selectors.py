"""Reads of partner referrals: where one stands, whose they are, the coordinator's inbox."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from kansrijk.core.dates import today
from kansrijk.core.phases import Phase
from kansrijk.intake.selectors import possible_duplicates
from kansrijk.people.models import Organisation, Programme, User
from kansrijk.trajectories.models import Trajectory

from .choices import STEP_LINE, Decision, ReferralStatus
from .models import PartnerReferral

# Where the referrer's step line stands while the journey is in each phase.
_STATUS_OF_PHASE = {
    Phase.REFERRED: ReferralStatus.INTAKE,
    Phase.INTAKE: ReferralStatus.INTAKE,
    Phase.MATCHING: ReferralStatus.INTAKE,
    Phase.MATCHED: ReferralStatus.BUDDY_FOUND,
    Phase.ACTIVE: ReferralStatus.YEAR_RUNNING,
    Phase.AFTERCARE: ReferralStatus.YEAR_RUNNING,
    Phase.CLOSED: ReferralStatus.ENDED,
    Phase.DROPPED_OUT: ReferralStatus.ENDED,
}


def status_of_phase(phase: str) -> ReferralStatus:
    """The step on the referrer's line while an accepted referral's journey is in `phase`."""
    return _STATUS_OF_PHASE[Phase(phase)]


@dataclass(frozen=True)
class StatusNow:
    status: ReferralStatus
    since: dt.date


@dataclass(frozen=True)
class Step:
    status: ReferralStatus
    on: dt.date | None
    done: bool
    current: bool


def _day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment is not None else None


def _step_days(referral: PartnerReferral) -> dict[ReferralStatus, dt.date | None]:
    """The day each step was reached, from the referral and its journey's own dates."""
    trajectory = referral.trajectory
    return {
        ReferralStatus.RECEIVED: _day(referral.created_at),
        ReferralStatus.DECLINED: _day(referral.decided_at),
        ReferralStatus.INTAKE: _day(referral.decided_at),
        ReferralStatus.BUDDY_FOUND: trajectory.paired_on if trajectory else None,
        ReferralStatus.YEAR_RUNNING: trajectory.matched_on if trajectory else None,
        ReferralStatus.ENDED: trajectory.ended_on if trajectory else None,
    }


def referral_status(referral: PartnerReferral) -> StatusNow:
    """Where the referral stands for the referrer, and since which day.

    Received until the coordinator decides; declined; or, once accepted, the step of its
    journey's phase (intake, buddy found, year running, ended). Reads `referral.trajectory`:
    lists select it along.
    """
    if referral.status == Decision.DECLINED:
        status = ReferralStatus.DECLINED
    elif referral.status == Decision.ACCEPTED and referral.trajectory is not None:
        status = status_of_phase(referral.trajectory.phase)
    else:
        status = ReferralStatus.RECEIVED
    days = _step_days(referral)
    # A journey moved on without its own date (an older record): the decision's day, else
    # the day the referral came in.
    since = days[status] or days[ReferralStatus.INTAKE] or days[ReferralStatus.RECEIVED]
    return StatusNow(status=status, since=since or today())


def referral_steps(referral: PartnerReferral) -> list[Step]:
    """The step line the referrer sees: every step with its day, done or current.

    A declined referral shows "received" and then "not accepted"."""
    now = referral_status(referral).status
    days = _step_days(referral)
    line = (
        (ReferralStatus.RECEIVED, ReferralStatus.DECLINED)
        if now == ReferralStatus.DECLINED
        else STEP_LINE
    )
    reached = line.index(now)
    return [
        Step(status=s, on=days[s] if i <= reached else None, done=i < reached, current=i == reached)
        for i, s in enumerate(line)
    ]


def _listed(referrals: QuerySet[PartnerReferral]) -> QuerySet[PartnerReferral]:
    return referrals.select_related("trajectory", "area", "organisation", "programme")


def referrals_sent_by(user: User) -> QuerySet[PartnerReferral]:
    """The referrals this user sent on their own page, newest first."""
    return _listed(PartnerReferral.objects.filter(referred_by=user)).order_by("-created_at", "-id")


def referrals_of_organisation(organisation: Organisation) -> QuerySet[PartnerReferral]:
    """Every referral of one partner organisation (its people's and its system's), newest first."""
    return _listed(PartnerReferral.objects.filter(organisation=organisation)).order_by(
        "-created_at", "-id"
    )


def inbox(programme: Programme) -> QuerySet[PartnerReferral]:
    """The referrals of a programme waiting for the coordinator's decision, oldest first."""
    return _listed(
        PartnerReferral.objects.filter(programme=programme, status=Decision.RECEIVED)
    ).order_by("created_at", "id")


def inbox_count(programme_id: int) -> int:
    """How many referrals wait in this programme's inbox (the coordinator's menu)."""
    return PartnerReferral.objects.filter(
        programme_id=programme_id, status=Decision.RECEIVED
    ).count()


def likely_duplicates(referral: PartnerReferral, *, user: User) -> list[Trajectory]:
    """Households of the programme this coordinator sees that may be the one referred."""
    return possible_duplicates(
        user=user,
        programme=referral.programme,
        given_name=referral.given_name,
        family_name=referral.family_name,
        phone=referral.phone,
        postcode=referral.postcode,
        street_address=referral.street_address,
    )


def undecided_overdue() -> QuerySet[PartnerReferral]:
    """Referrals still waiting for a decision after RETENTION_UNDECIDED_REFERRAL_DAYS days: the
    retention declines them."""
    moment = timezone.now() - dt.timedelta(days=settings.RETENTION_UNDECIDED_REFERRAL_DAYS)
    return PartnerReferral.objects.filter(status=Decision.RECEIVED, created_at__lt=moment)


def declined_overdue() -> QuerySet[PartnerReferral]:
    """Referrals declined more than RETENTION_DECLINED_REFERRAL_DAYS days ago whose details are
    still there: the retention blanks them."""
    moment = timezone.now() - dt.timedelta(days=settings.RETENTION_DECLINED_REFERRAL_DAYS)
    return PartnerReferral.objects.filter(
        status=Decision.DECLINED, decided_at__lt=moment, blanked_at__isnull=True
    )
