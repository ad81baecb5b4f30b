"""Signals, a cover and Doorbraak cases for the demo, made with the product's own services.

In Kansrijk Oost: the demo backup professional has an urgent signal waiting, a question
picked up but not answered yet, and a signal passed on and closed; one of his colleagues is
away and another covers for her; two Doorbraak cases are solved with a lesson for policy
(one opened from a signal) and one is still open. The services stamp "now"; the moments they
set are moved back to when the step happened (as walks.py does).

Safe to run twice: once there is a signal or a case, nothing is added.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.services import consent_record
from kansrijk.core.dates import today
from kansrijk.escalation import case_services, services
from kansrijk.escalation.choices import SignalKind, TagKind
from kansrijk.escalation.models import BarrierTag, Cover, CrisisGuidance, DoorbraakCase, Signal
from kansrijk.escalation.selectors import tags_for
from kansrijk.frameworks.selectors import framework_for
from kansrijk.people.choices import Role
from kansrijk.people.models import Organisation, Programme, ProgrammeRole, User
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

from .loader import DEMO_BUDDY, DEMO_LOGINS
from .walks import at

PROGRAMME = "kansrijk-oost"
BACKUP = "backup"
DOORBRAAK = "ruud.kuipers"


def escalation_demo() -> int:
    """Add the demo's signals, cover and cases; answer how many signals and cases were made."""
    if Signal.objects.exists() or DoorbraakCase.objects.exists():
        return 0
    programme = Programme.objects.filter(slug=PROGRAMME).first()
    if programme is None:
        return 0
    coordinator = User.objects.get(username=DEMO_LOGINS[0].username)
    backup = User.objects.get(username=BACKUP)
    with transaction.atomic():
        coached = list(
            Trajectory.objects.filter(
                household__programme=programme,
                phase=Phase.ACTIVE,
                household__consents__recipient="backup",
            )
            .select_related("household", "buddy", "backup")
            .distinct()
            .order_by("matched_on", "pk")
        )
        # The demo buddy's household first: her signal shows on her household page.
        mine = sorted(
            (t for t in coached if t.backup_id == backup.pk),
            key=lambda t: t.buddy.username != DEMO_BUDDY,
        )[:3]
        others = [t for t in coached if t.backup_id not in (None, backup.pk)]
        made = _signals(mine, backup)
        made += _cover_and_its_signal(others, coordinator)
        rest = [t for t in coached if t not in mine and t not in others[:1]]
        made += _cases(programme, coordinator, rest[:3])
    return made


# Kansrijk West wrote its own crisis guidance; the other programmes show the shipped text.
WEST = "kansrijk-west"
WEST_GUIDANCE = (
    "Maak je je zorgen over de veiligheid, maar is er nu geen direct gevaar? Bel meteen je "
    "achterwacht. Neem je niet op, bel dan het WIJ-team Selwerd en zeg dat het om een buddy "
    "van Kansrijk West gaat. Blijf er niet alleen mee zitten."
)


def crisis_guidance_demo() -> bool:
    """Kansrijk West's own words for an urgent signal, written by its coordinator; once."""
    programme = Programme.objects.filter(slug=WEST).first()
    if programme is None or CrisisGuidance.objects.filter(programme=programme).exists():
        return False
    role = ProgrammeRole.objects.filter(programme=programme, role=Role.COORDINATOR).first()
    if role is None:
        return False
    services.crisis_guidance_save(
        programme=programme, by=role.user, text=WEST_GUIDANCE, crisis_line="", version=None
    )
    return True


def _backdate(signal: Signal, **moments: dt.datetime) -> None:
    Signal.objects.filter(pk=signal.pk).update(**moments)


