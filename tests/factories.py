"""factory_boy factories for every model the tests need.

Dates are relative to `today()`, so a test that travels in time (time-machine) gets a journey
that fits the day it travelled to. Trajectory traits put a journey in one phase with the dates
that phase implies: `TrajectoryFactory(active=True)`, `TrajectoryFactory(aftercare=True)`, …
"""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory, Password

from kansrijk.access.choices import FilePart, Recipient
from kansrijk.access.models import Consent
from kansrijk.assessments.choices import Moment
from kansrijk.assessments.models import Assessment, DomainScore
from kansrijk.contacts.models import Appointment, AppointmentKind, Contact, ContactKind
from kansrijk.core.dates import add_months, today
from kansrijk.core.files import FileKind
from kansrijk.core.phases import Phase
from kansrijk.documents.models import Document
from kansrijk.escalation.choices import SignalKind
from kansrijk.escalation.models import DoorbraakCase, Signal
from kansrijk.frameworks.models import Framework
from kansrijk.frameworks.selectors import domains_with_levels, framework_for
from kansrijk.frameworks.shipped import FrameworkSpec
from kansrijk.intake.models import ConsentMethod, Intake, Referral
from kansrijk.network.models import NetworkMap, Tie
from kansrijk.partners.models import PartnerReferral
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
from kansrijk.plans.choices import ActionBy
from kansrijk.plans.models import Action, Goal, GoalProposal, ProgressNote
from kansrijk.trajectories import counts
from kansrijk.trajectories.choices import DropOutReason, ExtendedPart, ExtensionReason
from kansrijk.trajectories.models import PhaseChange, Trajectory, TrajectoryExtension
from kansrijk.transfers.models import Transfer
from tests.files import pdf_bytes


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
    # The tests read pages in the msgid language (conftest's `_english`); a participant's pages
    # follow her stored language, so the test households speak English too.
    language = "en"


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
        matched = factory.Trait(
            phase=Phase.MATCHED,
            buddy=factory.SubFactory(UserFactory),
            backup=factory.SubFactory(UserFactory),
            paired_on=factory.LazyFunction(lambda: days_ago(3)),
        )
        active = factory.Trait(
            phase=Phase.ACTIVE,
            buddy=factory.SubFactory(UserFactory),
            backup=factory.SubFactory(UserFactory),
            matched_on=factory.LazyFunction(lambda: days_ago(60)),
            paired_on=factory.LazyAttribute(lambda o: o.matched_on),
        )
        aftercare = factory.Trait(
            phase=Phase.AFTERCARE,
            buddy=factory.SubFactory(UserFactory),
            backup=factory.SubFactory(UserFactory),
            matched_on=factory.LazyFunction(lambda: months_ago(14)),
            paired_on=factory.LazyAttribute(lambda o: o.matched_on),
            aftercare_started_on=factory.LazyFunction(lambda: months_ago(2)),
        )
        closed = factory.Trait(
            phase=Phase.CLOSED,
            buddy=factory.SubFactory(UserFactory),
            backup=factory.SubFactory(UserFactory),
            matched_on=factory.LazyFunction(lambda: months_ago(19)),
            paired_on=factory.LazyAttribute(lambda o: o.matched_on),
            aftercare_started_on=factory.LazyFunction(lambda: months_ago(7)),
            ended_on=factory.LazyFunction(lambda: months_ago(1)),
        )
        dropped_out = factory.Trait(
            phase=Phase.DROPPED_OUT,
            ended_on=factory.LazyFunction(lambda: days_ago(7)),
            drop_out_reason=DropOutReason.NO_CONTACT,
        )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Counted as the intake's service counts a new journey (`counts.changed`)."""
        trajectory = super()._create(model_class, *args, **kwargs)
        counts.changed(None, counts.key(trajectory))
        return trajectory


# Phases in which a trajectory has a buddy and backup professional (for `trajectory_in`).
PAIRED_PHASES = (Phase.MATCHED, Phase.ACTIVE, Phase.AFTERCARE, Phase.CLOSED)


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


