import datetime as dt
import io
import random
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Min, Q
from django.urls import reverse

from kansrijk.academy.models import Enrolment
from kansrijk.access.choices import Recipient
from kansrijk.access.models import AuditEntry, Consent
from kansrijk.assessments.models import Assessment
from kansrijk.contacts.models import Contact
from kansrijk.escalation.models import DoorbraakCase, Signal
from kansrijk.outcomes.models import ClosureCheck, Outcome
from kansrijk.people.choices import Role
from kansrijk.people.models import Household, ProgrammeRole
from kansrijk.plans.models import Goal
from kansrijk.scale.generate import generated_programmes
from kansrijk.scale.journeys import assign_buddies, plan_journey, plan_programme
from kansrijk.trajectories.choices import COACHING_PHASES, Phase
from kansrijk.trajectories.models import PhaseChange, Trajectory

TODAY = dt.date(2025, 6, 16)


def test_every_planned_journey_has_the_dates_of_its_phase_and_none_in_the_future():
    rng = random.Random(7)
    seen = Counter()
    for _ in range(3000):
        referred = TODAY - dt.timedelta(days=rng.randint(0, 6 * 365))
        j = plan_journey(rng, referred, TODAY)
        seen[j.phase] += 1
        dates = [j.referred_on, j.intake_started_on, j.intake_on, j.matched_on, j.aftercare_on]
        known = [d for d in [*dates, j.ended_on] if d is not None]
        assert known == sorted(known) and known[-1] <= TODAY
        assert (j.phase in COACHING_PHASES) <= (j.matched_on is not None and j.ended_on is None)
        assert (j.phase == Phase.AFTERCARE) <= (j.aftercare_on is not None)
        assert (j.phase in (Phase.CLOSED, Phase.DROPPED_OUT)) == (j.ended_on is not None)
        assert (j.phase == Phase.DROPPED_OUT) == bool(j.drop_out_reason)
        assert (j.phase == Phase.CLOSED) <= (j.aftercare_on is not None)
        assert [to for _f, to, _d in j.steps()][-1] == j.phase
    # Generated years start on the day both said yes, so none waits in "matched".
    assert set(seen) == set(Phase) - {Phase.MATCHED}


def test_no_buddy_ever_coaches_more_households_than_their_capacity():
    rng = random.Random(3)
    journeys = plan_programme(rng, 800, TODAY - dt.timedelta(days=5 * 365), TODAY)
    buddies = assign_buddies(rng, journeys)
    coached = [j for j in journeys if j.matched_on]
    assert all(j.buddy_index is not None for j in coached)
    for day in (TODAY - dt.timedelta(days=n) for n in range(0, 5 * 365, 61)):
        load = Counter(
            j.buddy_index
            for j in coached
            if j.matched_on <= day and (j.coached_until is None or day < j.coached_until)
        )
        assert all(n <= buddies[i].capacity for i, n in load.items())


@pytest.fixture
def generated(db, frozen_today):
    out = io.StringIO()
    call_command(
        "generate",
        "--households",
        "90",
        "--per-programme",
        "45",
        "--years",
        "3",
        "--seed",
        "5",
        "--quiet",
        stdout=out,
    )
    return out.getvalue()


def test_generate_writes_households_in_every_phase_over_the_programmes(generated):
    assert "people.Household" in generated
    assert generated_programmes().count() == 2
    assert Household.objects.count() == 90
    phases = Counter(Trajectory.objects.values_list("phase", flat=True))
    assert phases[Phase.ACTIVE] and phases[Phase.CLOSED] and phases[Phase.DROPPED_OUT]
    assert phases[Phase.AFTERCARE] + phases[Phase.ACTIVE] < 90
    for model in (Assessment, Contact, Goal, Signal, AuditEntry, PhaseChange, Outcome, Enrolment):
        assert model.objects.exists(), model


