"""Load the demo: four Kansrijk programmes in Groningen, with households in every phase.

Everything is fictional (see cast.py and texts.py). A fixed seed makes the demo the same on every machine;
its dates count back from today, so it always looks like a programme in full swing.
"""

import datetime as dt
import itertools
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count
from django.utils.text import slugify

from kansrijk.academy.choices import PauseReason
from kansrijk.academy.models import Pause
from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.services import consent_record, participant_account_create
from kansrijk.core.dates import today
from kansrijk.matching.choices import Gender
from kansrijk.matching.models import BuddyProfile
from kansrijk.matching.scoring import LIVED_EXPERIENCE
from kansrijk.people.choices import Role
from kansrijk.people.models import Area, Organisation, Programme, ProgrammeRole, User
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

from .academy import load_demo_academy
from .appointments import plan_demo_appointments
from .cast import DOORBRAAK, FUNDER, ORGANISATIONS, PROGRAMMES, AreaSpec, ProgrammeSpec, Staff
from .evaluations import record_demo_evaluations
from .followups import record_demo_follow_ups
from .frameworks import choose_demo_framework
from .journeys import (
    Journey,
    assign_buddies,
    demo_buddy_journeys,
    mark_attention,
    pilot_journeys,
    plan_journeys,
)
from .outcomes import record_demo_outcomes
from .profiles import ascii_name, fill_kinds, make_profile
from .referrals import load_demo_referrals
from .reports import load_demo_cost_benefit
from .walks import Backdating, JourneyContext, walk_journey
from .wishes import write_down_wishes

DEMO_PASSWORD = "kansrijk-demo"
SEED = 2026
DEMO_BUDDY = "buddy"
DEMO_PARTICIPANT = "deelnemer"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    sees: str


DEMO_LOGINS = (
    DemoLogin(
        "coordinator",
        "coordinator, Kansrijk Oost",
        "the Oost dashboard, buddy selection and the Academie, the 2019 pilot's results",
    ),
    DemoLogin(
        "coordinator.west",
        "coordinator, Kansrijk West",
        "the West dashboard: Selwerd, Paddepoel, Tuinwijk and Vinkhuizen",
    ),
    DemoLogin(
        DEMO_BUDDY,
        "buddy, Kansrijk Oost",
        "her two households: one nearly halfway through its year, one in aftercare",
    ),
    DemoLogin(
        "backup",
        "backup professional, WIJ Beijum",
        "the households of the five Oost buddies he backs up",
    ),
    DemoLogin(
        "funder",
        "funder, all four programmes",
        "reports, results and cost-benefit per programme, small counts hidden, no names",
    ),
    DemoLogin(
        "verwijzer",
        "referrer, WIJ Beijum",
        "her referrals to Kansrijk Oost: waiting, declined with a reason, and further along",
    ),
    DemoLogin(
        "ruud.kuipers",
        "Doorbraak professional, Gemeente Groningen",
        "the Doorbraak cases of households that let Doorbraak see them, the learning register",
    ),
    DemoLogin(
        DEMO_PARTICIPANT,
        "participant, Kansrijk Oost",
        "her own year and plan, who may see her file, and who looked at it",
    ),
)


def demo_is_loaded() -> bool:
    return User.objects.filter(username=DEMO_LOGINS[0].username).exists()


def clashing_programmes() -> list[str]:
    """Programmes of the demo's names that exist already, which the demo must not touch."""
    names = [spec.name for spec in PROGRAMMES]
    slugs = [spec.slug for spec in PROGRAMMES]
    clashes = Programme.objects.filter(name__in=names) | Programme.objects.filter(slug__in=slugs)
    return list(clashes.values_list("name", flat=True))


def logins_table() -> str:
    rows = [("username", "password", "role", "what they see")]
    rows += [(login.username, DEMO_PASSWORD, login.role, login.sees) for login in DEMO_LOGINS]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append(
        f"Every other demo user (firstname.lastname) has the password {DEMO_PASSWORD} too."
    )
    return "\n".join(lines)


def phase_summary() -> list[tuple[str, dict[str, int]]]:
    """Trajectories per phase for each programme: what the demo loaded."""
    counts = (
        Trajectory.objects.order_by()
        .values_list("household__programme__name", "phase")
        .annotate(n=Count("pk"))
    )
    summary: dict[str, dict[str, int]] = {}
    for programme, phase, n in counts:
        summary.setdefault(programme, dict.fromkeys(Phase.values, 0))[phase] = n
    return sorted(summary.items())


@dataclass
class Shared:
    """What all programmes of the demo share while loading."""

    rng: random.Random
    today: dt.date
    password: str
    organisations: dict[str, Organisation]
    funder: User
    doorbraak: User
    backdating: Backdating
    taken_names: set[str]
    household_numbers: itertools.count


