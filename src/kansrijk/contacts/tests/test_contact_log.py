"""Logging a contact with a household: during the active year and aftercare, by its pair."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.contacts.models import Contact, ContactKind
from kansrijk.contacts.services import contact_log
from kansrijk.core.errors import Refused
from kansrijk.trajectories.choices import Phase


def _log(trajectory, by, *, on, minutes=45):
    return contact_log(
        trajectory=trajectory, by=by, on=on, kind=ContactKind.VISIT, minutes=minutes, note="Tea."
    )


def _assert_nothing_logged() -> None:
    assert not Contact.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.CREATE).exists()


@pytest.mark.parametrize("who", ["buddy", "backup", "coordinator"])
@pytest.mark.parametrize("phase", [Phase.ACTIVE, Phase.AFTERCARE])
def test_buddy_backup_and_coordinator_log_a_contact_while_the_household_is_coached(
    cast, journey, frozen_today, who, phase
):
    trajectory = journey(phase)
    user = getattr(cast, who)

    contact = _log(trajectory, user, on=frozen_today)

    assert Contact.objects.get() == contact
    assert (contact.on, contact.kind, contact.minutes, contact.by) == (
        frozen_today,
        ContactKind.VISIT,
        45,
        user,
    )
    entry = AuditEntry.objects.get(action=AuditAction.CREATE)
    assert (entry.household, entry.actor, entry.detail) == (trajectory.household, user, "contact")


@pytest.mark.parametrize(
    "phase",
    [Phase.REFERRED, Phase.INTAKE, Phase.MATCHING, Phase.CLOSED, Phase.DROPPED_OUT],
)
def test_no_contact_is_logged_before_the_year_starts_or_after_the_journey_ended(
    cast, journey, frozen_today, phase
):
    trajectory = journey(phase)

    with pytest.raises(Refused, match="during the active year and aftercare only"):
        _log(trajectory, cast.coordinator, on=frozen_today)

    _assert_nothing_logged()


@pytest.mark.parametrize("who", ["funder", "other_coordinator", "stranger"])
def test_only_the_households_pair_and_coordinator_log_contacts(cast, journey, frozen_today, who):
    trajectory = journey(Phase.ACTIVE)

    with pytest.raises(Refused):
        _log(trajectory, getattr(cast, who), on=frozen_today)

    _assert_nothing_logged()


def test_the_buddy_of_another_household_cannot_log_a_contact(cast, journey, frozen_today):
    other = journey(Phase.ACTIVE, buddy=cast.stranger)

    with pytest.raises(Refused):
        _log(other, cast.buddy, on=frozen_today)

    _assert_nothing_logged()


def test_a_contact_cannot_be_in_the_future(cast, journey, frozen_today):
    trajectory = journey(Phase.ACTIVE)

    with pytest.raises(Refused, match="A contact cannot be in the future"):
        _log(trajectory, cast.buddy, on=frozen_today + dt.timedelta(days=1))

    _assert_nothing_logged()


def test_a_contact_cannot_be_before_the_active_year_started(cast, journey):
    trajectory = journey(Phase.ACTIVE)

    with pytest.raises(Refused, match="before the start of the active year"):
        _log(trajectory, cast.buddy, on=trajectory.matched_on - dt.timedelta(days=1))

    _assert_nothing_logged()


@pytest.mark.parametrize("minutes", [0, 481])
def test_the_minutes_are_between_one_and_eight_hours(cast, journey, frozen_today, minutes):
    trajectory = journey(Phase.ACTIVE)

    with pytest.raises(Refused, match="at most 480"):
        _log(trajectory, cast.buddy, on=frozen_today, minutes=minutes)

    _assert_nothing_logged()


@pytest.mark.parametrize("minutes", [None, 1, 480])
def test_a_day_out_of_eight_hours_or_no_minutes_at_all_is_fine(
    cast, journey, frozen_today, minutes
):
    trajectory = journey(Phase.ACTIVE)

    assert _log(trajectory, cast.buddy, on=frozen_today, minutes=minutes).minutes == minutes


def test_the_buddy_logs_a_contact_through_the_form(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)
    client.force_login(cast.buddy)

    response = client.post(
        reverse("log_contact", args=[trajectory.household.uuid]),
        {"on": "2025-06-16", "kind": "phone", "minutes": "15", "note": "Called about the bill."},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("household", args=[trajectory.household.uuid])
    contact = Contact.objects.get()
    assert (contact.kind, contact.minutes, contact.by) == (ContactKind.PHONE, 15, cast.buddy)


def test_a_contact_form_dated_tomorrow_answers_422_and_saves_nothing(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)
    client.force_login(cast.buddy)

    response = client.post(
        reverse("log_contact", args=[trajectory.household.uuid]),
        {"on": "2025-06-17", "kind": "visit"},
    )

    assert response.status_code == 422
    assert "A contact cannot be in the future." in response.content.decode()
    assert not Contact.objects.exists()


def _a_goal(trajectory, buddy):
    from kansrijk.core.dates import today
    from kansrijk.frameworks.selectors import framework_for
    from kansrijk.plans import services as plans

    domain = framework_for(trajectory.household.programme).domains.first()
    return plans.goal_create(
        trajectory=trajectory, by=buddy, domain=domain, text="Alle post open", target_on=today()
    )


def test_a_backup_without_consent_for_the_plan_is_not_shown_its_goals_on_the_contact_form(
    client, cast, journey
):
    """The goals are the part "wishes and plan": a backup whose consent covers the basic details
    and assessments logs a contact without seeing them (the form listed them as checkboxes)."""
    trajectory = journey(Phase.ACTIVE)
    _a_goal(trajectory, cast.buddy)
    url = reverse("log_contact", args=[trajectory.household.uuid])

    client.force_login(cast.backup)
    as_backup = client.get(url)
    client.force_login(cast.buddy)
    as_buddy = client.get(url)

    assert as_backup.status_code == 200
    assert "Alle post open" not in as_backup.content.decode()
    assert "Worked on a goal?" not in as_backup.content.decode()
    assert "Alle post open" in as_buddy.content.decode()


def test_a_backup_without_consent_for_the_plan_cannot_tie_a_contact_to_a_goal(
    cast, journey, frozen_today
):
    trajectory = journey(Phase.ACTIVE)
    goal = _a_goal(trajectory, cast.buddy)

    with pytest.raises(Refused, match="Choose goals of this household's plan"):
        contact_log(
            trajectory=trajectory,
            by=cast.backup,
            on=frozen_today,
            kind=ContactKind.VISIT,
            goals=[goal],
        )

    assert not Contact.objects.exists()
