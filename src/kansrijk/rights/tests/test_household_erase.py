"""Erasure: who the household was is gone for good; what it counts for stays."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from kansrijk.academy.models import Candidate, CheckIn, Interview, VogScan
from kansrijk.access.models import AuditAction, AuditEntry, Consent, ParticipantAccount
from kansrijk.accounts.activation_services import activation_letter_make
from kansrijk.accounts.models import ActivationCode, DigidLink
from kansrijk.assessments.models import Assessment, DomainScore
from kansrijk.contacts.models import Appointment, Contact
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.core.fields import encrypted_fields
from kansrijk.documents.models import Document
from kansrijk.escalation.choices import TagKind
from kansrijk.escalation.models import BarrierTag, DoorbraakCase, Signal
from kansrijk.escalation.register import learning_register
from kansrijk.escalation.selectors import tags_for
from kansrijk.evaluations.models import Evaluation
from kansrijk.intake.models import Intake, Referral
from kansrijk.network.models import NetworkMap, Tie
from kansrijk.outcomes.models import FollowUp, Outcome
from kansrijk.partners.models import PartnerReferral
from kansrijk.people.models import Household, HouseholdMember, User
from kansrijk.plans.models import Action, Goal, GoalProposal, ProgressNote
from kansrijk.reports.selectors import area_figures
from kansrijk.rights.services import household_erase
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import PhaseChange, Trajectory, TrajectoryExtension
from kansrijk.transfers.models import Transfer
from tests.factories import DoorbraakCaseFactory, UserFactory

from .conftest import PARTICIPANT

# How each model with an encrypted note reaches its household. A new model with notes makes
# the last test here fail until household_erase blanks it (and it is added here).
HOUSEHOLD_PATH = {
    Trajectory: "household",
    PhaseChange: "trajectory__household",
    TrajectoryExtension: "trajectory__household",
    Referral: "trajectory__household",
    Intake: "trajectory__household",
    Contact: "trajectory__household",
    Assessment: "trajectory__household",
    DomainScore: "assessment__trajectory__household",
    Signal: "trajectory__household",
    DoorbraakCase: "trajectory__household",
    Outcome: "trajectory__household",
    Evaluation: "trajectory__household",
    FollowUp: "trajectory__household",
    Transfer: "household",
    PartnerReferral: "trajectory__household",
}
# Models whose rows erasure removes altogether (a household's own words through and through),
# with how each reaches its household.
REMOVED_ON_ERASURE = {
    Document: "household",
    Appointment: "trajectory__household",
    NetworkMap: "trajectory__household",
    Tie: "network_map__trajectory__household",
    Goal: "trajectory__household",
    GoalProposal: "trajectory__household",
    Action: "goal__trajectory__household",
    ProgressNote: "goal__trajectory__household",
}

# Notes about buddies and their candidates, not about a household: the Academie's retention
# (`kansrijk academy_retention`) erases those.
NOT_ABOUT_A_HOUSEHOLD = {Candidate, CheckIn, Interview, VogScan}


def _raw(table: str, columns: list[str], where: str, value) -> list[tuple]:
    """Rows as the database holds them, past the model (and its decryption)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE {where} = %s", [value])
        return cursor.fetchall()


def _erase(household, cast, reason="The participant asked for it on 3 June."):
    return household_erase(household=household, by=cast.coordinator, reason=reason)


def test_erasure_blanks_every_personal_field_of_the_household(full_household, cast):
    household = full_household.household

    erased = _erase(household, cast)

    code = household.uuid.hex[:8].upper()
    assert _raw(
        "people_household",
        ["display_name", "street_address", "postcode", "phone", "email", "languages"],
        "id",
        household.pk,
    ) == [(f"Verwijderd huishouden {code}", "", "", "", "", "")]
    assert erased.erased_at is not None
    assert (erased.erased_by, erased.erase_reason) == (
        cast.coordinator,
        "The participant asked for it on 3 June.",
    )
    assert not HouseholdMember.objects.filter(household=household).exists()
    assert not Consent.objects.filter(household=household).exists()


def test_erasure_blanks_every_note_in_the_raw_rows(full_household, cast):
    trajectory = full_household

    _erase(trajectory.household, cast)

    assert _raw("trajectories_trajectory", ["end_note"], "id", trajectory.pk) == [("",)]
    assert set(_raw("trajectories_phasechange", ["note"], "trajectory_id", trajectory.pk)) == {
        ("",)
    }
    assert _raw(
        "intake_referral",
        ["reason", "stress_sources", "preferences", "referrer_name"],
        "trajectory_id",
        trajectory.pk,
    ) == [("", "", "", "")]
    assert _raw(
        "intake_intake",
        ["stress_now", "wishes", "strengths", "availability", "notes"],
        "trajectory_id",
        trajectory.pk,
    ) == [("", "", "", "", "")]
    assert set(_raw("contacts_contact", ["note"], "trajectory_id", trajectory.pk)) == {("",)}
    assert set(_raw("assessments_assessment", ["note"], "trajectory_id", trajectory.pk)) == {("",)}


