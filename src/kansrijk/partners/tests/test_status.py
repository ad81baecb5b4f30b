"""Where a referral stands for its referrer: a step derived from the journey, with its day."""

import datetime as dt

import pytest

from kansrijk.partners.choices import Decision, ReferralStatus
from kansrijk.partners.selectors import referral_status, referral_steps
from kansrijk.trajectories.choices import Phase
from tests.factories import PartnerReferralFactory, trajectory_in

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.mark.parametrize(
    ("phase", "status"),
    [
        (Phase.REFERRED, ReferralStatus.INTAKE),
        (Phase.INTAKE, ReferralStatus.INTAKE),
        (Phase.MATCHING, ReferralStatus.INTAKE),
        (Phase.MATCHED, ReferralStatus.BUDDY_FOUND),
        (Phase.ACTIVE, ReferralStatus.YEAR_RUNNING),
        (Phase.AFTERCARE, ReferralStatus.YEAR_RUNNING),
        (Phase.CLOSED, ReferralStatus.ENDED),
        (Phase.DROPPED_OUT, ReferralStatus.ENDED),
    ],
)
def test_an_accepted_referral_stands_where_its_journey_is(cast, phase, status):
    trajectory = trajectory_in(phase, household__programme=cast.programme)
    referral = PartnerReferralFactory(
        area=cast.area,
        status=Decision.ACCEPTED,
        decided_at=dt.datetime(2025, 5, 1, 12, tzinfo=dt.UTC),
        trajectory=trajectory,
    )
    now = referral_status(referral)
    assert now.status == status
    expected = {
        ReferralStatus.INTAKE: dt.date(2025, 5, 1),
        ReferralStatus.BUDDY_FOUND: trajectory.paired_on,
        ReferralStatus.YEAR_RUNNING: trajectory.matched_on,
        ReferralStatus.ENDED: trajectory.ended_on,
    }[status]
    assert now.since == expected


def test_a_received_referral_stands_at_its_first_step(cast, frozen_today):
    referral = PartnerReferralFactory(area=cast.area)
    assert referral_status(referral).status == ReferralStatus.RECEIVED
    assert referral_status(referral).since == frozen_today
    steps = referral_steps(referral)
    assert [(s.status, s.current, s.done) for s in steps[:2]] == [
        (ReferralStatus.RECEIVED, True, False),
        (ReferralStatus.INTAKE, False, False),
    ]
    assert len(steps) == 5


def test_a_declined_referral_shows_received_then_not_accepted(cast):
    referral = PartnerReferralFactory(
        area=cast.area,
        status=Decision.DECLINED,
        decided_at=dt.datetime(2025, 6, 10, 12, tzinfo=dt.UTC),
        decline_reason="Outside the area.",
    )
    steps = referral_steps(referral)
    assert [(s.status, s.done, s.current) for s in steps] == [
        (ReferralStatus.RECEIVED, True, False),
        (ReferralStatus.DECLINED, False, True),
    ]
    assert steps[1].on == dt.date(2025, 6, 10)