def test_generated_data_keeps_the_rules_of_the_journey(generated, frozen_today):
    trajectories = Trajectory.objects.all()
    assert not trajectories.filter(phase__in=COACHING_PHASES, buddy=None).exists()
    assert not trajectories.filter(phase__in=COACHING_PHASES, backup=None).exists()
    assert not trajectories.filter(phase=Phase.AFTERCARE, aftercare_started_on=None).exists()
    assert not trajectories.filter(phase__in=["closed", "dropped_out"], ended_on=None).exists()
    assert not trajectories.filter(ended_on__gt=frozen_today).exists()
    # The last phase change is the phase the trajectory is in.
    for t in trajectories.prefetch_related("phase_changes"):
        assert list(t.phase_changes.all())[-1].to_phase == t.phase
    # Contacts and assessments lie inside the coached period.
    span = trajectories.annotate(
        first_contact=Min("contacts__on"),
        last_contact=Max("contacts__on"),
        last_assessment=Max("assessments__held_on"),
    )
    for t in span.filter(matched_on__isnull=False):
        end = t.ended_on or frozen_today
        if t.first_contact:
            assert t.matched_on <= t.first_contact and t.last_contact <= end
        if t.last_assessment:
            assert t.last_assessment <= end
    # Buddies coach no more households today than their capacity.
    for role in ProgrammeRole.objects.filter(role=Role.BUDDY).annotate(
        now=Count(
            "user__buddy_trajectories",
            filter=Q(user__buddy_trajectories__phase__in=COACHING_PHASES),
        )
    ):
        assert role.now <= role.capacity
    # Every closed trajectory went through the closure checklist; no dropped-out one did.
    closed = trajectories.filter(phase=Phase.CLOSED)
    assert ClosureCheck.objects.filter(trajectory__in=closed).count() == closed.count()
    assert not ClosureCheck.objects.filter(trajectory__phase=Phase.DROPPED_OUT).exists()
    # A Doorbraak case only where the participant let Doorbraak see the file.
    for case in DoorbraakCase.objects.select_related("trajectory"):
        assert Consent.objects.filter(
            household=case.trajectory.household_id, recipient=Recipient.DOORBRAAK
        ).exists()


def test_generated_households_show_on_the_pages_of_their_people(generated, client):
    trajectory = (
        Trajectory.objects.filter(phase=Phase.ACTIVE)
        .select_related("household__programme", "buddy")
        .first()
    )
    household = trajectory.household
    client.force_login(trajectory.buddy)
    for url in (
        reverse("buddy_home"),
        reverse("household", args=[household.uuid]),
        reverse("plan", args=[household.uuid]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert household.display_name in response.content.decode()
    coordinator = ProgrammeRole.objects.get(
        programme=household.programme, role=Role.COORDINATOR
    ).user
    client.force_login(coordinator)
    response = client.get(reverse("programme", args=[household.programme.slug]))
    assert response.status_code == 200
    funder = ProgrammeRole.objects.filter(role=Role.FUNDER).first().user
    client.force_login(funder)
    assert client.get(reverse("figures")).status_code == 200
    client.force_login(ProgrammeRole.objects.filter(role=Role.DOORBRAAK).first().user)
    assert client.get(reverse("doorbraak_cases")).status_code == 200


def test_generate_refuses_a_database_that_holds_generated_programmes(generated):
    with pytest.raises(CommandError, match="generated programmes already"):
        call_command("generate", "--households", "5", "--quiet", stdout=io.StringIO())


@pytest.mark.django_db
def test_generate_writes_through_the_checked_bulk_path(monkeypatch):
    """A generated row that breaks a field rule is refused, as a service's bulk write would be."""
    monkeypatch.setattr(
        "kansrijk.scale.generate._name",
        lambda rng, background, woman=True: (
            "A" * 200,
            "Jansen",
        ),
    )

    with pytest.raises(ValidationError):
        call_command("generate", "--households", "5", "--quiet", stdout=io.StringIO())

    assert not generated_programmes().exists()
