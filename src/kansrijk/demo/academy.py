"""The Buddy Academie, the selection and the Buddy Buildings of the demo. Everyone is invented.

- Five courses; every programme asks for the introduction and the coaching method, and for a
  valid certificate of conduct (VOG), before a buddy is matched. Every demo buddy has a buddy
  file with a valid VOG (one ends within two months, so the coordinator's reminder shows) and
  attended both courses, so the demo buddies stay matchable.
- Sessions held in the past year, with the demo buddies and external trainees of the income
  service and the work coaches; coming sessions, one of them full with a waiting list.
- In Kansrijk Oost and West: a candidate in every stage of the selection, and one not selected.
- Two Buddy Buildings held and one coming ("Doorbraaknetwerk") for all programmes.
- A few check-ins, one heavy; one buddy of Kansrijk Oost is ill and on a break.
"""

import datetime as dt
import random
from decimal import Decimal

from kansrijk.academy import services
from kansrijk.academy.choices import Answer, EnrolmentStatus, Stage
from kansrijk.academy.models import (
    AcademySettings,
    Candidate,
    CheckIn,
    Course,
    Enrolment,
    Invitation,
    Meeting,
    Pause,
    Session,
)
from kansrijk.core.dates import add_months, today
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, ProgrammeRole, User

SEED = 909
DEMO_BUDDY = "buddy"  # the demo buddy's username (see loader.DEMO_BUDDY)

COURSES = [
    (
        "introductie",
        "Introductie: buddy zijn",
        Decimal("3"),
        "Wat wil jij? De aanpak, het jaar en de nazorg, jouw rol en je achterwacht.",
    ),
    (
        "coachen",
        "De coachingsmethode",
        Decimal("6"),
        "Eerst rust aan de basis, dan kleine haalbare doelen op de vijf leefgebieden.",
    ),
    (
        "doorbraak",
        "Workshop Doorbraak",
        Decimal("3"),
        "Als regels de weg blokkeren: zo gaat een casus naar het Doorbraaknetwerk.",
    ),
    (
        "geld-en-schulden",
        "Geld en schulden",
        Decimal("4"),
        "Samen post lezen, een schuldenpauze, de Kredietbank en toeslagen.",
    ),
    (
        "cultuursensitief",
        "Cultuursensitief werken",
        Decimal("3"),
        "In Selwerd wonen zo'n 80 nationaliteiten: luisteren over talen en gewoonten heen.",
    ),
]
REQUIRED = ("introductie", "coachen")
TRAINERS = ["Mirjam de Boer", "Sander Wolters", "Joyce Bosman", "Fatma Yilmaz"]
PLACES = ["De Oude Bieb, Beijum", "Wijkcentrum Selwerd", "Stadhuis, Groningen"]
EXTERNALS = [
    ("Inge Hofstra", "Inkomensdienstverlening"),
    ("Marco Veenstra", "Inkomensdienstverlening"),
    ("Sanne Dijkema", "Coaches Werk en Participatie"),
    ("Rik Oosterhof", "Coaches Werk en Participatie"),
]
# Per programme with candidates: (first name, last name, stage), every stage once.
CANDIDATES = {
    "kansrijk-oost": [
        ("Yvonne", "Bakker", Stage.APPLIED),
        ("Hamid", "Rahimi", Stage.INTERVIEW),
        ("Gerda", "Huizinga", Stage.VOG),
        ("Lotte", "Zijlstra", Stage.REFERENCES),
        ("Samira", "Ouali", Stage.AGREEMENT),
        ("Joost", "Mulder", Stage.TRAINING),
        ("Petra", "Wiersma", Stage.REJECTED),
    ],
    "kansrijk-west": [
        ("Ayaan", "Warsame", Stage.APPLIED),
        ("Ellen", "Kok", Stage.INTERVIEW),
        ("Tineke", "Boersma", Stage.VOG),
        ("Dennis", "Hoekstra", Stage.TRAINING),
    ],
}
MEETINGS = [
    (-150, "Samen sterk: een jaar Kansrijk", Answer.YES),
    (-60, "Geldzorgen bespreekbaar maken", Answer.YES),
    (21, "Doorbraaknetwerk", Answer.UNANSWERED),
]


def load_demo_academy() -> None:
    """Add the demo's Academie, selection and Buddy Buildings. Safe to run twice."""
    if Course.objects.exists():
        return
    rng = random.Random(SEED)
    on = today()
    courses = {
        slug: Course.objects.create(
            slug=slug, name=name, hours=hours, description=description, order=i
        )
        for i, (slug, name, hours, description) in enumerate(COURSES)
    }
    coordinators = {
        r.programme.slug: r.user
        for r in ProgrammeRole.objects.filter(role=Role.COORDINATOR).select_related(
            "programme", "user"
        )
    }
    planner = next(iter(coordinators.values()))
    for programme in Programme.objects.all():
        found = AcademySettings.objects.create(programme=programme, requires_vog=True)
        found.required_courses.set([courses[slug] for slug in REQUIRED])
    buddies = list(
        ProgrammeRole.objects.filter(role=Role.BUDDY, active=True)
        .select_related("user", "programme")
        .order_by("programme__name", "user__first_name", "pk")
    )
    _buddy_files(rng, on, buddies, coordinators)
    _past_sessions(rng, on, courses, buddies, planner)
    _candidates(rng, on, coordinators)
    _coming_sessions(rng, on, courses, buddies, planner)
    _meetings(rng, on, coordinators)
    _support(rng, on, buddies, coordinators)