def _signals(trajectories: list[Trajectory], backup: User) -> int:
    """On the demo backup's queue: urgent and waiting, picked up, and passed on and closed."""
    if len(trajectories) < 3:
        return 0
    now = today()
    question, urgent, passed = trajectories[:3]
    signal = services.signal_raise(
        trajectory=urgent,
        by=urgent.buddy,
        kind=SignalKind.URGENT,
        description=(
            "Haar ex-partner stond gisteravond voor de deur en werd boos. Ze is bang dat hij "
            "terugkomt. De kinderen waren erbij."
        ),
    )
    _backdate(signal, raised_at=timezone.now() - dt.timedelta(hours=2, minutes=40))

    signal = services.signal_raise(
        trajectory=question,
        by=question.buddy,
        kind=SignalKind.QUESTION,
        description=(
            "Er kwam een brief dat de bijzondere bijstand voor de wasmachine is afgewezen. "
            "Kan bezwaar zin hebben?"
        ),
    )
    signal = services.signal_pick_up(signal=signal, by=backup, version=signal.version)
    _backdate(
        signal,
        raised_at=at(now - dt.timedelta(days=2), 14, 5),
        picked_up_at=at(now - dt.timedelta(days=2), 16, 30),
    )

    library = Organisation.objects.filter(name="De Oude Bieb").first()
    signal = services.signal_raise(
        trajectory=passed,
        by=passed.buddy,
        kind=SignalKind.WORRY,
        description="Ze wil graag beter Nederlands leren, maar durft niet alleen naar een cursus.",
    )
    signal = services.signal_pass_on(
        signal=signal,
        by=backup,
        version=signal.version,
        organisation=library,
        organisation_name="" if library else "Taalcafé",
        note="Aangemeld bij het taalcafé op dinsdag; de eerste keer gaat de buddy mee.",
    )
    signal = services.signal_close(signal=signal, by=passed.buddy, version=signal.version)
    day = now - dt.timedelta(days=12)
    _backdate(
        signal,
        raised_at=at(day, 10, 15),
        picked_up_at=at(day, 13, 0),
        responded_at=at(day, 13, 0),
        closed_at=at(day + dt.timedelta(days=3), 9, 30),
    )
    return 3


def _cover_and_its_signal(trajectories: list[Trajectory], by: User) -> int:
    """A backup colleague is on holiday; another covers, and has her open worry in the queue."""
    away = next((t for t in trajectories if t.backup.username != BACKUP), None)
    if away is None:
        return 0
    colleague = (
        User.objects.filter(
            programme_roles__programme=away.household.programme,
            programme_roles__role="backup",
        )
        .exclude(pk__in=[away.backup_id])
        .exclude(username=BACKUP)
        .order_by("last_name")
        .first()
    )
    if colleague is None:
        return 0
    cover = services.cover_record(
        backup=away.backup,
        colleague=colleague,
        starts_on=today(),
        ends_on=today() + dt.timedelta(days=9),
        by=by,
    )
    Cover.objects.filter(pk=cover.pk).update(starts_on=today() - dt.timedelta(days=4))
    signal = services.signal_raise(
        trajectory=away,
        by=away.buddy,
        kind=SignalKind.WORRY,
        description="Hij slaapt slecht en zegt dat hij het niet meer overziet met de post.",
    )
    _backdate(signal, raised_at=at(today() - dt.timedelta(days=1), 19, 20))
    return 1


def _tag(kind: TagKind, name: str) -> BarrierTag:
    return BarrierTag.objects.get(kind=kind, name=name, programme__isnull=True)


