"""The participant gives and stops consent herself, part by part, and can undo a change for a
short while: exactly that change is reversed, and the history (rows and log) keeps all of it."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from kansrijk.access import services
from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.models import AuditEntry, Consent
from kansrijk.access.selectors import consents_in_force, seen_token
from kansrijk.core.errors import Refused

from .conftest import give_consent


@pytest.fixture
def participant(cast, coached):
    return services.participant_account_create(
        household=coached.household, trajectory=coached, by=cast.coordinator, email="p@example.org"
    )


def _seen(household, recipient=Recipient.BACKUP) -> str:
    return seen_token(consents_in_force(household).filter(recipient=recipient))


def _give(household, participant, part, recipient=Recipient.BACKUP):
    return services.consent_give(
        household=household,
        by=participant,
        recipient=recipient,
        part=part,
        seen=_seen(household, recipient),
    )


def _stop(household, participant, part, recipient=Recipient.BACKUP):
    return services.consent_stop(
        household=household,
        by=participant,
        recipient=recipient,
        part=part,
        seen=_seen(household, recipient),
    )


def test_giving_the_plan_gives_it_with_the_basic_details_from_today(coached, participant):
    change = _give(coached.household, participant, FilePart.PLAN)

    consent = consents_in_force(coached.household).get()
    assert consent == change.given
    assert consent.parts == (FilePart.BASIC, FilePart.PLAN)
    assert consent.method == ConsentMethod.PORTAL
    assert consent.recorded_by == participant
    assert consent.starts_on == timezone.localdate()
    entry = AuditEntry.objects.filter(household=coached.household).first()
    assert entry.detail == "consent backup: basic, plan"
    assert entry.role == "participant"


def test_giving_another_part_replaces_the_consent_and_keeps_the_old_one_as_history(
    cast, coached, participant
):
    old = give_consent(coached, cast.coordinator, parts={FilePart.BASIC})

    change = _give(coached.household, participant, FilePart.ASSESSMENTS)

    old.refresh_from_db()
    assert old.withdrawn_at is not None and old.withdrawn_by == participant
    assert change.ended == (old,)
    assert consents_in_force(coached.household).get().parts == (
        FilePart.BASIC,
        FilePart.ASSESSMENTS,
    )


def test_stopping_one_part_leaves_the_others(cast, coached, participant):
    give_consent(coached, cast.coordinator, parts={FilePart.BASIC, FilePart.PLAN})

    _stop(coached.household, participant, FilePart.PLAN)

    assert consents_in_force(coached.household).get().parts == (FilePart.BASIC,)


def test_stopping_the_basic_details_stops_everything(cast, coached, participant):
    give_consent(coached, cast.coordinator, parts={FilePart.BASIC, FilePart.PLAN})

    change = _stop(coached.household, participant, FilePart.BASIC)

    assert change.given is None
    assert not consents_in_force(coached.household).exists()
    assert AuditEntry.objects.first().detail == "consent backup withdrawn"


def test_undoing_a_given_consent_ends_it_and_says_so_in_the_log(coached, participant):
    change = _give(coached.household, participant, FilePart.PLAN)

    services.consent_undo(household=coached.household, by=participant, change=change)

    assert not consents_in_force(coached.household).exists()
    assert Consent.objects.filter(household=coached.household).count() == 1
    assert AuditEntry.objects.first().detail == "consent backup undone"


def test_undoing_a_withdrawal_gives_the_same_parts_again_and_keeps_the_withdrawal(
    cast, coached, participant
):
    old = give_consent(coached, cast.coordinator, parts={FilePart.BASIC, FilePart.PLAN})
    change = _stop(coached.household, participant, FilePart.BASIC)

    services.consent_undo(household=coached.household, by=participant, change=change)

    again = consents_in_force(coached.household).get()
    assert again.pk != old.pk
    assert again.parts == (FilePart.BASIC, FilePart.PLAN)
    old.refresh_from_db()
    assert old.withdrawn_at is not None


def test_a_change_cannot_be_undone_twice(coached, participant):
    change = _give(coached.household, participant, FilePart.PLAN)
    services.consent_undo(household=coached.household, by=participant, change=change)

    with pytest.raises(Refused):
        services.consent_undo(household=coached.household, by=participant, change=change)
    assert not consents_in_force(coached.household).exists()


def test_undo_is_refused_once_its_time_is_over(coached, participant):
    change = _give(coached.household, participant, FilePart.PLAN)

    later = timezone.now() + dt.timedelta(minutes=services.UNDO_MINUTES + 1)
    with time_machine.travel(later, tick=False), pytest.raises(Refused):
        services.consent_undo(household=coached.household, by=participant, change=change)
    assert consents_in_force(coached.household).count() == 1


def test_a_change_made_in_another_tab_is_not_silently_overwritten(coached, participant):
    stale = _seen(coached.household)
    _give(coached.household, participant, FilePart.PLAN)

    with pytest.raises(Refused, match="another window"):
        services.consent_give(
            household=coached.household,
            by=participant,
            recipient=Recipient.BACKUP,
            part=FilePart.ASSESSMENTS,
            seen=stale,
        )
    assert consents_in_force(coached.household).get().parts == (FilePart.BASIC, FilePart.PLAN)


def test_only_the_participant_herself_changes_consent_from_the_portal(cast, coached):
    with pytest.raises(Refused):
        services.consent_give(
            household=coached.household,
            by=cast.buddy,
            recipient=Recipient.BACKUP,
            part=FilePart.PLAN,
            seen="",
        )
    assert not Consent.objects.filter(household=coached.household).exists()


# ---- the pages ----


@pytest.fixture
def me(client, participant):
    client.force_login(participant)
    return client


def test_the_page_gives_a_part_then_says_so_and_offers_undo(coached, me):
    response = me.post(
        reverse("my_consent_give"), {"recipient": "backup", "part": "plan", "seen": ""}
    )

    page = me.get(response["Location"])
    html = page.content.decode()
    assert "From now on" in html and "wishes and plan" in html
    assert reverse("my_consent_undo") in html
    assert AuditEntry.objects.filter(detail="consents page").exists()


def test_stopping_asks_first_and_acts_only_when_confirmed(cast, coached, me):
    consent = give_consent(coached, cast.coordinator, parts={FilePart.BASIC, FilePart.PLAN})
    data = {"recipient": "backup", "part": "plan", "seen": str(consent.uuid)}

    asked = me.post(reverse("my_consent_stop"), data)
    assert asked.status_code == 200 and "Stop this?" in asked.content.decode()
    assert consents_in_force(coached.household).get() == consent

    done = me.post(reverse("my_consent_stop"), {**data, "confirm": "yes"})
    assert done.status_code == 302
    assert consents_in_force(coached.household).get().parts == (FilePart.BASIC,)


def test_the_undo_button_undoes_it(coached, me):
    given = me.post(reverse("my_consent_give"), {"recipient": "backup", "part": "plan", "seen": ""})
    consent = consents_in_force(coached.household).get()
    assert str(consent.uuid) in given["Location"]

    me.post(reverse("my_consent_undo"), {"recipient": "backup", "given": consent.uuid, "ended": ""})

    assert not consents_in_force(coached.household).exists()


def test_another_households_consent_cannot_be_named_for_undo(cast, journey, me):
    other = journey(backup_consent=False)
    theirs = give_consent(other, cast.coordinator)

    response = me.post(
        reverse("my_consent_undo"), {"recipient": "backup", "given": theirs.uuid, "ended": ""}
    )
    shown = me.get(reverse("my_consents") + f"?recipient=backup&given={theirs.uuid}")

    assert response.status_code == 404
    assert reverse("my_consent_undo") not in shown.content.decode()
    assert consents_in_force(other.household).get() == theirs