@transaction.atomic
def load_demo() -> None:
    """Create the organisations, programmes, people and households of the demo."""
    # One hash for everyone: hashing with argon2 per user would take seconds for nothing.
    password = make_password(DEMO_PASSWORD)
    organisations = _create_organisations()
    shared = Shared(
        rng=random.Random(SEED),
        today=today(),
        password=password,
        organisations=organisations,
        funder=_create_user(FUNDER, password, organisations),
        doorbraak=_create_user(DOORBRAAK, password, organisations),
        backdating=Backdating(),
        taken_names=set(),
        household_numbers=itertools.count(),
    )
    for spec in PROGRAMMES:
        _load_programme(shared, spec)
    shared.backdating.save()
    _open_the_portal_for_the_demo_buddys_participant(password)
    plan_demo_appointments()
    load_demo_academy()
    record_demo_outcomes()
    record_demo_evaluations()
    record_demo_follow_ups()
    load_demo_cost_benefit()
    load_demo_referrals(password)


def _open_the_portal_for_the_demo_buddys_participant(password: str) -> None:
    """The demo buddy's active household gets a portal login, so the portal can be seen."""
    trajectory = Trajectory.objects.select_related("household").get(
        buddy__username=DEMO_BUDDY, phase=Phase.ACTIVE
    )
    coordinator = User.objects.get(username=DEMO_LOGINS[0].username)
    user = participant_account_create(
        household=trajectory.household,
        trajectory=trajectory,
        by=coordinator,
        email=f"{DEMO_PARTICIPANT}@example.org",
    )
    user.username = DEMO_PARTICIPANT
    user.password = password
    user.save(update_fields=["username", "password"])
    # She lets her backup professional in, so her page shows a consent she can stop.
    if not trajectory.household.consents.filter(recipient=Recipient.BACKUP).exists():
        consent_record(
            household=trajectory.household,
            trajectory=trajectory,
            by=coordinator,
            recipient=Recipient.BACKUP,
            parts={FilePart.BASIC, FilePart.ASSESSMENTS},
            starts_on=trajectory.paired_on or trajectory.referred_on,
            ends_on=None,
            method=ConsentMethod.IN_PERSON,
        )


def _load_programme(shared: Shared, spec: ProgrammeSpec) -> None:
    rng = shared.rng
    programme, areas = _create_programme(spec)
    _grant(shared.funder, programme, Role.FUNDER)
    _grant(shared.doorbraak, programme, Role.DOORBRAAK)
    coordinator = _create_user(spec.coordinator, shared.password, shared.organisations)
    _grant(coordinator, programme, Role.COORDINATOR)
    choose_demo_framework(programme, coordinator)
    buddy_roles = _create_buddies(spec, programme, shared.password, shared.organisations)
    _describe_buddies(rng, shared.today, buddy_roles, [area for area, _spec in areas])
    context = JourneyContext(rng, shared.today, coordinator, shared.backdating)
    for journey in _plan(rng, shared.today, spec, buddy_roles):
        area, area_spec = _pick_area(rng, areas, journey)
        referrer = shared.organisations[_pick_referrer(rng, spec, area_spec, journey)]
        background = rng.choices(list(spec.backgrounds), list(spec.backgrounds.values()))[0]
        profile = make_profile(
            rng,
            journey.kind,
            background,
            area_spec,
            number=next(shared.household_numbers),
            year=journey.referred_on.year,
            taken_names=shared.taken_names,
        )
        walk_journey(context, journey, profile, area, referrer)
    write_down_wishes(programme)


def _plan(
    rng: random.Random, on: dt.date, spec: ProgrammeSpec, buddy_roles: list[ProgrammeRole]
) -> list[Journey]:
    """Every journey of the programme, with buddies who had room and a few loose ends."""
    journeys = plan_journeys(rng, on, spec.phases, spec.history_from)
    mark_attention(rng, journeys, on, spec.quiet, spec.missing_start)
    if spec.has_pilot:
        demo_buddy = next(r.user for r in buddy_roles if r.user.username == DEMO_BUDDY)
        journeys = pilot_journeys(rng) + demo_buddy_journeys(rng, on, demo_buddy) + journeys
    fill_kinds(rng, journeys, list(spec.always_kinds))
    assign_buddies(rng, journeys, buddy_roles)
    # Ended journeys first: the pairing service counts who a buddy coaches *now*, so a past
    # household must be closed before today's households fill the buddy up.
    return sorted(journeys, key=lambda j: j.is_coached_now)