class TrajectoryExtensionFactory(DjangoModelFactory):
    """An extension of an active year by three months."""

    class Meta:
        model = TrajectoryExtension

    trajectory = factory.SubFactory(TrajectoryFactory, active=True)
    part = ExtendedPart.ACTIVE_YEAR
    old_end = factory.LazyAttribute(lambda o: o.trajectory.standard_year_ends_on)
    new_end = factory.LazyAttribute(lambda o: o.old_end + dt.timedelta(days=90))
    reason = ExtensionReason.GOALS_UNDER_WAY
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


class AppointmentFactory(DjangoModelFactory):
    """Next week's visit, at ten; planned by the household's buddy."""

    class Meta:
        model = Appointment

    trajectory = factory.SubFactory(TrajectoryFactory, active=True)
    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(
            dt.datetime.combine(today() + dt.timedelta(days=7), dt.time(10, 0))
        )
    )
    kind = AppointmentKind.MEET
    by = factory.LazyAttribute(lambda o: o.trajectory.buddy)


class AssessmentFactory(DjangoModelFactory):
    """An assessment on the programme's framework with a score on every domain.

    Pass `scores={domain code: (now, wanted)}` for only those domains; `score_notes={code: text}`.
    """

    class Meta:
        model = Assessment
        skip_postgeneration_save = True

    trajectory = factory.SubFactory(TrajectoryFactory, active=True)
    framework = factory.LazyAttribute(lambda o: framework_for(o.trajectory.household.programme))
    moment = Moment.START
    held_on = factory.LazyAttribute(lambda o: o.trajectory.matched_on)
    recorded_by = factory.LazyAttribute(lambda o: o.trajectory.buddy)

    @factory.post_generation
    def scores(self, create, extracted, **kwargs):
        if not create:
            return
        domains = {d.code: d for d in domains_with_levels(self.framework)}
        levels = dict.fromkeys(domains, (2, 4)) if extracted is None else extracted
        notes = kwargs.get("notes", {})
        DomainScore.objects.bulk_create(
            DomainScore(
                assessment=self,
                domain=domains[code],
                level=now,
                wanted_level=wanted,
                note=notes.get(code, ""),
            )
            for code, (now, wanted) in levels.items()
        )


def shipped_framework(spec: FrameworkSpec) -> Framework:
    """A shipped framework (e.g. `shipped.BROAD`), as its data migration installed it (after a
    transactional test, the root conftest's `_shipped_rows` installs it again)."""
    return Framework.objects.get(slug=spec.slug, version=spec.version)


class DomainScoreFactory(DjangoModelFactory):
    """One score, on the first domain of its assessment's framework."""

    class Meta:
        model = DomainScore

    assessment = factory.SubFactory(AssessmentFactory, scores={})
    domain = factory.LazyAttribute(lambda o: o.assessment.framework.domains.first())
    level = 2
    wanted_level = 4


class ConsentFactory(DjangoModelFactory):
    """The participant lets the backup professional see the basic details and assessments."""

    class Meta:
        model = Consent

    household = factory.SubFactory(HouseholdFactory)
    recipient = Recipient.BACKUP
    # A consent to a named organisation names one (a new one unless given).
    organisation = factory.Maybe(
        factory.LazyAttribute(lambda o: o.recipient == Recipient.ORGANISATION),
        factory.SubFactory(OrganisationFactory),
        None,
    )
    basic = True
    plan = False
    assessments = True
    sensitive = False
    starts_on = factory.LazyFunction(today)
    method = ConsentMethod.IN_PERSON
    recorded_by = factory.SubFactory(UserFactory)


class SignalFactory(DjangoModelFactory):
    """An open question from the buddy of an active household to its backup professional."""

    class Meta:
        model = Signal

    trajectory = factory.SubFactory(TrajectoryFactory, active=True)
    kind = SignalKind.QUESTION
    description = "She got a letter about the rent allowance and does not understand it."
    raised_by = factory.LazyAttribute(lambda o: o.trajectory.buddy)


class DoorbraakCaseFactory(DjangoModelFactory):
    """An open Doorbraak case of an active household, opened today."""

    class Meta:
        model = DoorbraakCase

    trajectory = factory.SubFactory(TrajectoryFactory, active=True)
    barrier = "The allowance is stopped while the new job pays later."
    opened_on = factory.LazyFunction(today)
    opened_by = factory.SubFactory(UserFactory)