def _cases(programme: Programme, coordinator: User, trajectories: list[Trajectory]) -> int:
    """Two solved Doorbraak cases with a lesson for policy, one from a signal; one open."""
    if len(trajectories) < 3:
        return 0
    tags_for(programme)
    now = today()
    for trajectory in trajectories:
        consent_record(
            household=trajectory.household,
            trajectory=trajectory,
            by=coordinator,
            recipient=Recipient.DOORBRAAK,
            parts={FilePart.BASIC, FilePart.PLAN},
            starts_on=trajectory.matched_on,
            ends_on=None,
            method=ConsentMethod.PAPER,
        )
    allowances, stuck_job, debts = trajectories
    doorbraak = User.objects.filter(username=DOORBRAAK).first() or coordinator

    signal = services.signal_raise(
        trajectory=allowances,
        by=allowances.buddy,
        kind=SignalKind.WORRY,
        description="De huurtoeslag is stopgezet en de huur van deze maand kan niet betaald worden.",
    )
    _backdate(signal, raised_at=at(now - dt.timedelta(days=40), 11, 0))
    case = case_services.case_open(
        trajectory=allowances,
        by=allowances.backup,
        barrier="De huurtoeslag is stopgezet omdat de ex-partner nog op het adres ingeschreven staat.",
        blocking_rule="Toeslag hangt af van de inschrijving in de BRP; uitschrijven duurt maanden.",
        barrier_types=[_tag(TagKind.BARRIER, "Allowances (toeslagen)")],
        agencies=[
            _tag(TagKind.AGENCY, "Tax office: allowances"),
            _tag(TagKind.AGENCY, "Municipality: income and social services"),
        ],
        opened_on=now - dt.timedelta(days=39),
        signal=signal,
        signal_version=signal.version,
    )
    _backdate(
        signal,
        picked_up_at=at(now - dt.timedelta(days=39), 9, 10),
        responded_at=at(now - dt.timedelta(days=39), 9, 10),
    )
    _solve(
        case,
        doorbraak,
        solution=(
            "De gemeente onderzocht het adres binnen een week en schreef de ex-partner uit. "
            "De huurtoeslag kwam terug met terugwerkende kracht; de woningcorporatie wachtte."
        ),
        decided_by="Teamleider Burgerzaken en de Doorbraak-regisseur",
        costs=None,
        solved_on=now - dt.timedelta(days=22),
        freed=["home", "finances"],
        lesson=(
            "Een adresonderzoek binnen een week als een toeslag ervan afhangt, voorkomt "
            "huurachterstand. Spreek dit vast af met Burgerzaken."
        ),
    )

    case = case_services.case_open(
        trajectory=stuck_job,
        by=coordinator,
        barrier=(
            "Ze kan een baan krijgen in de thuiszorg, maar dan stopt de bijstand meteen en komt "
            "het eerste loon pas na zes weken."
        ),
        blocking_rule="Bijstand stopt bij werkaanvaarding; geen overbrugging voor het eerste loon.",
        barrier_types=[
            _tag(TagKind.BARRIER, "Income and benefits"),
            _tag(TagKind.BARRIER, "Work and reintegration"),
        ],
        agencies=[_tag(TagKind.AGENCY, "Municipality: income and social services")],
        opened_on=now - dt.timedelta(days=75),
    )
    _solve(
        case,
        doorbraak,
        solution="Een renteloos voorschot op het eerste loon, terug te betalen in zes maanden.",
        decided_by="Manager Werk en Inkomen",
        costs=Decimal("1150.00"),
        solved_on=now - dt.timedelta(days=61),
        freed=["work", "finances", "wellbeing"],
        lesson=(
            "Wie aan het werk gaat, valt tussen bijstand en eerste loon. Een vaste "
            "overbruggingsregeling maakt werken lonend."
        ),
    )

    case_services.case_open(
        trajectory=debts,
        by=debts.backup,
        barrier="De deurwaarder legt beslag op het loon, onder de beslagvrije voet.",
        blocking_rule="Twee schuldeisers leggen tegelijk beslag; niemand rekent de voet goed uit.",
        barrier_types=[_tag(TagKind.BARRIER, "Debts and collection")],
        agencies=[
            _tag(TagKind.AGENCY, "Bailiff or debt collector"),
            _tag(TagKind.AGENCY, "Municipality: debt help (Kredietbank)"),
        ],
        opened_on=now - dt.timedelta(days=6),
    )
    return 4


def _solve(case, by, *, solution, decided_by, costs, solved_on, freed, lesson) -> None:
    programme = case.trajectory.household.programme
    codes = {domain.code for domain in framework_for(programme).domains.all()}
    case_services.case_update(
        case=case,
        by=by,
        version=case.version,
        barrier=case.barrier,
        blocking_rule=case.blocking_rule,
        barrier_types=list(case.barrier_types.all()),
        agencies=list(case.agencies.all()),
        solution=solution,
        decided_by=decided_by,
        costs=costs,
        opened_on=case.opened_on,
        solved_on=solved_on,
        freed_domains=[code for code in freed if code in codes],
        lesson=lesson,
    )