def _create_organisations() -> dict[str, Organisation]:
    # get_or_create: a real database may know the WIJ-teams or the municipality already.
    return {
        name: Organisation.objects.get_or_create(
            name=name, defaults={"slug": slugify(name), "kind": kind}
        )[0]
        for name, kind in ORGANISATIONS.items()
    }


def _create_programme(spec: ProgrammeSpec) -> tuple[Programme, list[tuple[Area, AreaSpec]]]:
    programme = Programme.objects.create(
        name=spec.name,
        slug=spec.slug,
        municipality="Groningen",
        started_on=spec.started_on,
        funders=spec.funders,
        yearly_participant_target=spec.target,
    )
    areas = [
        (
            Area.objects.create(
                programme=programme,
                name=a.name,
                slug=slugify(a.name),
                joined_on=a.joined_on,
                latitude=Decimal(str(a.centre[0])),
                longitude=Decimal(str(a.centre[1])),
            ),
            a,
        )
        for a in spec.areas
    ]
    return programme, areas


def _create_user(staff: Staff, password: str, organisations: dict[str, Organisation]) -> User:
    username = staff.username or f"{ascii_name(staff.first_name)}.{ascii_name(staff.last_name)}"
    return User.objects.create(
        username=username,
        first_name=staff.first_name,
        last_name=staff.last_name,
        email=f"{username}@example.org",
        organisation=organisations[staff.organisation] if staff.organisation else None,
        password=password,
    )


def _grant(user: User, programme: Programme, role: Role, **extra) -> ProgrammeRole:
    return ProgrammeRole.objects.create(user=user, programme=programme, role=role, **extra)


# Men among the demo's buddies and backups (the seeds: "mostly women"); everyone else is a woman.
_MEN = {"Bart", "Jeroen", "Mehmet", "Peter", "Ruud", "Thomas", "Wouter"}
_SECOND_LANGUAGES = ["", "", "", "ar", "tr", "en", "ti", "pl", "pap"]


def _describe_buddies(
    rng: random.Random, on: dt.date, roles: list[ProgrammeRole], areas: list[Area]
) -> None:
    """What matching knows of each buddy: where they reach, languages, evenings, own life."""
    for index, role in enumerate(roles):
        second = rng.choice(_SECOND_LANGUAGES)
        profile = BuddyProfile.objects.create(
            role=role,
            # Most buddies live in a neighbourhood of their programme; some just outside it.
            home_area=rng.choice(areas) if rng.random() < 0.8 else None,
            languages=", ".join(code for code in ("nl", second) if code),
            gender=Gender.MAN if role.user.first_name in _MEN else Gender.WOMAN,
            evening=rng.random() < 0.5,
            lived_experience=", ".join(rng.sample(sorted(LIVED_EXPERIENCE), rng.randint(1, 2))),
        )
        if index == len(roles) - 1:
            # One buddy per programme is on holiday, so the matcher's "not now" shows too.
            Pause.objects.create(
                user=role.user,
                starts_on=on,
                ends_on=on + dt.timedelta(days=14),
                reason=PauseReason.HOLIDAY,
                recorded_by=role.user,
            )
        reach = areas if rng.random() < 0.7 else rng.sample(areas, 1)
        profile.areas.set(reach)


def _create_buddies(
    spec: ProgrammeSpec,
    programme: Programme,
    password: str,
    organisations: dict[str, Organisation],
) -> list[ProgrammeRole]:
    """The backup professionals, then the buddies, each with a usual backup professional."""
    backups = [_create_user(staff, password, organisations) for staff in spec.backups]
    for backup in backups:
        _grant(backup, programme, Role.BACKUP)
    roles = []
    for index, staff in enumerate(spec.buddies):
        # Each backup professional backs up a run of buddies: `backup` gets the first five.
        usual_backup = backups[index * len(backups) // len(spec.buddies)]
        buddy = _create_user(staff, password, organisations)
        roles.append(
            _grant(
                buddy,
                programme,
                Role.BUDDY,
                capacity=staff.capacity,
                default_backup=usual_backup,
            )
        )
    return roles


def _pick_area(
    rng: random.Random, areas: list[tuple[Area, AreaSpec]], journey: Journey
) -> tuple[Area, AreaSpec]:
    """An area of the programme on the day of referral; the referring WIJ-team's own, if any."""
    open_then = [pair for pair in areas if pair[1].joined_on <= journey.referred_on]
    own_team = [pair for pair in open_then if pair[1].wij_team == journey.referrer]
    return rng.choice(own_team or open_then)


def _pick_referrer(
    rng: random.Random, spec: ProgrammeSpec, area: AreaSpec, journey: Journey
) -> str:
    # Most households come through the neighbourhood's WIJ-team; the rest through partners.
    if journey.referrer:
        return journey.referrer
    return area.wij_team if rng.random() < 0.55 else rng.choice(spec.partners)
