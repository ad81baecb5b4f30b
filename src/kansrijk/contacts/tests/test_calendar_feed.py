"""The buddy's private calendar: a secret address, iCalendar with first names only, audited."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.contacts.appointments.services import (
    appointment_cancel,
    appointment_move,
    appointment_plan,
    calendar_feed_renew,
    calendar_feed_revoke,
)
from kansrijk.contacts.models import CalendarFeed
from kansrijk.core.errors import Refused
from kansrijk.trajectories.choices import Phase
from tests.factories import UserFactory


@pytest.fixture
def planned(cast, journey):
    active = journey(Phase.ACTIVE, household__display_name="Fatima El Amrani")
    appointment = appointment_plan(
        trajectory=active,
        by=cast.buddy,
        on=dt.date(2025, 6, 18),
        at=dt.time(14, 0),
        place="Bibliotheek Beijum",
        purpose="Brief van de schuldhulp",
    )
    return active, appointment


def _feed(client, token):
    return client.get(reverse("calendar_feed_ics", args=[token]))


def _summary(name: str) -> str:
    """The feed speaks the site's language (Dutch): a calendar app says nothing of its own."""
    with translation.override("nl"):
        return gettext("Meeting with %(name)s") % {"name": name}


def _events(response) -> list:
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_feed_lists_the_buddys_meetings_with_the_first_name_only(client, cast, planned):
    active, appointment = planned
    token = calendar_feed_renew(user=cast.buddy)

    response = _feed(client, token)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "no-store"
    [event] = _events(response)
    assert str(event["summary"]) == _summary("Fatima")
    assert str(event["uid"]) == f"{appointment.uuid}@kansrijk"
    start = event.decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (14, "Europe/Amsterdam")
    assert event.decoded("dtend") - start == dt.timedelta(hours=1)
    assert event.decoded("dtstamp").utcoffset() == dt.timedelta(0)
    body = response.content.decode()
    for secret in ("El Amrani", "Bibliotheek", "schuldhulp", active.household.phone):
        assert secret not in body
    assert "BEGIN:VTIMEZONE" in body and "TZID:Europe/Amsterdam" in body


def test_the_first_name_is_the_participants_own(client, cast, planned):
    from tests.factories import HouseholdMemberFactory

    active, _appointment = planned
    HouseholdMemberFactory(household=active.household, given_name="Fatma", family_name="El Amrani")
    HouseholdMemberFactory(household=active.household, relation="child", given_name="Noor")
    token = calendar_feed_renew(user=cast.buddy)

    [event] = _events(_feed(client, token))

    assert str(event["summary"]) == _summary("Fatma")
    assert "Noor" not in _feed(client, token).content.decode()


def test_a_moved_meeting_keeps_its_uid_and_a_cancelled_one_leaves_the_feed(client, cast, planned):
    _active, appointment = planned
    token = calendar_feed_renew(user=cast.buddy)
    moved = appointment_move(
        appointment=appointment, by=cast.buddy, version=1, on=dt.date(2025, 6, 19), at=dt.time(9)
    )

    [event] = _events(_feed(client, token))
    assert str(event["uid"]) == f"{appointment.uuid}@kansrijk"
    assert event.decoded("dtstart").day == 19
    assert event["sequence"] == 1

    appointment_cancel(appointment=moved, by=cast.buddy, version=2)
    assert _events(_feed(client, token)) == []


def test_reading_the_feed_is_logged_for_each_household_in_it(client, cast, planned):
    active, _appointment = planned
    token = calendar_feed_renew(user=cast.buddy)

    _feed(client, token)

    entry = AuditEntry.objects.get(action=AuditAction.VIEW, detail="calendar feed")
    assert (entry.actor, entry.household, entry.role) == (cast.buddy, active.household, "buddy")


def test_only_a_hash_of_the_secret_is_stored(cast):
    token = calendar_feed_renew(user=cast.buddy)

    stored = CalendarFeed.objects.get(user=cast.buddy).token_hash
    assert token not in stored and len(stored) == 64


def test_a_revoked_or_renewed_address_answers_404(client, cast, planned):
    old = calendar_feed_renew(user=cast.buddy)
    new = calendar_feed_renew(user=cast.buddy)

    assert _feed(client, old).status_code == 404
    assert _feed(client, new).status_code == 200
    calendar_feed_revoke(user=cast.buddy)
    assert _feed(client, new).status_code == 404
    assert not AuditEntry.objects.filter(detail="calendar feed").exclude(actor=cast.buddy).exists()


def test_a_made_up_address_answers_404(client, planned):
    assert _feed(client, "x" * 43).status_code == 404


def test_the_feed_forgets_a_household_the_buddy_no_longer_coaches(client, cast, planned):
    active, _appointment = planned
    token = calendar_feed_renew(user=cast.buddy)
    active.phase = Phase.DROPPED_OUT
    active.save(update_fields=["phase"])

    assert _events(_feed(client, token)) == []


def test_another_buddys_meetings_are_not_in_the_feed(client, cast, planned, journey):
    other_buddy = UserFactory()
    other = journey(Phase.ACTIVE, buddy=other_buddy)
    appointment_plan(trajectory=other, by=other_buddy, on=dt.date(2025, 6, 17), at=dt.time(9))
    token = calendar_feed_renew(user=cast.buddy)

    assert len(_events(_feed(client, token))) == 1


def test_only_buddies_get_a_calendar_address(cast):
    with pytest.raises(Refused):
        calendar_feed_renew(user=cast.coordinator)


def test_the_buddy_makes_sees_once_and_stops_the_address_on_the_calendar_page(
    client, cast, planned
):
    client.force_login(cast.buddy)
    url = reverse("calendar_feed")

    response = client.post(url, {"action": "renew"}, follow=True)
    page = response.content.decode()
    shown = page.split('id="feed-url" type="text" readonly value="')[1].split('"')[0]
    assert shown.startswith("http://testserver/calendar/") and shown.endswith(".ics")
    assert client.get(shown.removeprefix("http://testserver")).status_code == 200
    assert "feed-url" not in client.get(url).content.decode()

    client.post(url, {"action": "stop"})
    assert client.get(shown.removeprefix("http://testserver")).status_code == 404


def test_a_post_without_a_button_changes_nothing(client, cast, planned):
    token = calendar_feed_renew(user=cast.buddy)
    client.force_login(cast.buddy)

    client.post(reverse("calendar_feed"), {})

    assert _feed(client, token).status_code == 200


@pytest.mark.parametrize("who", ["coordinator", "backup", "stranger"])
def test_the_calendar_page_is_for_buddies(client, cast, who):
    client.force_login(getattr(cast, who))

    assert client.get(reverse("calendar_feed")).status_code == 404


def test_one_meeting_downloads_as_a_calendar_file(client, cast, planned):
    active, appointment = planned
    client.force_login(cast.buddy)

    response = client.get(
        reverse("appointment_ics", args=[active.household.uuid, appointment.uuid])
    )

    assert response["Content-Disposition"] == 'attachment; filename="afspraak.ics"'
    [event] = _events(response)
    assert str(event["summary"]) == "Meeting with Fatima"
    assert "Bibliotheek" not in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, household=active.household).exists()