def _buddy_files(rng, on, buddies, coordinators) -> None:
    """Each demo buddy's file: selected months ago, a valid VOG (one ends within two months)."""
    for index, role in enumerate(buddies):
        user = role.user
        received = on - dt.timedelta(days=rng.randint(120, 900))
        if index == 1:
            received = add_months(on, -35)  # valid for three years: ends next month
        Candidate.objects.create(
            programme=role.programme,
            stage=Stage.ACTIVE,
            given_name=user.first_name,
            family_name=user.last_name,
            email=user.email,
            languages="Nederlands",
            decision_reason="Ervaring in het sociaal domein en kent geldzorgen van dichtbij.",
            decided_on=received - dt.timedelta(days=30),
            vog_requested_on=received - dt.timedelta(days=21),
            vog_received_on=received,
            vog_expires_on=add_months(received, 36),
            reference_checked_on=received,
            reference_note="Betrouwbaar en warm.",
            agreement_signed_on=received,
            activated_on=received + dt.timedelta(days=30),
            user=user,
            created_by=coordinators[role.programme.slug],
        )


def _session(course, on, rng, planner, capacity=16) -> Session:
    return Session.objects.create(
        course=course,
        on=on,
        starts_at=dt.time(rng.choice([10, 13, 19]), 0),
        place=rng.choice(PLACES),
        trainer=rng.choice(TRAINERS),
        capacity=capacity,
        hours=course.hours,
        created_by=planner,
    )


def _past_sessions(rng, on, courses, buddies, planner) -> None:
    """Every buddy attended the required courses; many followed one or two more."""
    held: dict[str, list[Session]] = {slug: [] for slug in courses}
    for slug, course in courses.items():
        for months_ago in (10, 6, 2):
            day = add_months(on, -months_ago) + dt.timedelta(days=rng.randint(0, 20))
            held[slug].append(_session(course, day, rng, planner, capacity=40))
    rows = []
    for role in buddies:
        taken = list(REQUIRED) + rng.sample(
            ["doorbraak", "geld-en-schulden", "cultuursensitief"], 2
        )
        for slug in taken[: 2 + rng.randint(0, 2)]:
            session = rng.choice(held[slug])
            rows.append(
                Enrolment(
                    session=session, user=role.user, status=EnrolmentStatus.ENROLLED, attended=True
                )
            )
    for sessions in held.values():
        for session in sessions:
            for name, organisation in rng.sample(EXTERNALS, rng.randint(0, 2)):
                rows.append(
                    Enrolment(
                        session=session,
                        external_name=name,
                        external_organisation=organisation,
                        status=EnrolmentStatus.ENROLLED,
                        attended=rng.random() < 0.9,
                    )
                )
    Enrolment.objects.bulk_create(rows)


def _coming_sessions(rng, on, courses, buddies, planner) -> None:
    """Next weeks' sessions; the Doorbraak workshop is full and has a waiting list."""
    doorbraak = _session(courses["doorbraak"], on + dt.timedelta(days=9), rng, planner, capacity=4)
    money = _session(courses["geld-en-schulden"], on + dt.timedelta(days=16), rng, planner)
    culture = _session(courses["cultuursensitief"], on + dt.timedelta(days=30), rng, planner)
    intro = _session(courses["introductie"], on + dt.timedelta(days=12), rng, planner)
    others = [r.user for r in buddies if r.user.username != DEMO_BUDDY]
    for user in rng.sample(others, 6):
        services.enrol(session=doorbraak, by=user, user=user)
    services.enrol(
        session=money,
        by=planner,
        external_name="Inge Hofstra",
        external_organisation="Inkomensdienstverlening",
    )
    for user in rng.sample(others, 3):
        services.enrol(session=money, by=user, user=user)
    demo_buddy = next((r.user for r in buddies if r.user.username == DEMO_BUDDY), None)
    if demo_buddy is not None:
        services.enrol(session=culture, by=demo_buddy, user=demo_buddy)
    for candidate in Candidate.objects.filter(stage=Stage.TRAINING, user__isnull=False):
        services.enrol(session=intro, by=planner, user=candidate.user)


