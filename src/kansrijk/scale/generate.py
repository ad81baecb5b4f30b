"""`kansrijk generate`: fill a database with many fictional households, quickly, for benchmarks.

Unlike the demo (which walks each journey through the services, one household at a time), this
plans whole programmes in Python (`journeys.py`) and writes them in batches through the checked
bulk path (`core.models.bulk_create_checked`, each row against its model's field rules):
programmes, areas, staff, buddies with profiles, households with members, trajectories in every
phase over several years with their phase changes, referrals, intakes, consents, assessments
with scores, goals with actions and notes, contacts, signals, Doorbraak cases, network maps and
audit entries. The rules of the models hold (phases match their dates, a buddy never coaches
more households than their capacity, consent is recorded where pages need it), so every page
works on the result. Names come from the demo's lists: everyone is invented.
"""

import contextlib
import datetime as dt
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from kansrijk.academy.choices import EnrolmentStatus
from kansrijk.academy.models import Course, Enrolment
from kansrijk.academy.models import Session as AcademySession
from kansrijk.access.choices import ConsentMethod, Recipient
from kansrijk.access.models import AuditAction, AuditEntry, Consent
from kansrijk.assessments.choices import Moment
from kansrijk.assessments.models import Assessment, DomainScore
from kansrijk.contacts.models import Contact, ContactKind
from kansrijk.core.dates import add_months, today
from kansrijk.core.models import bulk_create_checked
from kansrijk.demo.cast import ORGANISATIONS, PROGRAMMES, AreaSpec
from kansrijk.demo.loader import DEMO_PASSWORD
from kansrijk.demo.plans import GENERIC, PROGRESS_NOTES, RECIPES
from kansrijk.demo.profiles import POSTCODE_LETTERS, ascii_name
from kansrijk.demo.texts import (
    AFTERCARE_NOTES,
    ASSESSMENT_NOTES,
    BACKGROUNDS,
    CONTACT_NOTES,
    SCENARIOS,
)
from kansrijk.escalation.choices import SignalKind, SignalStatus, TagKind
from kansrijk.escalation.models import BarrierTag, DoorbraakCase, Signal
from kansrijk.frameworks.selectors import default_framework, domains_with_levels
from kansrijk.intake.choices import StressSource, VisitSlot
from kansrijk.intake.models import Intake, Referral
from kansrijk.matching.choices import Gender
from kansrijk.matching.models import BuddyProfile
from kansrijk.network.choices import Flow, Strength, TieKind
from kansrijk.network.choices import Moment as MapMoment
from kansrijk.network.models import NetworkMap, Tie
from kansrijk.outcomes.choices import REQUIRED, Hours, Level, OutcomeKind, Sector, Welfare
from kansrijk.outcomes.models import ClosureCheck, Outcome
from kansrijk.outcomes.services import outcome_types_seed
from kansrijk.people.choices import MemberRelation, Role
from kansrijk.people.models import (
    Area,
    Household,
    HouseholdMember,
    Organisation,
    Programme,
    ProgrammeRole,
    User,
)
from kansrijk.plans.choices import ActionBy, GoalStatus, WrittenBy
from kansrijk.plans.models import Action, Goal, ProgressNote
from kansrijk.scale.journeys import PlannedJourney, assign_buddies, plan_programme
from kansrijk.trajectories import counts as phase_counts
from kansrijk.trajectories.models import HALFWAY_MONTHS, PhaseChange, Trajectory

SLUG_PREFIX = "schaal-"
DEFAULT_PER_PROGRAMME = 1000
DEFAULT_YEARS = 6
BATCH = 2000
BUDDIES_PER_BACKUP = 6
AREAS = [area for spec in PROGRAMMES for area in spec.areas]
BACKGROUND_WEIGHTS = {"nl": 55, "ma": 10, "tr": 8, "sy": 10, "er": 5, "sr": 7, "pl": 5}
CONTACT_KINDS = list(ContactKind)
CONTACT_WEIGHTS = (5, 3, 2, 1)
GOAL_RECIPES = [recipe for recipes in RECIPES.values() for recipe in recipes] + list(GENERIC)
WIJ_TEAMS = sorted({area.wij_team for area in AREAS})
PARTNERS = ("OBS De Bolster", "De Oude Bieb", "Leger des Heils", "CBS De Regenboog")

Progress = Callable[[int, int], None]


def generated_programmes() -> models.QuerySet[Programme]:
    return Programme.objects.filter(slug__startswith=SLUG_PREFIX)


@dataclass
class Shared:
    rng: random.Random
    today: dt.date
    first_day: dt.date
    password: str
    organisations: dict[str, Organisation]
    funder: User
    doorbraak: User
    framework_domains: list
    barrier_tags: list[BarrierTag]
    agency_tags: list[BarrierTag]
    counts: Counter = field(default_factory=Counter)
    household_numbers: Iterator[int] = field(default_factory=lambda: iter(range(1, 10**9)))


