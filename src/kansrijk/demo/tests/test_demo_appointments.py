"""The demo buddy's coming week shows meetings: on the home page, in the calendar, in the portal."""

import pytest

from kansrijk.contacts.appointments.selectors import week_ahead
from kansrijk.contacts.models import Appointment
from kansrijk.demo.appointments import plan_demo_appointments
from kansrijk.trajectories.models import Trajectory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_demo")]


def test_the_demo_buddy_has_meetings_this_week_with_both_households():
    mine = Trajectory.objects.filter(buddy__username="buddy")

    week = week_ahead(mine)

    assert len({a.trajectory_id for a in week}) == 2
    assert any(a.kind == "phone" for a in week)


def test_planning_the_demo_meetings_again_changes_nothing():
    before = Appointment.objects.count()

    plan_demo_appointments()

    assert Appointment.objects.count() == before == 3