class NetworkMapFactory(DjangoModelFactory):
    """The start map of an active household's network, drawn by its buddy."""

    class Meta:
        model = NetworkMap

    trajectory = factory.SubFactory(TrajectoryFactory, active=True)
    moment = "start"
    drawn_on = factory.LazyAttribute(lambda o: o.trajectory.matched_on)
    created_by = factory.LazyAttribute(lambda o: o.trajectory.buddy)


class TieFactory(DjangoModelFactory):
    """A sister who gives support, on a start map."""

    class Meta:
        model = Tie

    network_map = factory.SubFactory(NetworkMapFactory)
    name = "zus"
    kind = "family"
    strength = "normal"
    flow = "support"


class GoalFactory(DjangoModelFactory):
    """An open goal of an active household, in the participant's words, set by its buddy."""

    class Meta:
        model = Goal

    trajectory = factory.SubFactory(TrajectoryFactory, active=True)
    domain = factory.LazyAttribute(
        lambda o: framework_for(o.trajectory.household.programme).domains.first()
    )
    text = "A calm month without letters from the bailiff."
    target_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=30))
    created_by = factory.LazyAttribute(lambda o: o.trajectory.buddy)


class GoalProposalFactory(DjangoModelFactory):
    """A goal the participant of an active household proposed in her own words."""

    class Meta:
        model = GoalProposal

    trajectory = factory.SubFactory(TrajectoryFactory, active=True)
    text = "Ik wil zwemles voor de kinderen."
    proposed_by = factory.SubFactory(UserFactory)


# A step or note made without a goal gets a goal without words, so every filled-in text of a
# test is one it chose (tests/encryption.py counts them).
_GOAL_WITHOUT_WORDS = factory.SubFactory(GoalFactory, text="")


class ActionFactory(DjangoModelFactory):
    """A step of the participant's towards a goal, due in a week."""

    class Meta:
        model = Action

    goal = _GOAL_WITHOUT_WORDS
    who = ActionBy.PARTICIPANT
    what = "Call the Kredietbank."
    due_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=7))
    created_by = factory.LazyAttribute(lambda o: o.goal.created_by)


class ProgressNoteFactory(DjangoModelFactory):
    """A small success under a goal, written down today by the buddy."""

    class Meta:
        model = ProgressNote

    goal = _GOAL_WITHOUT_WORDS
    text = "She opened all her post herself."
    is_success = True
    written_on = factory.LazyFunction(today)
    author = factory.LazyAttribute(lambda o: o.goal.created_by)


# ---- outcomes ----


def outcome_type_of(programme, kind: str):
    """The programme's outcome type of this kind (the defaults come with the programme)."""
    from kansrijk.outcomes.selectors import outcome_types

    return next(t for t in outcome_types(programme, active_only=False) if t.kind == kind)


class OutcomeFactory(DjangoModelFactory):
    """An outcome of a trajectory, reached yesterday, recorded by its coordinator's programme."""

    class Meta:
        model = "outcomes.Outcome"

    trajectory = factory.SubFactory(TrajectoryFactory, active=True)
    outcome_type = factory.LazyAttribute(
        lambda o: outcome_type_of(o.trajectory.household.programme, "housing_found")
    )
    reached_on = factory.LazyFunction(lambda: today() - dt.timedelta(days=1))
    recorded_by = factory.SubFactory(UserFactory)


class EvaluationFactory(DjangoModelFactory):
    """The evaluation of a journey that finished, given by its participant in the portal."""

    class Meta:
        model = "evaluations.Evaluation"

    trajectory = factory.SubFactory(TrajectoryFactory, closed=True)
    mark = 8
    entered = "participant"
    entered_by = factory.SubFactory(UserFactory)


class FollowUpFactory(DjangoModelFactory):
    """A follow-up 12 months after closure of a closed trajectory, by the coordinator."""

    class Meta:
        model = "outcomes.FollowUp"

    trajectory = factory.SubFactory(TrajectoryFactory, closed=True)
    moment = 12
    recorded_by = factory.SubFactory(UserFactory)
    recorded_as = "coordinator"


# ---- academy: buddy selection, the Buddy Academie, Buddy Building ----


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = "academy.Course"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    hours = 3