def generate(
    households: int,
    *,
    seed: int = 1,
    per_programme: int = DEFAULT_PER_PROGRAMME,
    years: int = DEFAULT_YEARS,
    progress: Progress | None = None,
) -> Counter:
    """Create `households` households in ⌈households / per_programme⌉ new programmes.

    Returns the number of rows written per model. Refuses to run twice on one database: the
    figures of a benchmark must come from one generation.
    """
    if generated_programmes().exists():
        raise ValueError("This database holds generated programmes already: use an empty one.")
    on = today()
    rng = random.Random(seed)
    with _timestamps_as_given():
        shared = _shared(rng, on, years)
        programmes = math.ceil(households / per_programme)
        done = 0
        for number in range(1, programmes + 1):
            size = min(per_programme, households - done)
            with transaction.atomic():
                _programme(shared, number, size)
            done += size
            if progress:
                progress(done, households)
    # The journeys were written in bulk, past the services that keep the phase counts.
    phase_counts.rebuild()
    # Fresh statistics, so the query planner knows the tables are big now (both databases).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return shared.counts


@contextlib.contextmanager
def _timestamps_as_given() -> Iterator[None]:
    """Let bulk_create keep the past moments set here instead of stamping "now" on them.

    A field with auto_now(_add) keeps the value given; one left empty still gets "now".
    """
    from django.apps import apps

    patched = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                original = f.pre_save

                def keep_given(instance, add, f=f, original=original):
                    return getattr(instance, f.attname) or original(instance, add)

                f.pre_save = keep_given
                patched.append(f)
    try:
        yield
    finally:
        for f in patched:
            del f.pre_save


def _at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _bulk(shared: Shared, model: type[models.Model], rows: list) -> list:
    """Write the rows through the bulk path the services use, which checks each row against
    its model's field rules first (`core.models.checked_rows`)."""
    if rows:
        bulk_create_checked(rows, batch_size=BATCH)
        shared.counts[model._meta.label] += len(rows)
    return rows


def _shared(rng: random.Random, on: dt.date, years: int) -> Shared:
    password = make_password(DEMO_PASSWORD)  # one hash for everyone, as in the demo
    organisations = {
        name: Organisation.objects.get_or_create(
            name=name, defaults={"slug": slugify(name), "kind": kind}
        )[0]
        for name, kind in ORGANISATIONS.items()
    }
    municipality = organisations["Gemeente Groningen"]
    tags = list(BarrierTag.objects.filter(programme=None, active=True))
    shared = Shared(
        rng=rng,
        today=on,
        first_day=on.replace(year=on.year - years),
        password=password,
        organisations=organisations,
        funder=None,  # type: ignore[arg-type]
        doorbraak=None,  # type: ignore[arg-type]
        framework_domains=[
            (d, len(d.levels.all())) for d in domains_with_levels(default_framework())
        ],
        barrier_tags=[t for t in tags if t.kind == TagKind.BARRIER],
        agency_tags=[t for t in tags if t.kind == TagKind.AGENCY],
    )
    shared.funder, shared.doorbraak = _bulk(
        shared,
        User,
        [
            _user(shared, "schaal.funder", "nl", municipality),
            _user(shared, "schaal.doorbraak", "nl", municipality),
        ],
    )
    return shared


def _name(rng: random.Random, background: str, woman: bool = True) -> tuple[str, str]:
    names = BACKGROUNDS[background]
    return rng.choice(names.women if woman else names.men), rng.choice(names.family_names)


def _user(
    shared: Shared, username: str, background: str, organisation: Organisation | None = None
) -> User:
    first, last = _name(shared.rng, background, woman=shared.rng.random() < 0.8)
    return User(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@example.org",
        password=shared.password,
        organisation=organisation,
        date_joined=_at(shared.first_day),
    )


def _background(rng: random.Random) -> str:
    return rng.choices(list(BACKGROUND_WEIGHTS), list(BACKGROUND_WEIGHTS.values()))[0]


@dataclass
class ProgrammeStaff:
    programme: Programme
    areas: list[tuple[Area, AreaSpec]]
    coordinator: User
    buddies: list[User]
    backup_of: dict[int, User]  # buddy index → usual backup professional
    outcome_types: list = field(default_factory=list)


def _programme(shared: Shared, number: int, size: int) -> None:
    rng = shared.rng
    journeys = plan_programme(rng, size, shared.first_day, shared.today)
    buddy_plans = assign_buddies(rng, journeys)
    staff = _staff(shared, number, buddy_plans)
    for start in range(0, len(journeys), BATCH):
        _households(shared, staff, journeys[start : start + BATCH])


