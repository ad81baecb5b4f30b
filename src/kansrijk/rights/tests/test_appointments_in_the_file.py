"""Planned meetings are the participant's data: in her download, and gone when erased."""

import datetime as dt

import pytest

from kansrijk.contacts.appointments.services import appointment_cancel, appointment_plan
from kansrijk.contacts.models import Appointment
from kansrijk.rights.export import household_export
from kansrijk.rights.pdf import export_pdf
from kansrijk.rights.services import household_erase
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.services import trajectory_drop_out

pytestmark = pytest.mark.usefixtures("frozen_today")


def _plan(trajectory, by, day: int, **extra):
    return appointment_plan(
        trajectory=trajectory, by=by, on=dt.date(2025, 6, day), at=dt.time(10), **extra
    )


def test_the_download_holds_every_meeting_also_a_cancelled_one(cast, journey):
    active = journey(Phase.ACTIVE)
    _plan(active, cast.buddy, 18, place="Bibliotheek", purpose="Cv maken")
    appointment_cancel(appointment=_plan(active, cast.buddy, 17), by=cast.buddy, version=1)

    data = household_export(active.household)

    meetings = data["trajectories"][0]["appointments"]
    assert [m["starts_at"] for m in meetings] == [
        "2025-06-17T10:00:00+02:00",
        "2025-06-18T10:00:00+02:00",
    ]
    assert meetings[0]["cancelled_at"] is not None
    assert (meetings[1]["place"], meetings[1]["purpose"]) == ("Bibliotheek", "Cv maken")
    assert export_pdf(data).startswith(b"%PDF")


def test_erasure_removes_the_meetings_of_that_household_only(cast, journey):
    active = journey(Phase.ACTIVE)
    other = journey(Phase.ACTIVE, buddy=None)
    _plan(active, cast.buddy, 18, place="Thuis")
    kept = _plan(other, cast.coordinator, 19)
    trajectory_drop_out(
        trajectory=active,
        by=cast.coordinator,
        reason="participant_stopped",
        on=active.matched_on,
        note="",
        version=active.version,
    )

    household_erase(household=active.household, by=cast.coordinator, reason="Gevraagd.")

    assert list(Appointment.objects.all()) == [kept]