def _candidates(rng, on, coordinators) -> None:
    """A candidate in every stage, walked through with the product's own services."""
    for slug, people in CANDIDATES.items():
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            continue
        by = coordinators[slug]
        areas = list(programme.areas.all())
        for first, last, stage in people:
            candidate = services.candidate_apply(
                programme=programme,
                by=by,
                areas=rng.sample(areas, min(2, len(areas))),
                given_name=first,
                family_name=last,
                email=f"{first}.{last}@example.org".lower(),
                motivation="Ik weet hoe het is als het geld op is. Ik wil iemand anders op weg helpen.",
                social_experience="Vrijwilliger bij de voedselbank en taalmaatje.",
                lived_experience="Jaren met schulden geleefd na een scheiding.",
                languages=rng.choice(["Nederlands", "Nederlands, Arabisch", "Nederlands, Engels"]),
                availability="Doordeweeks overdag, soms 's avonds.",
            )
            _walk(candidate, stage, by, on)


def _walk(candidate: Candidate, stage: Stage, by: User, on: dt.date) -> None:
    if stage == Stage.APPLIED:
        return
    c = services.interview_record(
        candidate=candidate,
        by=by,
        held_on=on - dt.timedelta(days=20),
        notes="Rustig, luistert goed, eerlijk over eigen ervaringen.",
        version=None,
    )
    if stage == Stage.REJECTED:
        services.candidate_reject(
            candidate=c,
            by=by,
            reason="Heeft nu te weinig tijd voor een wekelijks bezoek.",
            message=services.rejection_text(c, by),
            version=None,
        )
        return
    if stage == Stage.INTERVIEW:
        return
    c = services.candidate_accept(
        candidate=c, by=by, reason="Kent de wijk en de zorgen van dichtbij.", version=None
    )
    c = services.vog_request(
        candidate=c, by=by, requested_on=on - dt.timedelta(days=14), version=None
    )
    if stage == Stage.VOG:
        return
    c = services.vog_receive(
        candidate=c, by=by, received_on=on - dt.timedelta(days=7), expires_on=None, version=None
    )
    if stage == Stage.REFERENCES:
        return
    c = services.reference_check(
        candidate=c,
        by=by,
        checked_on=on - dt.timedelta(days=5),
        note="Twee referenties: betrouwbaar en warm.",
        version=None,
    )
    if stage == Stage.AGREEMENT:
        return
    services.agreement_sign(candidate=c, by=by, signed_on=on - dt.timedelta(days=2), version=None)


def _meetings(rng, on, coordinators) -> None:
    """Two Buddy Buildings held (with who came) and the coming one about Doorbraak."""
    by = next(iter(coordinators.values()))
    for days, theme, _answer in MEETINGS:
        meeting = Meeting.objects.create(
            on=on + dt.timedelta(days=days),
            starts_at=dt.time(19, 0),
            place="De Oude Bieb, Beijum",
            theme=theme,
            created_by=by,
        )
        meeting.programmes.set(Programme.objects.all())
        users = (
            ProgrammeRole.objects.filter(role=Role.BUDDY, active=True)
            .values_list("user_id", flat=True)
            .distinct()
        )
        invitations = []
        for user_id in sorted(set(users)):
            if days < 0:
                came = rng.random() < 0.75
                invitations.append(
                    Invitation(
                        meeting=meeting,
                        user_id=user_id,
                        answer=Answer.YES if came or rng.random() < 0.3 else Answer.NO,
                        attended=came,
                    )
                )
            else:
                answer = rng.choice([Answer.YES, Answer.YES, Answer.NO, Answer.UNANSWERED])
                invitations.append(Invitation(meeting=meeting, user_id=user_id, answer=answer))
        Invitation.objects.bulk_create(invitations)
    # The demo buddy still has to answer the coming one: the buttons show on her page.
    Invitation.objects.filter(user__username=DEMO_BUDDY, meeting__on__gt=on).update(answer="")


def _support(rng, on, buddies, coordinators) -> None:
    """Check-ins of some buddies (one finds it heavy) and one buddy ill, on a break."""
    rows = []
    for role in buddies[::3]:
        for weeks in (10, 5, 1):
            rows.append(
                CheckIn(
                    user=role.user,
                    on=on - dt.timedelta(weeks=weeks, days=rng.randint(0, 3)),
                    load=rng.randint(1, 3),
                    wellbeing=rng.randint(3, 5),
                    note="Gaat goed; kleine stapjes gezet.",
                    recorded_by=role.user,
                )
            )
    heavy = next(
        r for r in buddies if r.programme.slug == "kansrijk-oost" and r.user.username != DEMO_BUDDY
    )
    rows.append(
        CheckIn(
            user=heavy.user,
            on=on - dt.timedelta(days=2),
            load=5,
            wellbeing=2,
            note="Het huishouden heeft veel crises tegelijk; ik slaap er slecht van.",
            recorded_by=heavy.user,
        )
    )
    CheckIn.objects.bulk_create(rows)
    ill = [
        r for r in buddies if r.programme.slug == "kansrijk-oost" and r.user.username != DEMO_BUDDY
    ][-2]
    Pause.objects.create(
        user=ill.user,
        starts_on=on - dt.timedelta(days=5),
        ends_on=on + dt.timedelta(days=25),
        reason="illness",
        recorded_by=coordinators["kansrijk-oost"],
    )