def test_erasure_keeps_the_trajectory_its_dates_and_the_scores(full_household, cast):
    trajectory = full_household
    before = Trajectory.objects.values("uuid", "phase", "referred_on", "matched_on", "ended_on")
    before = list(before.filter(pk=trajectory.pk))
    scores_before = list(
        DomainScore.objects.filter(assessment__trajectory=trajectory).values_list(
            "domain", "level", "wanted_level"
        )
    )

    _erase(trajectory.household, cast)

    after = Trajectory.objects.values("uuid", "phase", "referred_on", "matched_on", "ended_on")
    assert list(after.filter(pk=trajectory.pk)) == before
    assert (
        list(
            DomainScore.objects.filter(assessment__trajectory=trajectory).values_list(
                "domain", "level", "wanted_level"
            )
        )
        == scores_before
    )
    assert Contact.objects.filter(trajectory=trajectory).count() == 2
    assert Referral.objects.get(trajectory=trajectory).organisation == cast.organisation


def test_the_funders_figures_count_the_same_after_erasure(full_household, journey, cast):
    dropped = journey(Phase.DROPPED_OUT)
    journey(Phase.ACTIVE)
    before = area_figures(cast.programme, since=None, until=today())
    assert sum(f.dropped_out for f in before) == 1

    _erase(full_household.household, cast)
    _erase(dropped.household, cast)

    assert area_figures(cast.programme, since=None, until=today()) == before


def test_the_learning_register_counts_the_same_after_erasure(full_household, cast):
    tags_for(cast.programme)
    allowances = BarrierTag.objects.get(kind=TagKind.BARRIER, name="Allowances (toeslagen)")
    solved = DoorbraakCaseFactory(
        trajectory=full_household,
        opened_on=full_household.matched_on + dt.timedelta(days=40),
        solved_on=full_household.matched_on + dt.timedelta(days=50),
        solution="De gemeente schrijft de ex uit.",
        decided_by="Teamleider Inkomen",
        costs=Decimal("300"),
        lesson="Laat de gemeente een adres binnen twee weken controleren.",
    )
    solved.barrier_types.set([allowances])
    before = learning_register([cast.programme])
    assert (before.cases, before.solved, before.costs) == (2, 1, Decimal("300"))

    _erase(full_household.household, cast)

    assert learning_register([cast.programme]) == before


@pytest.mark.parametrize("who", ["coordinator", "buddy", "backup", "funder", "stranger"])
def test_an_erased_household_is_404_for_everyone(client, cast, full_household, who):
    household = full_household.household
    _erase(household, cast)
    client.force_login(getattr(cast, who))

    for page in ["household", "rights", "rights_export_pdf", "consents"]:
        assert client.get(reverse(page, args=[household.uuid])).status_code == 404


def test_an_erased_household_is_in_no_list(client, cast, full_household):
    _erase(full_household.household, cast)
    client.force_login(cast.coordinator)

    response = client.get(
        reverse("programme_households", args=[cast.programme.slug]) + "?phase=all"
    )

    assert "Verwijderd huishouden" not in response.content.decode()
    assert PARTICIPANT not in response.content.decode()


def test_erasure_removes_the_participants_portal_login(full_household, cast):
    household = full_household.household
    participant = UserFactory(username="ayse@example.org", first_name="Ayşe")
    ParticipantAccount.objects.create(
        user=participant, household=household, created_by=cast.coordinator
    )

    _erase(household, cast)

    assert not User.objects.filter(pk=participant.pk).exists()
    assert not ParticipantAccount.objects.filter(household=household).exists()


def test_erasure_is_logged_without_the_reason(full_household, cast):
    household = full_household.household

    _erase(household, cast)

    entry = AuditEntry.objects.filter(household=household).first()
    assert (entry.action, entry.detail, entry.actor, entry.purpose) == (
        AuditAction.CHANGE,
        "household erased",
        cast.coordinator,
        "right to erasure",
    )
    assert "3 June" not in entry.detail


def test_the_audit_log_is_untouched_and_names_no_household(full_household, cast):
    household = full_household.household
    entries_before = AuditEntry.objects.filter(household=household).count()

    _erase(household, cast)

    entries = AuditEntry.objects.filter(household=household)
    assert entries.count() == entries_before + 1
    texts = " ".join(
        f"{e.actor_name} {e.role} {e.detail} {e.purpose}" for e in AuditEntry.objects.all()
    )
    for part in ["Ayşe", "Yılmaz", "Beijumerweg", "ayse@example.org", "Deniz"]:
        assert part not in texts