def _staff(shared: Shared, number: int, buddy_plans: list) -> ProgrammeStaff:
    rng = shared.rng
    programme = Programme.objects.create(
        name=f"Kansrijk Schaal {number:04d}",
        slug=f"{SLUG_PREFIX}{number:04d}",
        municipality="Groningen",
        started_on=shared.first_day,
        funders="Gemeente Groningen",
        yearly_participant_target=30,
    )
    shared.counts["people.Programme"] += 1
    first = (number - 1) * 3 % len(AREAS)
    specs = [AREAS[(first + i) % len(AREAS)] for i in range(rng.randint(2, 4))]
    specs = list({spec.name: spec for spec in specs}.values())
    areas = _bulk(
        shared,
        Area,
        [
            Area(
                programme=programme,
                name=spec.name,
                slug=slugify(spec.name),
                joined_on=shared.first_day,
                latitude=Decimal(str(spec.centre[0])),
                longitude=Decimal(str(spec.centre[1])),
            )
            for spec in specs
        ],
    )
    prefix = f"schaal{number:04d}"
    teams = shared.organisations
    coordinator = _user(shared, f"{prefix}.coordinator", "nl", teams["Gemeente Groningen"])
    backups = [
        _user(shared, f"{prefix}.backup.{i + 1}", "nl", teams[specs[i % len(specs)].wij_team])
        for i in range(max(1, math.ceil(len(buddy_plans) / BUDDIES_PER_BACKUP)))
    ]
    buddies = [
        _user(shared, f"{prefix}.buddy.{i + 1}", _background(rng)) for i in range(len(buddy_plans))
    ]
    _bulk(shared, User, [coordinator, *backups, *buddies])
    backup_of = {i: backups[i // BUDDIES_PER_BACKUP] for i in range(len(buddies))}
    roles = [
        ProgrammeRole(user=coordinator, programme=programme, role=Role.COORDINATOR),
        ProgrammeRole(user=shared.funder, programme=programme, role=Role.FUNDER),
        ProgrammeRole(user=shared.doorbraak, programme=programme, role=Role.DOORBRAAK),
        *(ProgrammeRole(user=b, programme=programme, role=Role.BACKUP) for b in backups),
    ]
    buddy_roles = [
        ProgrammeRole(
            user=buddy,
            programme=programme,
            role=Role.BUDDY,
            capacity=plan.capacity,
            default_backup=backup_of[i],
        )
        for i, (buddy, plan) in enumerate(zip(buddies, buddy_plans, strict=True))
    ]
    _bulk(shared, ProgrammeRole, roles + buddy_roles)
    profiles = _bulk(
        shared,
        BuddyProfile,
        [
            BuddyProfile(
                role=role,
                home_area=rng.choice(areas),
                languages=rng.choice(("nl", "nl", "nl", "nl, en", "nl, ar", "nl, tr")),
                gender=Gender.WOMAN if rng.random() < 0.8 else Gender.MAN,
                evening=rng.random() < 0.5,
                lived_experience=rng.choice(("debt", "single_parent", "migration", "")),
            )
            for role in buddy_roles
        ],
    )
    through = BuddyProfile.areas.through
    _bulk(
        shared,
        through,
        [through(buddyprofile_id=p.pk, area_id=a.pk) for p in profiles for a in areas],
    )
    _academy(shared, coordinator, buddies, buddy_plans)
    return ProgrammeStaff(
        programme=programme,
        areas=list(zip(areas, specs, strict=True)),
        coordinator=coordinator,
        buddies=buddies,
        backup_of=backup_of,
        outcome_types=outcome_types_seed(programme),
    )


@dataclass
class Row:
    """One planned journey and the rows written for it."""

    journey: PlannedJourney
    household: Household
    spec: AreaSpec
    background: str
    trajectory: Trajectory | None = None
    goals: list[Goal] = field(default_factory=list)


def _households(shared: Shared, staff: ProgrammeStaff, journeys: list[PlannedJourney]) -> None:
    rng = shared.rng
    rows = []
    for journey in journeys:
        area, spec = rng.choice(staff.areas)
        background = _background(rng)
        rows.append(
            Row(journey, _household(shared, staff, area, spec, background), spec, background)
        )
    _bulk(shared, Household, [row.household for row in rows])
    _bulk(shared, HouseholdMember, [m for row in rows for m in _members(shared, row)])
    for row in rows:
        row.trajectory = _trajectory(shared, staff, row)
    _bulk(shared, Trajectory, [row.trajectory for row in rows])
    coordinator = staff.coordinator
    _bulk(shared, PhaseChange, [c for row in rows for c in _phase_changes(row, coordinator)])
    _bulk(shared, Referral, [_referral(shared, row, coordinator) for row in rows])
    _bulk(
        shared,
        Intake,
        [_intake(shared, row, coordinator) for row in rows if row.journey.intake_started_on],
    )
    coached = [row for row in rows if row.journey.matched_on]
    _bulk(shared, Consent, [c for row in coached for c in _consents(shared, row, coordinator)])
    _assessments(shared, coached)
    _plans(shared, coached)
    _contacts(shared, coached)
    _escalations(shared, coached, coordinator)
    _networks(shared, coached)
    _outcomes(shared, staff, coached)
    _bulk(shared, AuditEntry, [e for row in rows for e in _audit(shared, row, coordinator)])


def _household(
    shared: Shared, staff: ProgrammeStaff, area: Area, spec: AreaSpec, background: str
) -> Household:
    rng = shared.rng
    first, last = _name(rng, background, woman=rng.random() < 0.8)
    number = next(shared.household_numbers)
    letters = "".join(rng.choices(POSTCODE_LETTERS, k=2))
    created = _at(shared.first_day)
    return Household(
        programme=staff.programme,
        area=area,
        display_name=f"{first} {last}",
        street_address=f"{rng.choice(spec.streets)} {rng.randint(1, 160)}",
        postcode=f"{spec.postcode_prefix} {letters}",
        # 06-1234 5xxx: numbers that are obviously made up, as in the demo.
        phone=f"06-1234 5{number % 1000:03d}",
        email=f"{ascii_name(first)}.{ascii_name(last)}@example.com" if rng.random() < 0.3 else "",
        languages=rng.choice(BACKGROUNDS[background].languages),
        created_at=created,
        updated_at=created,
    )


def _members(shared: Shared, row: Row) -> list[HouseholdMember]:
    rng = shared.rng
    household = row.household
    given, family = household.display_name.split(" ", 1)
    members = [
        HouseholdMember(
            household=household,
            relation=MemberRelation.PARTICIPANT,
            given_name=given,
            family_name=family,
            birth_year=row.journey.referred_on.year - rng.randint(19, 58),
        )
    ]
    if rng.random() < 0.3:
        partner, _ = _name(rng, row.background, woman=False)
        members.append(
            HouseholdMember(
                household=household,
                relation=MemberRelation.PARTNER,
                given_name=partner,
                family_name=family,
                birth_year=row.journey.referred_on.year - rng.randint(20, 60),
            )
        )
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
        members.append(
            HouseholdMember(
                household=household,
                relation=MemberRelation.CHILD,
                given_name=rng.choice(BACKGROUNDS[row.background].children),
                birth_year=row.journey.referred_on.year - rng.randint(0, 17),
            )
        )
    return members


def _trajectory(shared: Shared, staff: ProgrammeStaff, row: Row) -> Trajectory:
    journey = row.journey
    buddy = backup = None
    if journey.buddy_index is not None and journey.matched_on:
        buddy = staff.buddies[journey.buddy_index]
        backup = staff.backup_of[journey.buddy_index]
    created = _at(journey.referred_on, 9)
    return Trajectory(
        household=row.household,
        programme_id=row.household.programme_id,
        phase=journey.phase,
        buddy=buddy,
        backup=backup,
        referred_on=journey.referred_on,
        # Generated years start on the day both said yes, as they did before the year had
        # its own step.
        paired_on=journey.matched_on,
        matched_on=journey.matched_on,
        aftercare_started_on=journey.aftercare_on,
        ended_on=journey.ended_on,
        drop_out_reason=journey.drop_out_reason,
        created_at=created,
        updated_at=_at(journey.ended_on or journey.referred_on, 9),
    )


def _phase_changes(row: Row, by: User) -> list[PhaseChange]:
    return [
        PhaseChange(
            trajectory=row.trajectory, from_phase=from_phase, to_phase=to_phase, by=by, at=_at(on)
        )
        for from_phase, to_phase, on in row.journey.steps()
    ]


def _scenario(row: Row):
    return SCENARIOS[row.household.pk % len(SCENARIOS)]


def _referral(shared: Shared, row: Row, by: User) -> Referral:
    rng = shared.rng
    organisation = row.spec.wij_team if rng.random() < 0.55 else rng.choice(PARTNERS)
    scenario = _scenario(row)
    stamp = _at(row.journey.referred_on, 9)
    return Referral(
        trajectory=row.trajectory,
        organisation=shared.organisations[organisation],
        referrer_name="",
        reason=scenario.reason,
        consent_on=row.journey.referred_on,
        consent_method=rng.choice((ConsentMethod.PAPER, ConsentMethod.IN_PERSON)),
        recorded_by=by,
        created_at=stamp,
        updated_at=stamp,
    )


def _intake(shared: Shared, row: Row, by: User) -> Intake:
    rng = shared.rng
    journey = row.journey
    scenario = _scenario(row)
    finished = journey.intake_on is not None
    steps = [1, 2, 3] if finished else [1, 2][: rng.randint(0, 2)]
    stamp = _at(journey.intake_on or journey.intake_started_on, 11)
    return Intake(
        trajectory=row.trajectory,
        held_on=journey.intake_on,
        stress_now=scenario.stress_now if 1 in steps else "",
        stress_sources=",".join(rng.sample(list(StressSource.values[:-1]), 2)),
        wishes=scenario.wishes if 2 in steps else "",
        strengths=scenario.strengths if finished else "",
        availability_slots=rng.sample(list(VisitSlot.values), 2) if finished else [],
        steps_saved=steps,
        completed_at=stamp if finished else None,
        recorded_by=by,
        created_at=stamp,
        updated_at=stamp,
    )


def _consents(shared: Shared, row: Row, by: User) -> list[Consent]:
    """Most participants let their backup professional see the file; some Doorbraak too."""
    rng = shared.rng
    journey = row.journey
    consents = []
    if rng.random() < 0.85:
        consents.append(
            Consent(
                household=row.household,
                recipient=Recipient.BACKUP,
                basic=True,
                plan=True,
                assessments=True,
                sensitive=rng.random() < 0.3,
                starts_on=journey.matched_on,
                method=rng.choice(list(ConsentMethod.values[:3])),
                recorded_by=by,
                recorded_at=_at(journey.matched_on, 14),
            )
        )
    if rng.random() < 0.12:
        consents.append(
            Consent(
                household=row.household,
                recipient=Recipient.DOORBRAAK,
                basic=True,
                plan=True,
                starts_on=journey.matched_on,
                method=ConsentMethod.IN_PERSON,
                recorded_by=by,
                recorded_at=_at(journey.matched_on, 14),
            )
        )
    return consents


def _coached_days(shared: Shared, journey: PlannedJourney) -> tuple[dt.date, dt.date]:
    last = journey.ended_on - dt.timedelta(days=1) if journey.ended_on else shared.today
    return journey.matched_on, max(journey.matched_on, last)


def _assessments(shared: Shared, coached: list[Row]) -> None:
    rng = shared.rng
    assessments = []
    framework = shared.framework_domains[0][0].framework_id if shared.framework_domains else None
    for row in coached:
        start, last = _coached_days(shared, row.journey)
        planned = [
            (Moment.START, start + dt.timedelta(days=rng.randint(5, 20))),
            (
                Moment.HALFWAY,
                add_months(start, HALFWAY_MONTHS) + dt.timedelta(rng.randint(-10, 12)),
            ),
            (Moment.END, add_months(start, 12) + dt.timedelta(days=rng.randint(-20, 8))),
        ]
        # About one in twenty misses an assessment: the dashboard's "overdue" list.
        skip = rng.choice(list(Moment)[:3]) if rng.random() < 0.05 else None
        for moment, held_on in planned:
            if held_on > last or moment == skip:
                continue
            assessments.append(
                Assessment(
                    trajectory=row.trajectory,
                    framework_id=framework,
                    moment=moment,
                    held_on=held_on,
                    with_backup=rng.random() < 0.8,
                    note=rng.choice(ASSESSMENT_NOTES[moment]) if rng.random() < 0.2 else "",
                    recorded_by=row.trajectory.buddy,
                    recorded_at=_at(held_on, 20),
                )
            )
    _bulk(shared, Assessment, assessments)
    scores = []
    levels: dict[tuple[int, int], int] = {}
    for assessment in assessments:
        for domain, top in shared.framework_domains:
            key = (assessment.trajectory_id, domain.pk)
            level = levels.get(key)
            level = (
                rng.randint(1, min(3, top))
                if level is None
                else min(top, level + rng.choice((0, 0, 1)))
            )
            levels[key] = level
            scores.append(
                DomainScore(
                    assessment=assessment,
                    domain=domain,
                    level=level,
                    wanted_level=min(top, level + rng.randint(0, 2)),
                )
            )
    _bulk(shared, DomainScore, scores)


def _plans(shared: Shared, coached: list[Row]) -> None:
    rng = shared.rng
    domains = {d.code: d for d, _top in shared.framework_domains}
    goals = []
    for row in coached:
        start, last = _coached_days(shared, row.journey)
        ended = row.journey.ended_on is not None
        for recipe in rng.sample(GOAL_RECIPES, rng.randint(2, 4)):
            created = start + dt.timedelta(days=rng.randint(3, 30))
            if created > last:
                continue
            status = (
                rng.choices(list(GoalStatus), (1, 6, 1, 2))[0]
                if ended
                else rng.choices(list(GoalStatus), (6, 2, 1, 1))[0]
            )
            changed = min(last, created + dt.timedelta(days=rng.randint(20, 200)))
            goal = Goal(
                trajectory=row.trajectory,
                domain=domains[recipe.domain],
                text=recipe.text,
                written_by=WrittenBy.PARTICIPANT if rng.random() < 0.8 else WrittenBy.BUDDY,
                basic_calm=recipe.calm,
                target_on=created + dt.timedelta(days=rng.randint(30, 240)),
                status=status,
                status_reason=""
                if status in (GoalStatus.OPEN, GoalStatus.ACHIEVED)
                else "Past nu niet meer; we kiezen samen een kleinere stap.",
                status_changed_on=None if status == GoalStatus.OPEN else changed,
                created_by=row.trajectory.buddy,
                changed_by=row.trajectory.buddy,
                created_at=_at(created, 19),
                updated_at=_at(changed, 19),
            )
            goal.recipe = recipe
            goal.created_on = created
            row.goals.append(goal)
            goals.append(goal)
    _bulk(shared, Goal, goals)
    actions, notes = [], []
    for goal in goals:
        for who, what in goal.recipe.steps:
            due = goal.created_on + dt.timedelta(days=rng.randint(7, 90))
            done = goal.status == GoalStatus.ACHIEVED or (rng.random() < 0.5 and due < shared.today)
            is_org = who not in ActionBy.values
            actions.append(
                Action(
                    goal=goal,
                    who=ActionBy.ORGANISATION if is_org else who,
                    organisation_name=who if is_org else "",
                    what=what,
                    due_on=due,
                    done_on=min(due, shared.today) if done else None,
                    done_by=goal.created_by if done else None,
                    created_by=goal.created_by,
                    created_at=goal.created_at,
                    updated_at=goal.updated_at,
                )
            )
        if rng.random() < 0.5:
            notes.append(_note(goal, rng.choice(PROGRESS_NOTES), False, goal.created_on))
        if goal.status == GoalStatus.ACHIEVED:
            success = _note(goal, goal.recipe.success, True, goal.status_changed_on)
            success.celebrated_at = _at(goal.status_changed_on, 21)
            success.celebrated_by = goal.created_by
            notes.append(success)
    _bulk(shared, Action, actions)
    _bulk(shared, ProgressNote, notes)


def _note(goal: Goal, text: str, success: bool, on: dt.date) -> ProgressNote:
    return ProgressNote(
        goal=goal,
        text=text,
        is_success=success,
        by_participant=success,
        author=goal.created_by,
        written_on=on,
        created_at=_at(on, 20),
    )


def _contacts(shared: Shared, coached: list[Row]) -> None:
    """About three logged contacts a month (visits, app, phone), each a few lines at most."""
    rng = shared.rng
    contacts = []
    for row in coached:
        start, last = _coached_days(shared, row.journey)
        aftercare = row.journey.aftercare_on
        day = start + dt.timedelta(days=rng.randint(0, 7))
        while day <= last:
            kind = rng.choices(CONTACT_KINDS, CONTACT_WEIGHTS)[0]
            notes = AFTERCARE_NOTES if aftercare and day >= aftercare else CONTACT_NOTES
            contact = Contact(
                trajectory=row.trajectory,
                on=day,
                kind=kind,
                minutes=rng.choice((15, 30, 45, 60, 90)) if kind != ContactKind.APP else None,
                note=rng.choice(notes[kind]) if rng.random() < 0.3 else "",
                worried=rng.random() < 0.03,
                by=row.trajectory.buddy,
                recorded_at=_at(day, rng.randint(17, 21), rng.randint(0, 59)),
            )
            contact.goal = next((g for g in row.goals if g.created_on <= day), None)
            contacts.append(contact)
            day += dt.timedelta(
                days=rng.randint(5, 16) if not aftercare or day < aftercare else rng.randint(14, 35)
            )
    _bulk(shared, Contact, contacts)
    through = Contact.goals.through
    _bulk(
        shared,
        through,
        [
            through(contact_id=c.pk, goal_id=c.goal.pk)
            for c in contacts
            if c.goal is not None and rng.random() < 0.25
        ],
    )


def _escalations(shared: Shared, coached: list[Row], coordinator: User) -> None:
    """A signal for about one in six coached households; a Doorbraak case where consent is."""
    rng = shared.rng
    now = timezone.now()
    signals = []
    for row in coached:
        if rng.random() >= 0.16:
            continue
        start, last = _coached_days(shared, row.journey)
        raised_on = start + dt.timedelta(days=rng.randint(0, max(0, (last - start).days)))
        raised = _at(raised_on, 20)
        old = (shared.today - raised_on).days > 21
        trajectory = row.trajectory
        kind = rng.choices(list(SignalKind), (5, 4, 1))[0]
        status = SignalStatus.CLOSED if old else rng.choice(list(SignalStatus)[:3])
        picked = (
            raised + dt.timedelta(hours=rng.randint(1, 48)) if status != SignalStatus.OPEN else None
        )
        answered = (
            picked + dt.timedelta(hours=rng.randint(1, 72))
            if old or status == SignalStatus.ANSWERED
            else None
        )
        signals.append(
            Signal(
                trajectory=trajectory,
                kind=kind,
                description="Er ligt een brief van de deurwaarder; wat kunnen we doen?",
                status=status,
                raised_by=trajectory.buddy,
                raised_at=raised,
                picked_up_by=trajectory.backup if picked else None,
                picked_up_at=min(picked, now) if picked else None,
                responded_by=trajectory.backup if answered else None,
                responded_at=min(answered, now) if answered else None,
                response="Ik bel morgen met de schuldhulp." if answered else "",
                closed_by=trajectory.backup if old else None,
                closed_at=min(answered + dt.timedelta(days=2), now) if old else None,
                created_at=raised,
                updated_at=raised,
            )
        )
    _bulk(shared, Signal, signals)

    cases = []
    consenting = {
        c.household_id: c
        for c in Consent.objects.filter(
            household__in=[row.household for row in coached], recipient=Recipient.DOORBRAAK
        )
    }
    for row in coached:
        consent = consenting.get(row.household.pk)
        if consent is None or rng.random() >= 0.6:
            continue
        start, last = _coached_days(shared, row.journey)
        opened = start + dt.timedelta(days=rng.randint(0, max(0, (last - start).days)))
        solved = opened + dt.timedelta(days=rng.randint(3, 60))
        solved = solved if solved <= shared.today else None
        case = DoorbraakCase(
            trajectory=row.trajectory,
            barrier="Toeslag stopgezet door een fout in de administratie; huur kan niet betaald.",
            blocking_rule="Terugvordering blijft lopen tijdens bezwaar.",
            solution="Terugvordering opgeschort, bijzondere bijstand voor de huur."
            if solved
            else "",
            decided_by="Teamleider inkomen" if solved else "",
            costs=Decimal(rng.randint(0, 2500)) if solved else None,
            opened_on=opened,
            solved_on=solved,
            freed_domains=["home", "finances"] if solved else [],
            lesson="Bij bezwaar de terugvordering standaard pauzeren." if solved else "",
            opened_by=shared.doorbraak if rng.random() < 0.5 else coordinator,
            created_at=_at(opened, 11),
            updated_at=_at(solved or opened, 11),
        )
        cases.append(case)
    _bulk(shared, DoorbraakCase, cases)
    types, agencies = DoorbraakCase.barrier_types.through, DoorbraakCase.agencies.through
    if shared.barrier_tags:
        _bulk(
            shared,
            types,
            [
                types(doorbraakcase_id=c.pk, barriertag_id=rng.choice(shared.barrier_tags).pk)
                for c in cases
            ],
        )
    if shared.agency_tags:
        _bulk(
            shared,
            agencies,
            [
                agencies(doorbraakcase_id=c.pk, barriertag_id=tag.pk)
                for c in cases
                for tag in rng.sample(shared.agency_tags, min(2, len(shared.agency_tags)))
            ],
        )


COURSES = (
    ("basistraining-buddy", "Basistraining buddy", Decimal("12.0"), 1.0),
    ("doorbraak-workshop", "Doorbraak-workshop", Decimal("3.0"), 0.5),
)


def _academy(shared: Shared, by: User, buddies: list[User], plans: list) -> None:
    """Every buddy followed the basic training before their first household (the Buddy
    Academie, one session a quarter), half of them the Doorbraak workshop too."""
    rng = shared.rng
    courses = [
        (
            Course.objects.get_or_create(slug=slug, defaults={"name": name, "hours": hours})[0],
            share,
        )
        for slug, name, hours, share in COURSES
    ]
    sessions: dict[tuple[int, dt.date], AcademySession] = {}
    enrolments = []
    for buddy, plan in zip(buddies, plans, strict=True):
        for course, share in courses:
            if rng.random() >= share:
                continue
            before = plan.first_day - dt.timedelta(days=30)
            quarter = dt.date(before.year, 3 * ((before.month - 1) // 3) + 1, 1)
            session = sessions.get((course.pk, quarter))
            if session is None:
                session = sessions[(course.pk, quarter)] = AcademySession(
                    course=course,
                    on=quarter + dt.timedelta(days=14),
                    starts_at=dt.time(19, 0),
                    place="De Oude Bieb",
                    trainer="Team Buddy Academie",
                    capacity=200,
                    hours=course.hours,
                    created_by=by,
                )
            enrolments.append(
                Enrolment(
                    session=session,
                    user=buddy,
                    status=EnrolmentStatus.ENROLLED,
                    attended=True,
                    enrolled_at=_at(quarter, 12),
                )
            )
    _bulk(shared, AcademySession, list(sessions.values()))
    _bulk(shared, Enrolment, enrolments)


# What a household reached, weighed as in the Oost pilot: work and education most often.
OUTCOME_WEIGHTS = {
    OutcomeKind.HOUSING_FOUND: 2,
    OutcomeKind.EVICTION_PREVENTED: 2,
    OutcomeKind.PAID_WORK: 6,
    OutcomeKind.BUSINESS_STARTED: 1,
    OutcomeKind.EDUCATION_STARTED: 4,
    OutcomeKind.EDUCATION_COMPLETED: 2,
    OutcomeKind.VOLUNTEER_WORK: 3,
}


def _outcomes(shared: Shared, staff: ProgrammeStaff, coached: list[Row]) -> None:
    """At closure the checklist is gone through: most households reached one or two things."""
    rng = shared.rng
    types = {t.kind: t for t in staff.outcome_types if t.kind in OUTCOME_WEIGHTS}
    if not types:
        return
    kinds = [k for k in OUTCOME_WEIGHTS if k in types]
    weights = [OUTCOME_WEIGHTS[k] for k in kinds]
    checks, outcomes = [], []
    for row in coached:
        journey = row.journey
        closed = journey.ended_on is not None and not journey.drop_out_reason
        if not closed and rng.random() >= 0.1:
            continue
        start, last = _coached_days(shared, journey)
        reached = rng.sample(kinds, k=min(len(kinds), rng.choice((0, 1, 1, 2, 2, 3))))
        if closed:
            checks.append(
                ClosureCheck(
                    trajectory=row.trajectory,
                    checked_by=staff.coordinator,
                    checked_at=_at(journey.ended_on, 15),
                    nothing_reached=not reached,
                )
            )
        for kind in rng.choices(kinds, weights, k=len(reached)) if reached else []:
            on = start + dt.timedelta(days=rng.randint(0, (last - start).days))
            details = {
                "hours": rng.choice(list(Hours)) if kind == OutcomeKind.PAID_WORK else "",
                "welfare": rng.choice(list(Welfare))
                if kind in (OutcomeKind.PAID_WORK, OutcomeKind.BUSINESS_STARTED)
                else "",
                "sector": rng.choice(list(Sector)) if kind == OutcomeKind.BUSINESS_STARTED else "",
                "level": rng.choice((Level.MBO, Level.MBO, Level.MBO, Level.HBO))
                if "level" in REQUIRED.get(kind, ())
                else "",
                "diploma": kind == OutcomeKind.EDUCATION_COMPLETED,
            }
            outcomes.append(
                Outcome(
                    trajectory=row.trajectory,
                    outcome_type=types[kind],
                    reached_on=on,
                    at_closure=closed,
                    recorded_by=staff.coordinator if closed else row.trajectory.buddy,
                    created_at=_at(on, 16),
                    updated_at=_at(on, 16),
                    **details,
                )
            )
    _bulk(shared, ClosureCheck, checks)
    _bulk(shared, Outcome, outcomes)


TIES = (
    ("Moeder", TieKind.FAMILY, Flow.SUPPORT),
    ("Zus", TieKind.FAMILY, Flow.BOTH),
    ("Buurvrouw", TieKind.NEIGHBOURS, Flow.SUPPORT),
    ("Vriendin van school", TieKind.FRIENDS, Flow.SUPPORT),
    ("Juf van de oudste", TieKind.SCHOOL, Flow.SUPPORT),
)


def _networks(shared: Shared, coached: list[Row]) -> None:
    rng = shared.rng
    maps = []
    for row in coached:
        if rng.random() >= 0.25:
            continue
        start, last = _coached_days(shared, row.journey)
        drawn = min(last, start + dt.timedelta(days=rng.randint(14, 45)))
        maps.append(
            NetworkMap(
                trajectory=row.trajectory,
                moment=MapMoment.START,
                drawn_on=drawn,
                created_by=row.trajectory.buddy,
                created_at=_at(drawn, 19),
                updated_at=_at(drawn, 19),
            )
        )
    _bulk(shared, NetworkMap, maps)
    _bulk(
        shared,
        Tie,
        [
            Tie(
                network_map=m,
                name=name,
                kind=kind,
                flow=flow,
                strength=rng.choice(list(Strength)),
                created_at=m.created_at,
            )
            for m in maps
            for name, kind, flow in rng.sample(TIES, rng.randint(2, 4))
        ],
    )


def _audit(shared: Shared, row: Row, coordinator: User) -> list[AuditEntry]:
    """A few reads of the file: by the coordinator at each step, and by the buddy."""
    entries = [
        AuditEntry(
            at=_at(on, 10, 5),
            actor=coordinator,
            actor_name=coordinator.username,
            role=Role.COORDINATOR,
            household=row.household,
            action=AuditAction.VIEW,
            detail="household page",
            purpose=Role.COORDINATOR,
            ip_address="127.0.0.1",
        )
        for _from, _to, on in row.journey.steps()
    ]
    buddy = row.trajectory.buddy
    if buddy is not None:
        start, last = _coached_days(shared, row.journey)
        for _ in range(shared.rng.randint(1, 4)):
            on = start + dt.timedelta(days=shared.rng.randint(0, (last - start).days))
            entries.append(
                AuditEntry(
                    at=_at(on, 19, 30),
                    actor=buddy,
                    actor_name=buddy.username,
                    role=Role.BUDDY,
                    household=row.household,
                    action=AuditAction.VIEW,
                    detail="household page",
                    purpose=Role.BUDDY,
                    ip_address="127.0.0.1",
                )
            )
    return entries


def progress_bar(stream) -> Progress:
    """A one-line progress bar on `stream` (stderr): done/total, rate, time left."""
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        elapsed = max(time.monotonic() - started, 1e-6)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0
        width = 30
        filled = int(width * done / total) if total else width
        stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} households "
            f"{rate:,.0f}/s, {elapsed:,.0f} s, about {left:,.0f} s left "
        )
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show
