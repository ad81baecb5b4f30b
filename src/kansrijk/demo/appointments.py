"""The demo buddy's coming week: the next meetings with their two households, planned through
the product's own service, so the buddy's home, the calendar and the portal show them."""

import datetime as dt

from kansrijk.contacts.appointments.services import appointment_plan
from kansrijk.contacts.models import AppointmentKind
from kansrijk.core.dates import today
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

from .academy import DEMO_BUDDY

# Days from today, the hour, how, where and what for: a visit soon and the one a week later
# for the active household; a call in the aftercare, when contact is lighter.
MEETINGS = {
    Phase.ACTIVE: [
        (2, dt.time(10, 0), AppointmentKind.MEET, "Thuis", "Samen de brief van de gemeente lezen"),
        (9, dt.time(10, 0), AppointmentKind.MEET, "Bibliotheek Beijum", "Cv maken op de computer"),
    ],
    Phase.AFTERCARE: [
        (4, dt.time(19, 30), AppointmentKind.PHONE, "", "Even bijpraten: hoe gaat het met werk?"),
    ],
}


def plan_demo_appointments() -> None:
    """Plan the demo buddy's meetings, unless they are planned already."""
    coached = Trajectory.objects.filter(
        buddy__username=DEMO_BUDDY, phase__in=list(MEETINGS)
    ).select_related("household", "buddy")
    for trajectory in coached:
        if trajectory.appointments.exists():
            continue
        for days, at, kind, place, purpose in MEETINGS[Phase(trajectory.phase)]:
            appointment_plan(
                trajectory=trajectory,
                by=trajectory.buddy,
                on=today() + dt.timedelta(days=days),
                at=at,
                kind=kind,
                place=place,
                purpose=purpose,
            )
