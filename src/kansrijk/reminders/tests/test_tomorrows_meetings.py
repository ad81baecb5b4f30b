"""`kansrijk remind` tells the buddy of tomorrow's meetings: the time and the way, nothing more."""

import datetime as dt

import pytest

from kansrijk.contacts.appointments.services import appointment_plan
from kansrijk.contacts.models import AppointmentKind
from kansrijk.trajectories.choices import Phase
from tests.factories import AssessmentFactory, ContactFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def household(journey):
    """An active household with a contact today and its start assessment done: nothing else due."""
    trajectory = journey(Phase.ACTIVE, household__display_name="Fam. Morgen")
    ContactFactory(trajectory=trajectory)
    AssessmentFactory(trajectory=trajectory)
    return trajectory


def _plan(trajectory, by, day: dt.date, **extra):
    return appointment_plan(
        trajectory=trajectory, by=by, on=day, at=dt.time(10, 30), purpose="Schulden", **extra
    )


def test_the_buddy_hears_of_tomorrows_meeting_without_its_place_or_purpose(
    cast, household, remind, mailoutbox
):
    _plan(household, cast.buddy, dt.date(2025, 6, 17), kind=AppointmentKind.PHONE)

    remind()

    (message,) = [m for m in mailoutbox if m.to == [cast.buddy.email]]
    assert "Fam. Morgen: Meeting tomorrow at 10:30 (by phone)" in message.body
    assert "Schulden" not in message.body


def test_a_meeting_the_day_after_tomorrow_or_a_cancelled_one_is_not_mentioned(
    cast, household, remind, mailoutbox
):
    from kansrijk.contacts.appointments.services import appointment_cancel

    _plan(household, cast.buddy, dt.date(2025, 6, 18))
    cancelled = _plan(household, cast.buddy, dt.date(2025, 6, 17))
    appointment_cancel(appointment=cancelled, by=cast.buddy, version=1)

    remind()

    assert not [m for m in mailoutbox if m.to == [cast.buddy.email]]
