"""Meetings as iCalendar (RFC 5545), written with the `icalendar` package.

A calendar on a phone or at Google keeps what it is sent, outside kansrijk: an event holds the
household's first name, the time and the way of meeting, never the place or the purpose
(sensitive, `access.parts`) nor any note. Its link leads back to kansrijk, behind the login.
"""

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from kansrijk.people.choices import MemberRelation

from ..models import Appointment, AppointmentKind
from .selectors import PARTICIPANTS

ZONE = ZoneInfo(settings.TIME_ZONE)
# The UID is the meeting's own: a calendar recognises a moved meeting as the same one.
UID_DOMAIN = "kansrijk"


def first_name(appointment: Appointment) -> str:
    """The household's first name only: the participant's, else the first word of the name
    lists show. The feed reads the participants with its meetings (`selectors`)."""
    household = appointment.trajectory.household
    participants = getattr(household, PARTICIPANTS, None)
    if participants is None:
        participants = list(household.members.filter(relation=MemberRelation.PARTICIPANT)[:1])
    if participants:
        return participants[0].given_name
    words = household.display_name.split()
    return words[0] if words else ""


def summary(appointment: Appointment) -> str:
    name = first_name(appointment)
    if appointment.kind == AppointmentKind.MEET:
        return _("Meeting with %(name)s") % {"name": name}
    return _("Meeting with %(name)s (%(how)s)") % {
        "name": name,
        "how": appointment.get_kind_display(),
    }


def event_of(appointment: Appointment, *, site_url: str) -> Event:
    event = Event()
    event.add("uid", f"{appointment.uuid}@{UID_DOMAIN}")
    # When this version of the meeting was written: unchanged meetings read the same each time.
    event.add("dtstamp", appointment.updated_at.astimezone(ZoneInfo("UTC")))
    event.add("sequence", appointment.version - 1)
    event.add("dtstart", appointment.starts_at.astimezone(ZONE))
    event.add("dtend", appointment.ends_at.astimezone(ZONE))
    event.add("summary", summary(appointment))
    event.add("description", _("Where and what for: see kansrijk."))
    household = appointment.trajectory.household
    event.add("url", site_url.rstrip("/") + reverse("household", args=[household.uuid]))
    return event


def calendar_of(appointments: Iterable[Appointment], *, name: str, site_url: str) -> bytes:
    """One calendar with these meetings, its times in the programme's time zone."""
    calendar = Calendar()
    calendar.add("prodid", "-//kansrijk//kansrijk//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for appointment in appointments:
        calendar.add_component(event_of(appointment, site_url=site_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()
