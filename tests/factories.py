"""factory_boy factories for every model the tests need.

Dates are relative to `today()`, so a test that travels in time (time-machine) gets a journey
that fits the day it travelled to. Trajectory traits put a journey in one phase with the dates
that phase implies: `TrajectoryFactory(active=True)`, `TrajectoryFactory(aftercare=True)`, …
"""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory, Password

from kansrijk.access.choices import Recipient
from kansrijk.access.models import Consent
from kansrijk.assessments.choices import Domain, Moment
from kansrijk.assessments.models import Assessment, DomainScore
from kansrijk.contacts.models import Contact, ContactKind
from kansrijk.core.dates import add_months, today
from kansrijk.core.phases import Phase
from kansrijk.intake.models import ConsentMethod, Intake, Referral
from kansrijk.people.choices import MemberRelation, OrganisationKind, Role
from kansrijk.people.models import (
    Area,
    Household,
    HouseholdMember,
    Organisation,
    Programme,
    ProgrammeRole,
    User,
)
from kansrijk.trajectories.choices import DropOutReason
from kansrijk.trajectories.models import PhaseChange, Trajectory


def days_ago(days: int) -> dt.date:
    return today() - dt.timedelta(days=days)


def months_ago(months: int) -> dt.date:
    return add_months(today(), -months)


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Kansrijk Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    municipality = "Groningen"
    started_on = dt.date(2023, 1, 1)


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Neighbourhood {n}")
    slug = factory.Sequence(lambda n: f"neighbourhood-{n}")
    joined_on = dt.date(2023, 1, 1)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"WIJ-team {n}")
    slug = factory.Sequence(lambda n: f"wij-team-{n}")
    kind = OrganisationKind.NEIGHBOURHOOD_TEAM


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Firstname{n}")
    last_name = factory.Sequence(lambda n: f"Lastname{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    # Unusable unless a test passes one: hashing costs time and most tests use force_login.
    password = Password(None)


class ProgrammeRoleFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeRole

    user = factory.SubFactory(UserFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    role = Role.BUDDY
    capacity = 1


class HouseholdFactory(DjangoModelFactory):
    class Meta:
        model = Household

    programme = factory.SubFactory(ProgrammeFactory)
    area = factory.SubFactory(AreaFactory, programme=factory.SelfAttribute("..programme"))
    # Distinctive enough to search for in a page's HTML.
    display_name = factory.Sequence(lambda n: f"Participant{n} Householdname{n}")
    phone = "06 12345678"


class HouseholdMemberFactory(DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    household = factory.SubFactory(HouseholdFactory)
    relation = MemberRelation.PARTICIPANT
    given_name = factory.Sequence(lambda n: f"Member{n}")
    family_name = factory.Maybe(
        factory.LazyAttribute(lambda o: o.relation == MemberRelation.CHILD),
        yes_declaration="",
        no_declaration="Householdname",
    )
    birth_year = factory.Maybe(
        factory.LazyAttribute(lambda o: o.relation == MemberRelation.CHILD),
        yes_declaration=2015,
        no_declaration=1985,
    )


class TrajectoryFactory(DjangoModelFactory):
    """A journey in the referral phase; the traits move it along with fitting dates."""

    class Meta:
        model = Trajectory

    household = factory.SubFactory(HouseholdFactory)
    phase = Phase.REFERRED
    matched_on = None
    referred_on = factory.LazyAttribute(lambda o: (o.matched_on or today()) - dt.timedelta(days=30))

    class Params:
        intake = factory.Trait(phase=Phase.INTAKE)
        matching = factory.Trait(phase=Phase.MATCHING)
        active = factory.Trait(
            phase=Phase.ACTIVE,
            buddy=factory.SubFactory(UserFactory),
            backup=factory.SubFactory(UserFactory),
            matched_on=factory.LazyFunction(lambda: days_ago(60)),
        )
        aftercare = factory.Trait(
            phase=Phase.AFTERCARE,
            buddy=factory.SubFactory(UserFactory),
            backup=factory.SubFactory(UserFactory),
            matched_on=factory.LazyFunction(lambda: months_ago(14)),
            aftercare_started_on=factory.LazyFunction(lambda: months_ago(2)),
        )
        closed = factory.Trait(
            phase=Phase.CLOSED,
            buddy=factory.SubFactory(UserFactory),
            backup=factory.SubFactory(UserFactory),
            matched_on=factory.LazyFunction(lambda: months_ago(19)),
            aftercare_started_on=factory.LazyFunction(lambda: months_ago(7)),
            ended_on=factory.LazyFunction(lambda: months_ago(1)),
        )
        dropped_out = factory.Trait(
            phase=Phase.DROPPED_OUT,
            ended_on=factory.LazyFunction(lambda: days_ago(7)),
            drop_out_reason=DropOutReason.NO_CONTACT,
        )


# Phases in which a trajectory has a buddy and backup professional (for `trajectory_in`).
PAIRED_PHASES = (Phase.ACTIVE, Phase.AFTERCARE, Phase.CLOSED)


def trajectory_in(phase: Phase, *, buddy: User | None = None, backup: User | None = None, **kwargs):
    """A trajectory in `phase`; the buddy and backup are only set in phases that have them."""
    if phase != Phase.REFERRED:
        kwargs[phase.value] = True
    if phase in PAIRED_PHASES:
        kwargs.update({"buddy": buddy or UserFactory(), "backup": backup or UserFactory()})
    return TrajectoryFactory(**kwargs)


class PhaseChangeFactory(DjangoModelFactory):
    class Meta:
        model = PhaseChange

    trajectory = factory.SubFactory(TrajectoryFactory)
    from_phase = ""
    to_phase = Phase.REFERRED
    by = factory.SubFactory(UserFactory)


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = Referral

    trajectory = factory.SubFactory(TrajectoryFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    reason = "Debts and a letter about eviction."
    consent_on = factory.LazyAttribute(lambda o: o.trajectory.referred_on)
    consent_method = ConsentMethod.PAPER
    recorded_by = factory.SubFactory(UserFactory)


class IntakeFactory(DjangoModelFactory):
    class Meta:
        model = Intake

    trajectory = factory.SubFactory(TrajectoryFactory, matching=True)
    held_on = factory.LazyAttribute(lambda o: o.trajectory.referred_on)
    stress_now = "The rent arrears."
    wishes = "A calm month without letters."
    steps_saved = factory.LazyFunction(lambda: [1, 2, 3, 4])
    completed_at = factory.LazyFunction(timezone.now)
    recorded_by = factory.SubFactory(UserFactory)


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    trajectory = factory.SubFactory(TrajectoryFactory, active=True)
    on = factory.LazyFunction(today)
    kind = ContactKind.VISIT
    minutes = 60
    by = factory.LazyAttribute(lambda o: o.trajectory.buddy)


class AssessmentFactory(DjangoModelFactory):
    """An assessment with a score on every life domain (pass `scores={domain: (now, wanted)}`)."""

    class Meta:
        model = Assessment
        skip_postgeneration_save = True

    trajectory = factory.SubFactory(TrajectoryFactory, active=True)
    moment = Moment.START
    held_on = factory.LazyAttribute(lambda o: o.trajectory.matched_on)
    recorded_by = factory.LazyAttribute(lambda o: o.trajectory.buddy)

    @factory.post_generation
    def scores(self, create, extracted, **kwargs):
        if not create:
            return
        levels = extracted or dict.fromkeys(Domain.values, (2, 4))
        DomainScore.objects.bulk_create(
            DomainScore(assessment=self, domain=domain, level=now, wanted_level=wanted)
            for domain, (now, wanted) in levels.items()
        )


class ConsentFactory(DjangoModelFactory):
    """The participant lets the backup professional see the basic details and assessments."""

    class Meta:
        model = Consent

    household = factory.SubFactory(HouseholdFactory)
    recipient = Recipient.BACKUP
    basic = True
    plan = False
    assessments = True
    sensitive = False
    starts_on = factory.LazyFunction(today)
    method = ConsentMethod.IN_PERSON
    recorded_by = factory.SubFactory(UserFactory)
