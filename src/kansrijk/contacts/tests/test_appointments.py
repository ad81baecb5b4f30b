"""Planning the next meeting with a household: when, how and why; moved or cancelled in one step."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.access import policy
from kansrijk.access.models import AuditAction, AuditEntry, Consent
from kansrijk.contacts.appointments.selectors import next_appointment, upcoming, week_ahead
from kansrijk.contacts.appointments.services import (
    appointment_cancel,
    appointment_move,
    appointment_plan,
)
from kansrijk.contacts.models import Appointment, AppointmentKind
from kansrijk.core.errors import Overtaken, Refused
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import UserFactory


def _plan(trajectory, by, *, days=2, at=dt.time(14, 0), **extra) -> Appointment:
    return appointment_plan(
        trajectory=trajectory,
        by=by,
        on=dt.date(2025, 6, 16) + dt.timedelta(days=days),
        at=at,
        **{"place": "Thuis", "purpose": "Samen de brief van de schuldhulp lezen", **extra},
    )


@pytest.fixture
def active(journey) -> Trajectory:
    return journey(Phase.ACTIVE)


def test_the_buddy_plans_a_meeting_at_an_hour_of_the_programmes_day(cast, active):
    appointment = _plan(active, cast.buddy)

    assert Appointment.objects.get() == appointment
    local = timezone.localtime(appointment.starts_at)
    assert (local.date(), local.hour, local.tzname()) == (dt.date(2025, 6, 18), 14, "CEST")
    assert (appointment.kind, appointment.minutes, appointment.place) == ("meet", 60, "Thuis")
    entry = AuditEntry.objects.get(action=AuditAction.CREATE)
    assert (entry.household, entry.actor, entry.detail) == (
        active.household,
        cast.buddy,
        "appointment",
    )


def test_a_meeting_by_phone_keeps_no_place(cast, active):
    appointment = _plan(active, cast.buddy, kind=AppointmentKind.PHONE, place="Thuis")

    assert appointment.place == ""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"days": -1}, "cannot be in the past"),
        ({"days": 0, "at": dt.time(9, 0)}, "cannot be in the past"),
        ({"days": 200}, "at most half a year ahead"),
        ({"minutes": 5}, "at least 15 minutes"),
        ({"minutes": 600}, "at least 15 minutes"),
        ({"place": "x" * 101}, "at most 100 characters"),
        ({"purpose": "x" * 201}, "at most 200 characters"),
        ({"kind": "carrier-pigeon"}, "Choose how you meet"),
    ],
)
def test_a_meeting_that_cannot_be_meant_is_refused_and_nothing_saved(cast, active, change, message):
    with pytest.raises(Refused, match=message):
        _plan(active, cast.buddy, **change)

    assert not Appointment.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.CREATE).exists()


@pytest.mark.parametrize(
    "phase", [Phase.REFERRED, Phase.INTAKE, Phase.MATCHING, Phase.CLOSED, Phase.DROPPED_OUT]
)
def test_no_meeting_is_planned_outside_the_year_and_aftercare(cast, journey, phase):
    with pytest.raises(Refused, match="active year and aftercare only"):
        _plan(journey(phase), cast.coordinator)

    assert not Appointment.objects.exists()


def test_the_backup_plans_only_with_consent_for_the_sensitive_notes(cast, active):
    with pytest.raises(Refused):
        _plan(active, cast.backup)
    Consent.objects.filter(household=active.household).update(sensitive=True)
    policy.forget_consents(active)

    assert _plan(active, cast.backup).by == cast.backup


def test_moving_a_meeting_changes_its_time_and_keeps_who_moved_it(cast, active):
    appointment = _plan(active, cast.buddy)

    moved = appointment_move(
        appointment=appointment,
        by=cast.buddy,
        version=appointment.version,
        on=dt.date(2025, 6, 19),
        at=dt.time(10, 30),
        kind=AppointmentKind.APP,
    )

    moved.refresh_from_db()
    assert timezone.localtime(moved.starts_at).replace(tzinfo=None) == dt.datetime(
        2025, 6, 19, 10, 30
    )
    assert (moved.kind, moved.place, moved.version, moved.changed_by) == ("app", "", 2, cast.buddy)
    assert AuditEntry.objects.filter(detail="appointment moved").count() == 1


def test_moving_a_meeting_someone_else_moved_meanwhile_is_refused(cast, active):
    appointment = _plan(active, cast.buddy)
    appointment_move(
        appointment=appointment,
        by=cast.coordinator,
        version=1,
        on=dt.date(2025, 6, 20),
        at=dt.time(9),
    )

    with pytest.raises(Overtaken) as caught:
        appointment_move(
            appointment=appointment,
            by=cast.buddy,
            version=1,
            on=dt.date(2025, 6, 21),
            at=dt.time(9),
        )

    assert caught.value.current.changed_by == cast.coordinator
    appointment.refresh_from_db()
    assert timezone.localtime(appointment.starts_at).date() == dt.date(2025, 6, 20)


def test_a_cancelled_meeting_leaves_the_lists_and_cannot_be_cancelled_again(cast, active):
    appointment = _plan(active, cast.buddy)

    appointment_cancel(appointment=appointment, by=cast.buddy, version=1)

    assert next_appointment(active) is None
    assert upcoming(active) == []
    with pytest.raises(Refused, match="cancelled already"):
        appointment_cancel(appointment=appointment, by=cast.buddy, version=2)


def test_the_buddys_week_runs_through_the_same_day_next_week(cast, active):
    today = _plan(active, cast.buddy, days=0, at=dt.time(18, 0))
    next_week = _plan(active, cast.buddy, days=7, at=dt.time(23, 30))
    _plan(active, cast.buddy, days=8, at=dt.time(0, 0))

    assert week_ahead(Trajectory.objects.filter(pk=active.pk)) == [today, next_week]


# ---- the pages ----


def _form(days=3, **extra) -> dict:
    on = dt.date(2025, 6, 16) + dt.timedelta(days=days)
    return {
        "on": on.isoformat(),
        "at": "15:30",
        "minutes": "60",
        "kind": "meet",
        "place": "Bibliotheek",
        "purpose": "Formulier",
        **extra,
    }


def test_the_buddy_plans_from_the_household_page_and_sees_it_there(client, cast, active):
    client.force_login(cast.buddy)
    url = reverse("appointment_new", args=[active.household.uuid])

    response = client.post(url, _form())

    assert response.status_code == 302
    page = client.get(reverse("household", args=[active.household.uuid])).content.decode()
    assert "Bibliotheek" in page and "Formulier" in page
    assert "15:30" in page


def test_a_meeting_in_the_past_is_answered_with_the_form_and_a_message(client, cast, active):
    client.force_login(cast.buddy)

    response = client.post(reverse("appointment_new", args=[active.household.uuid]), _form(days=-2))

    assert response.status_code == 422
    assert "cannot be in the past" in response.content.decode()
    assert not Appointment.objects.exists()


def test_the_contact_form_leads_on_to_planning_the_next_meeting(client, cast, active):
    client.force_login(cast.buddy)
    contact = {"on": "2025-06-16", "kind": "visit", "minutes": "60", "plan_next": "on"}

    response = client.post(reverse("log_contact", args=[active.household.uuid]), contact)

    assert response.url == reverse("appointment_new", args=[active.household.uuid])
    form = client.get(response.url).content.decode()
    assert 'value="2025-06-23"' in form  # the same day next week


def test_the_contact_form_offers_planning_only_to_whoever_may_plan(client, cast, active):
    client.force_login(cast.backup)

    form = client.get(reverse("log_contact", args=[active.household.uuid])).content.decode()

    assert "plan_next" not in form


def test_moving_on_a_stale_page_shows_what_the_other_person_saved(client, cast, active):
    appointment = _plan(active, cast.buddy)
    appointment_move(
        appointment=appointment,
        by=cast.coordinator,
        version=1,
        on=dt.date(2025, 6, 20),
        at=dt.time(9),
    )
    client.force_login(cast.buddy)
    url = reverse("appointment_edit", args=[active.household.uuid, appointment.uuid])

    response = client.post(url, _form(days=5, version="1"))

    assert response.status_code == 422
    assert "Saved just now by someone else" in response.content.decode()
    appointment.refresh_from_db()
    assert timezone.localtime(appointment.starts_at).date() == dt.date(2025, 6, 20)


def test_cancelling_is_one_button(client, cast, active):
    appointment = _plan(active, cast.buddy)
    client.force_login(cast.buddy)
    url = reverse("appointment_cancel", args=[active.household.uuid, appointment.uuid])

    response = client.post(url, {"version": "1"})

    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.cancelled_at is not None


def test_the_participant_sees_her_next_meeting_on_her_own_page(client, cast, active):
    from kansrijk.access.services import participant_account_create

    _plan(active, cast.buddy)
    participant = participant_account_create(
        household=active.household, trajectory=active, by=cast.coordinator, email="p@example.org"
    )
    client.force_login(participant)

    page = client.get(reverse("my_file")).content.decode()

    assert "Your next meeting" in page and "Thuis" in page and "schuldhulp" in page


def test_the_printed_plan_shows_the_next_meeting(client, cast, active):
    _plan(active, cast.buddy)
    client.force_login(cast.buddy)

    page = client.get(reverse("plan_print", args=[active.household.uuid])).content.decode()

    assert "Our next meeting:" in page and "14:00" in page and "print-next__line" not in page


def test_the_buddys_home_lists_the_week_ahead(client, cast, active):
    _plan(active, cast.buddy, days=1)
    client.force_login(cast.buddy)

    page = client.get(reverse("buddy_home")).content.decode()

    assert "This week" in page and "14:00" in page


# ---- who may: denied is 404 ----


@pytest.mark.parametrize(
    "name", ["appointment_new", "appointment_edit", "appointment_cancel", "appointment_ics"]
)
@pytest.mark.parametrize("who", ["another buddy", "backup without consent", "stranger", "funder"])
def test_nobody_else_plans_moves_cancels_or_downloads_a_meeting(client, cast, journey, name, who):
    active = journey(Phase.ACTIVE, backup_consent=who != "backup without consent")
    appointment = _plan(active, cast.buddy)
    users = {
        "another buddy": UserFactory(),
        "backup without consent": cast.backup,
        "stranger": cast.stranger,
        "funder": cast.funder,
    }
    journey(Phase.ACTIVE, buddy=users["another buddy"])
    client.force_login(users[who])
    args = [active.household.uuid] + ([] if name == "appointment_new" else [appointment.uuid])
    method = client.post if name == "appointment_cancel" else client.get

    assert method(reverse(name, args=args), {"version": "1"}).status_code == 404
    appointment.refresh_from_db()
    assert appointment.cancelled_at is None


@pytest.mark.parametrize(
    ("parts", "sees_time", "sees_place"),
    [
        ({"basic": True}, True, False),
        ({"basic": True, "sensitive": True}, True, True),
        ({"basic": False, "sensitive": True}, False, False),
    ],
)
def test_the_backup_sees_a_meeting_only_as_far_as_consent_goes(
    client, cast, journey, parts, sees_time, sees_place
):
    active = journey(Phase.ACTIVE)
    _plan(active, cast.buddy)
    Consent.objects.filter(household=active.household).update(assessments=False, **parts)
    client.force_login(cast.backup)

    response = client.get(reverse("household", args=[active.household.uuid]))

    if not sees_time:
        assert response.status_code == 404
        return
    page = response.content.decode()
    assert ("Next meeting" in page and "14:00" in page) is sees_time
    assert ("schuldhulp" in page) is sees_place
    assert ("Move or cancel" in page) is sees_place


def test_a_meeting_of_another_household_answers_404_even_to_its_buddy(client, cast, journey):
    active = journey(Phase.ACTIVE)
    other = journey(Phase.ACTIVE, buddy=UserFactory())
    appointment = _plan(other, other.buddy)
    client.force_login(cast.buddy)

    url = reverse("appointment_edit", args=[active.household.uuid, appointment.uuid])

    assert client.get(url).status_code == 404