class SessionFactory(DjangoModelFactory):
    """A session of a course next week, with room for ten."""

    class Meta:
        model = "academy.Session"

    course = factory.SubFactory(CourseFactory)
    on = factory.LazyFunction(lambda: today() + dt.timedelta(days=7))
    starts_at = dt.time(19, 0)
    place = "De Oude Bieb"
    trainer = "Trudy Trainer"
    capacity = 10
    hours = 3
    created_by = factory.SubFactory(UserFactory)


class CandidateFactory(DjangoModelFactory):
    """A buddy candidate who just applied to a programme."""

    class Meta:
        model = "academy.Candidate"

    programme = factory.SubFactory(ProgrammeFactory)
    given_name = factory.Sequence(lambda n: f"Kandidaat{n}")
    family_name = "Jansen"
    email = factory.Sequence(lambda n: f"kandidaat{n}@example.org")
    motivation = "I know what stress about money does."
    languages = "Nederlands"
    created_by = factory.SubFactory(UserFactory)


class InterviewFactory(DjangoModelFactory):
    """An interview with a buddy candidate, held today by the programme's coordinator."""

    class Meta:
        model = "academy.Interview"

    # No motivation: the encryption tests count one stored note per field.
    candidate = factory.SubFactory(CandidateFactory, motivation="")
    held_on = factory.LazyFunction(today)
    by = factory.SubFactory(UserFactory)


class CheckInFactory(DjangoModelFactory):
    """How a buddy is doing today: middling load, fine."""

    class Meta:
        model = "academy.CheckIn"

    user = factory.SubFactory(UserFactory)
    on = factory.LazyFunction(today)
    load = 3
    wellbeing = 4
    recorded_by = factory.SelfAttribute("user")


class DocumentFactory(DjangoModelFactory):
    """A scanned letter kept with a household's file, in the sensitive notes."""

    class Meta:
        model = Document

    household = factory.SubFactory(HouseholdFactory)
    part = FilePart.SENSITIVE
    kind = FileKind.PDF
    name = "brief-deurwaarder.pdf"
    content = factory.LazyFunction(lambda: pdf_bytes("Brief van de deurwaarder"))
    size = factory.LazyAttribute(lambda document: len(document.content))


class VogScanFactory(DjangoModelFactory):
    """The scan of a candidate's certificate of conduct (VOG), as a PDF."""

    class Meta:
        model = "academy.VogScan"

    candidate = factory.SubFactory(CandidateFactory, motivation="")
    kind = FileKind.PDF
    name = "VOG.pdf"
    content = factory.LazyFunction(lambda: pdf_bytes("Verklaring Omtrent het Gedrag"))
    size = factory.LazyAttribute(lambda scan: len(scan.content))


# A first picture at the intake over the broad framework's five domains: (now, wanted) each.
INTAKE_PICTURE = {
    "home": (2, 4),
    "wellbeing": (3, 4),
    "finances": (1, 3),
    "education": (3, 3),
    "work": (2, 5),
}


class PartnerReferralFactory(DjangoModelFactory):
    """A referral a partner sent, waiting in the coordinator's inbox."""

    class Meta:
        model = PartnerReferral

    area = factory.SubFactory(AreaFactory)
    programme = factory.LazyAttribute(lambda o: o.area.programme)
    organisation = factory.SubFactory(OrganisationFactory)
    referred_by = None
    source = "web"
    given_name = "Yasmin"
    family_name = factory.Sequence(lambda n: f"Family{n}")
    phone = "06 12345678"
    reason = "Debts and stress about the rent."
    consent_on = factory.LazyFunction(lambda: days_ago(2))
    consent_method = ConsentMethod.IN_PERSON
    consent_recorded_by = "Petra Verwijzer"
    share_basic = True


class TransferFactory(DjangoModelFactory):
    """A household's move to another area of its programme, waiting for the decision."""

    class Meta:
        model = Transfer

    household = factory.SubFactory(HouseholdFactory)
    household_name = factory.LazyAttribute(lambda o: o.household.display_name)
    phase = Phase.ACTIVE
    from_programme = factory.LazyAttribute(lambda o: o.household.programme)
    from_area = factory.LazyAttribute(lambda o: o.household.area)
    to_area = factory.SubFactory(
        AreaFactory, programme=factory.SelfAttribute("..household.programme")
    )
    to_programme = factory.LazyAttribute(lambda o: o.to_area.programme)
    reason = "The family moves in with the grandmother, across the city."
    requested_by = factory.SubFactory(UserFactory)
