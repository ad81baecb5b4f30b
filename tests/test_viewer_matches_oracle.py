"""The request-scoped viewer (`access.viewer`) gives the same answers as the rules it replaced.

`oracle_policy` is `policy` as it was before the viewer: every reader built unions of nested
subqueries per call. On random programmes, households (some erased), journeys in random phases
with random buddies and backups, consents of random recipients, parts and dates (withdrawn,
ended, not yet started), and users with random roles and organisations, both must answer
every question alike: outside a request (read per call) and inside one (kept for the request).
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kansrijk.access import policy
from kansrijk.access.choices import Recipient
from kansrijk.access.parts import Content
from kansrijk.access.tests import oracle_policy as oracle
from kansrijk.access.viewer import viewer_scope
from kansrijk.core.dates import today
from kansrijk.core.phases import Phase
from kansrijk.people.choices import OrganisationKind, Role
from kansrijk.people.models import Household, User
from kansrijk.trajectories.models import Trajectory
from tests.factories import (
    AreaFactory,
    ConsentFactory,
    HouseholdFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProgrammeRoleFactory,
    TrajectoryFactory,
    UserFactory,
)

PROGRAMMES = 2
ORGANISATIONS = (OrganisationKind.NEIGHBOURHOOD_TEAM, OrganisationKind.MUNICIPALITY)
ROLES = (Role.COORDINATOR, Role.BUDDY, Role.BACKUP, Role.DOORBRAAK, Role.FUNDER)
# Mostly what grants access (in force, with the basic details, in a paired phase), so that
# the examples reach every rule; now and then what takes it away.
mostly = st.sampled_from([True, True, True, False])
rarely = st.sampled_from([False, False, False, True])
PHASES = [*Phase, Phase.MATCHED, Phase.ACTIVE, Phase.ACTIVE, Phase.AFTERCARE]

users = st.lists(
    st.fixed_dictionaries(
        {
            "organisation": st.none() | st.integers(0, len(ORGANISATIONS) - 1),
            "active": mostly,
            "roles": st.lists(
                st.tuples(st.sampled_from(ROLES), st.integers(0, PROGRAMMES - 1), mostly),
                max_size=2,
                unique_by=lambda r: r[:2],
            ),
        }
    ),
    min_size=1,
    max_size=4,
)
journey = st.fixed_dictionaries(
    {
        "phase": st.sampled_from(PHASES),
        "buddy": st.integers(0, 3) | st.none(),
        "backup": st.integers(0, 3) | st.none(),
    }
)
households = st.lists(
    st.fixed_dictionaries(
        {
            "programme": st.integers(0, PROGRAMMES - 1),
            "erased": rarely,
            "journeys": st.lists(journey, min_size=1, max_size=2),
        }
    ),
    min_size=1,
    max_size=4,
)
consents = st.lists(
    st.fixed_dictionaries(
        {
            "household": st.integers(0, 3),
            "recipient": st.sampled_from([*Recipient, Recipient.BACKUP]),
            "organisation": st.integers(0, len(ORGANISATIONS) - 1),
            "basic": mostly,
            "plan": st.booleans(),
            "assessments": st.booleans(),
            "sensitive": st.booleans(),
            "starts": st.sampled_from([-30, -1, 0, 0, 1]),
            "ends": st.none() | st.sampled_from([0, 1, 30]),
            "withdrawn": rarely,
        }
    ),
    min_size=1,
    max_size=8,
)


@dataclass
class World:
    users: list[User]
    households: list[Household]
    journeys: list[Trajectory]
    programmes: list


def build(user_specs, household_specs, consent_specs) -> World:
    programmes = [ProgrammeFactory() for _ in range(PROGRAMMES)]
    areas = [AreaFactory(programme=p) for p in programmes]
    organisations = [OrganisationFactory(kind=kind) for kind in ORGANISATIONS]
    people = []
    for spec in user_specs:
        organisation = spec["organisation"]
        person = UserFactory(
            organisation=None if organisation is None else organisations[organisation],
            is_active=spec["active"],
        )
        for role, programme, active in spec["roles"]:
            ProgrammeRoleFactory(
                user=person, programme=programmes[programme], role=role, active=active
            )
        people.append(person)
    homes, journeys = [], []
    for spec in household_specs:
        programme = spec["programme"]
        home = HouseholdFactory(programme=programmes[programme], area=areas[programme])
        for number, j in enumerate(spec["journeys"]):
            # One open journey at a time: the earlier ones ended.
            phase = j["phase"] if number == len(spec["journeys"]) - 1 else Phase.CLOSED
            journeys.append(make_journey(home, phase, people, j["buddy"], j["backup"]))
        if spec["erased"]:
            home.erased_at = timezone.now()
            home.save(update_fields=["erased_at"])
        homes.append(home)
    for spec in consent_specs:
        if spec["household"] >= len(homes):
            continue
        starts_on = today() + dt.timedelta(days=spec["starts"])
        ends = spec["ends"]
        ConsentFactory(
            household=homes[spec["household"]],
            recipient=spec["recipient"],
            organisation=organisations[spec["organisation"]]
            if spec["recipient"] == Recipient.ORGANISATION
            else None,
            basic=spec["basic"],
            plan=spec["plan"],
            assessments=spec["assessments"],
            sensitive=spec["sensitive"],
            starts_on=starts_on,
            ends_on=None if ends is None else starts_on + dt.timedelta(days=max(ends, 0)),
            withdrawn_at=timezone.now() if spec["withdrawn"] else None,
        )
    return World(people, homes, journeys, programmes)


def make_journey(home, phase, people, buddy, backup) -> Trajectory:
    def someone(index):
        return people[index % len(people)] if index is not None else None

    buddy_user = someone(buddy)
    if buddy_user is None and phase in (Phase.MATCHED, Phase.ACTIVE, Phase.AFTERCARE):
        buddy_user = people[0]
    started = phase in (Phase.ACTIVE, Phase.AFTERCARE, Phase.CLOSED)
    return TrajectoryFactory(
        household=home,
        phase=phase,
        buddy=buddy_user,
        backup=someone(backup),
        matched_on=today() - dt.timedelta(days=60) if started else None,
        paired_on=today() - dt.timedelta(days=61) if buddy_user is not None else None,
    )


def ids(households) -> set[int]:
    return set(households.values_list("pk", flat=True))


def answers(module, world: World, user: User) -> dict:
    """Every question access answers, asked of `module` (the oracle or the new policy)."""
    user = User.objects.get(pk=user.pk)  # fresh: no roles kept from the other module
    stand_ins = [p.pk for p in world.users if p.pk != user.pk]
    got: dict = {
        "visible": ids(module.visible_households(user)),
        "signals": ids(module.signal_households(user, [])),
        "signals standing in": ids(module.signal_households(user, stand_ins)),
        "cases": ids(module.case_households(user)),
        "cases condition": ids(
            Household.objects.filter(module.case_households_condition(user, ""))
        ),
        "cases of journeys": set(
            Trajectory.objects.filter(
                module.case_households_condition(user, "household")
            ).values_list("pk", flat=True)
        ),
        "outcomes": ids(module.outcome_households(user)),
    }
    for programme in world.programmes:
        got[f"in programme {programme.pk}"] = ids(module.visible_in_programme(user, programme))
    for home in world.households:
        home = Household.objects.get(pk=home.pk)
        try:
            module.household_for_user_or_404(user, home.uuid)
            opens = True
        except Http404:
            opens = False
        got[f"opens {home.pk}"] = opens
        got[f"cases of {home.pk}"] = (
            module.reads_cases_of(user, home),
            module.reads_cases_of(user, home.pk),
        )
        got[f"signals of {home.pk}"] = (
            module.reads_signals_of(user, home, []),
            module.reads_signals_of(user, home.pk, stand_ins),
        )
    for journey in world.journeys:
        journey = Trajectory.objects.select_related("household__programme").get(pk=journey.pk)
        home = journey.household
        got[f"parts {journey.pk}"] = module.visible_parts(user, home, journey)
        got[f"parts without journey {journey.pk}"] = module.visible_parts(user, home, None)
        got[f"as {journey.pk}"] = module.consented_as(user, home, journey)
        got[f"documents {journey.pk}"] = module.document_parts(user, home, journey)
        got[f"role {journey.pk}"] = module.acting_role(user, home, journey)
        got[f"signal sight {journey.pk}"] = module.sight(user, home, journey).shows(Content.SIGNAL)
    return got


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(user_specs=users, household_specs=households, consent_specs=consents)
def test_the_viewer_answers_as_the_old_rules(user_specs, household_specs, consent_specs):
    with transaction.atomic():
        world = build(user_specs, household_specs, consent_specs)
        for user in world.users:
            expected = answers(oracle, world, user)
            assert answers(policy, world, user) == expected
            with viewer_scope():
                assert answers(policy, world, user) == expected
        transaction.set_rollback(True)