@pytest.mark.parametrize("reason", ["", "   "])
def test_erasure_is_refused_without_a_reason(full_household, cast, reason):
    with pytest.raises(Refused, match="Say why"):
        _erase(full_household.household, cast, reason=reason)

    assert Household.objects.get(pk=full_household.household.pk).display_name == PARTICIPANT


def test_erasure_is_refused_while_a_trajectory_is_open(journey, cast):
    household = journey(Phase.ACTIVE).household

    with pytest.raises(Refused, match="open trajectory"):
        _erase(household, cast)

    assert Household.objects.get(pk=household.pk).erased_at is None


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator"])
def test_only_the_coordinator_may_erase(full_household, cast, who):
    with pytest.raises(Refused):
        household_erase(household=full_household.household, by=getattr(cast, who), reason="x")


def test_a_household_is_erased_only_once(full_household, cast):
    _erase(full_household.household, cast)

    with pytest.raises(Refused, match="erased already"):
        _erase(full_household.household, cast)


def test_the_erase_page_erases_after_the_name_and_a_reason(client, cast, full_household):
    household = full_household.household
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("rights_erase", args=[household.uuid]),
        {"confirm_name": " ayse  YILMAZ ", "reason": "Asked by phone."},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("programme", args=[cast.programme.slug])
    assert Household.objects.get(pk=household.pk).erase_reason == "Asked by phone."


@pytest.mark.parametrize(
    "data",
    [
        {"confirm_name": "", "reason": "Asked by phone."},
        {"confirm_name": "Someone Else", "reason": "Asked by phone."},
        {"confirm_name": PARTICIPANT, "reason": ""},
    ],
)
def test_the_erase_page_refuses_without_the_name_or_a_reason(client, cast, full_household, data):
    household = full_household.household
    client.force_login(cast.coordinator)

    response = client.post(reverse("rights_erase", args=[household.uuid]), data)

    assert response.status_code == 422
    assert Household.objects.get(pk=household.pk).erased_at is None
    assert not AuditEntry.objects.filter(household=household, detail="household erased").exists()


def test_the_erase_page_shows_the_refusal_of_an_open_trajectory(client, cast, journey):
    household = journey(Phase.ACTIVE).household
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("rights_erase", args=[household.uuid]),
        {"confirm_name": household.display_name, "reason": "Asked by phone."},
    )

    assert response.status_code == 422
    assert Household.objects.get(pk=household.pk).erased_at is None


def test_every_encrypted_note_of_the_household_is_blank_after_erasure(full_household, cast):
    _erase(full_household.household, cast)

    for model, field in encrypted_fields():
        if model in NOT_ABOUT_A_HOUSEHOLD:
            continue
        if model in REMOVED_ON_ERASURE:
            path = REMOVED_ON_ERASURE[model]
            assert not model.objects.filter(**{path: full_household.household}).exists()
            continue
        assert model in HOUSEHOLD_PATH, f"{model.__name__}.{field.name}: blank it on erasure"
        rows = model.objects.filter(**{HOUSEHOLD_PATH[model]: full_household.household})
        assert rows.exists()
        assert not rows.exclude(**{field.name: ""}).exists(), f"{model.__name__}.{field.name}"


def test_erasure_keeps_the_evaluations_mark_and_blanks_her_words(full_household, cast):
    _erase(full_household.household, cast)

    evaluation = Evaluation.objects.get(trajectory=full_household)
    assert evaluation.mark == 9
    assert (evaluation.helped, evaluation.bond_words, evaluation.improve) == ("", "", "")


def test_erasure_removes_the_network_maps_and_their_ties(full_household, cast):
    household = full_household.household
    assert NetworkMap.objects.filter(trajectory__household=household).exists()

    _erase(household, cast)

    for model, path in REMOVED_ON_ERASURE.items():
        assert not model.objects.filter(**{path: household}).exists(), model.__name__
    assert not Tie.objects.exists()


def test_erasing_the_household_removes_its_codes_and_digid_link(cast, journey):
    closed = journey(Phase.CLOSED)
    letter = activation_letter_make(
        household=closed.household, trajectory=closed, by=cast.coordinator
    )
    DigidLink.objects.create(account=letter.account, bsn_hmac="0" * 64)

    household_erase(household=closed.household, by=cast.coordinator, reason="Retention")

    assert not ActivationCode.objects.exists()
    assert not DigidLink.objects.exists()
    assert not ParticipantAccount.objects.exists()
