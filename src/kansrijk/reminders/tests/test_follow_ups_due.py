"""`kansrijk remind` tells the coordinator which follow-ups after closure are due, once a day."""

import datetime as dt

import pytest
import time_machine

from conftest import FROZEN_AT
from kansrijk.outcomes.followup.services import follow_up_record
from kansrijk.outcomes.services import outcome_record
from kansrijk.reminders.models import ReminderDigest
from kansrijk.reminders.selectors import digest_for
from kansrijk.trajectories.choices import Phase
from tests.factories import months_ago, outcome_type_of

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def closed_a_year_ago(cast, journey):
    trajectory = journey(
        Phase.CLOSED,
        matched_on=months_ago(31),
        aftercare_started_on=months_ago(19),
        ended_on=months_ago(13),
        household__display_name="Fam. Later",
    )
    outcome_record(
        trajectory=trajectory,
        by=cast.coordinator,
        outcome_type=outcome_type_of(cast.programme, "housing_found"),
        reached_on=months_ago(14),
    )
    return trajectory


def _items(user) -> list[str]:
    return [f"{i.household}: {i.text}" for s in digest_for(user).sections for i in s.items]


def test_the_coordinators_digest_names_the_follow_up_due(cast, closed_a_year_ago):
    due_on = "16 May 2025"  # ended 13 months before the frozen day
    assert f"Fam. Later: Follow-up 12 months after closure is due (since {due_on})" in _items(
        cast.coordinator
    )
    assert not any("Follow-up" in item for item in _items(cast.buddy))


def test_once_recorded_the_follow_up_is_no_longer_named(cast, closed_a_year_ago):
    trajectory = closed_a_year_ago
    follow_up_record(
        trajectory=trajectory,
        by=cast.coordinator,
        moment=12,
        answers={o.pk: "holds" for o in trajectory.outcomes.all()},
    )

    assert not any("Follow-up" in item for item in _items(cast.coordinator))


def test_it_is_not_reminded_twice_on_the_same_day(cast, closed_a_year_ago, remind, mailoutbox):
    remind()
    remind()

    mails = [m for m in mailoutbox if m.to == [cast.coordinator.email]]
    assert len(mails) == 1
    assert "Fam. Later" in mails[0].body and "Follow-up 12 months" in mails[0].body
    with time_machine.travel(FROZEN_AT + dt.timedelta(days=1), tick=False):
        remind()
    assert ReminderDigest.objects.filter(user=cast.coordinator).count() == 2
