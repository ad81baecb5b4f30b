"""Reads that combine the journey's parts for the role pages and the household file.

Every function takes trajectories or households that the caller already got through `access`.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
)

from kansrijk.access import policy
from kansrijk.access.choices import ALL_PARTS
from kansrijk.access.parts import Sight
from kansrijk.access.selectors import consents_in_force
from kansrijk.assessments.selectors import (
    DueAssessment,
    YearSummary,
    assessments_with_scores,
    assessments_with_scores_from,
    assessments_with_scores_reads,
    due_assessments,
    overdue_condition,
    overdue_of,
    still_due_of,
    with_done_moments,
    year_summary,
)
from kansrijk.contacts.appointments import rules as appointment_rules
from kansrijk.contacts.appointments.selectors import upcoming_rows
from kansrijk.contacts.selectors import (
    RHYTHM_KINDS,
    is_quiet,
    last_contact_on,
    quiet_condition,
    quietest_first,
    recent_contacts,
)
from kansrijk.core.phases import WAITING_PHASES
from kansrijk.core.together import read_together
from kansrijk.documents.selectors import (
    Shelf,
    household_shelf_from,
    household_shelf_reads,
)
from kansrijk.escalation.selectors import (
    HouseholdEscalation,
    SignalCounts,
    household_escalation_from,
    household_escalation_reads,
    programme_signal_counts,
)
from kansrijk.intake.models import Intake, Referral
from kansrijk.intake.selectors import visiting_times
from kansrijk.intake.steps import household_answers
from kansrijk.outcomes.selectors import household_outcomes_reads
from kansrijk.people.choices import MemberRelation, Role
from kansrijk.people.models import Household, HouseholdMember, Programme, User
from kansrijk.plans.selectors import PlanSummary, plan_summary_from, plan_summary_rows
from kansrijk.trajectories import counts
from kansrijk.trajectories.choices import COACHING_PHASES, OPEN_PHASES, PAIRED_PHASES, Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.selectors import (
    ending_soon_condition,
    extensions_of,
    phase_counts,
    phase_history,
)
from kansrijk.transfers.models import Transfer
from kansrijk.transfers.selectors import handovers_among, transfers_of, waiting_among

# A dashboard list shows at most this many rows; the count above it tells the whole number.
ATTENTION_LIMIT = 20
# The file page names this many hand-overs; the timeline has them all.
HANDOVERS_SHOWN = 3


def visible_trajectories(user: User) -> QuerySet[Trajectory]:
    """Journeys of the households this user may open: a condition on plain ids (the request's
    viewer), no subquery of households."""
    return Trajectory.objects.filter(policy.visible_condition(user, "household"))


def programme_trajectories(user: User, programme: Programme) -> QuerySet[Trajectory]:
    """The trajectories of one programme's households this user may open.

    The trajectory's own programme narrows first, on its index: PostgreSQL otherwise read the
    open trajectories of every programme and hashed every assessment to find the overdue ones.
    """
    return Trajectory.objects.filter(
        programme=programme, household__in=policy.visible_in_programme(user, programme)
    )


@dataclass
class AttentionList:
    """One kind of "needs attention" with its rows (at most ATTENTION_LIMIT) and its count."""

    rows: list[Trajectory]
    count: int


@dataclass
class ProgrammeDashboard:
    programme: Programme
    phases: dict
    no_contact: AttentionList
    no_visit: AttentionList
    overdue_assessment: AttentionList
    ending_soon: AttentionList
    year_to_start: AttentionList
    waiting: AttentionList
    signals: SignalCounts | None = None
    # The version the programme's figures were read at, for caching the reach under it (the
    # coordinator's; None for anyone else, whose phases are counted from their own journeys).
    figures_version: str | None = None


def programme_dashboard(user: User, programme: Programme) -> ProgrammeDashboard:
    trajectories = programme_trajectories(user, programme)
    kept = _phases(user, programme, trajectories)
    return ProgrammeDashboard(
        programme=programme,
        phases=kept.phases,
        **attention_lists(trajectories),
        signals=programme_signal_counts(user, programme),
        figures_version=kept.version,
    )


def _phases(
    user: User, programme: Programme, trajectories: QuerySet[Trajectory]
) -> counts.KeptFigures:
    """The coordinator sees every journey of the programme that is not erased: exactly what the
    phase counts kept on write count (`trajectories.counts`), read from a few rows instead of
    counting the programme's journeys, with the figures' version. Anyone else sees fewer,
    counted from their own."""
    if policy.has_role(user, Role.COORDINATOR, programme):
        return counts.kept_figures(programme.pk)
    return counts.KeptFigures(phases=phase_counts(trajectories), version=None)


def _attention_kinds() -> dict[str, tuple[Q, tuple]]:
    """Each list of the dashboard: its condition on the trajectories annotated by
    `attention_lists` and its order. The conditions are those of the lists' own selectors."""
    no_contact = quiet_condition("last_contact_on", settings.CONTACT_ATTENTION_DAYS)
    return {
        "no_contact": (no_contact, quietest_first("last_contact_on")),
        # The gentle flag: a week without a visit or call. A household without any contact for
        # longer is listed there already, under the stronger flag, and not twice.
        "no_visit": (
            quiet_condition("last_visit_on", settings.VISIT_RHYTHM_DAYS) & ~no_contact,
            quietest_first("last_visit_on"),
        ),
        "overdue_assessment": (
            overdue_condition(lambda moment: Q(**{f"done_{moment}": False})),
            ("matched_on", "pk"),
        ),
        "ending_soon": (ending_soon_condition(), ("matched_on", "pk")),
        "year_to_start": (Q(phase=Phase.MATCHED), ("paired_on", "pk")),
        # Those with a buddy are listed above, with the step they wait for.
        "waiting": (Q(phase__in=WAITING_PHASES) & ~Q(phase=Phase.MATCHED), ("referred_on", "pk")),
    }


def attention_lists(trajectories: QuerySet[Trajectory]) -> dict[str, AttentionList]:
    """Every list of the dashboard in one query, whatever the programme's size (six before, one
    per list): each open journey of the programme with a flag per list (the lists' own
    conditions, asked by the database) and the values of each list's order, sorted into the
    lists here. It reads the open journeys of this one programme (a few hundred, a few thousand
    at most), each with only what a list shows, never the rest of a file."""
    kinds = _attention_kinds()
    journeys = list(_flagged(trajectories, kinds))
    return {name: _attention_list(journeys, name, len(order)) for name, (_, order) in kinds.items()}


# What a list shows of a journey (`_attention.html`, the reminders): a journey read for the
# dashboard leaves its notes and the rest of the file alone.
_LISTED_FIELDS = (
    "household__uuid",
    "household__display_name",
    "buddy__first_name",
    "buddy__last_name",
    "buddy__username",
    "phase",
    "referred_on",
    "paired_on",
    "matched_on",
    "active_year_extended_to",
    "aftercare_started_on",
    "aftercare_extended_to",
)


def _flagged(trajectories: QuerySet[Trajectory], kinds: dict) -> QuerySet[Trajectory]:
    """The open journeys with a flag per list, the values of each list's order, the last
    contact, the last visit or call and the assessments done (what the rows show)."""
    flags = {
        f"{name}_flag": ExpressionWrapper(condition, output_field=BooleanField())
        for name, (condition, _) in kinds.items()
    }
    order_keys = {
        f"{name}_order_{i}": F(term) if isinstance(term, str) else term
        for name, (_, order) in kinds.items()
        for i, term in enumerate(order)
    }
    return (
        with_done_moments(
            trajectories.filter(phase__in=OPEN_PHASES).annotate(
                last_contact_on=last_contact_on(), last_visit_on=last_contact_on(RHYTHM_KINDS)
            )
        )
        .annotate(**flags, **order_keys)
        .select_related("household", "buddy")
        .only(*_LISTED_FIELDS)
        .order_by()
    )


def _attention_list(journeys: list[Trajectory], name: str, terms: int) -> AttentionList:
    """The list's journeys in its order, the first ATTENTION_LIMIT of them, and their count."""
    listed = [journey for journey in journeys if getattr(journey, f"{name}_flag")]
    keys = [f"{name}_order_{i}" for i in range(terms)]
    listed.sort(key=lambda journey: tuple(_nulls_first(getattr(journey, k)) for k in keys))
    return AttentionList([_as_listed(row, name) for row in listed[:ATTENTION_LIMIT]], len(listed))


def _nulls_first(value) -> tuple:
    """Python cannot compare a date with None; a journey missing a date of its list's order
    (none does: each list's condition asks for it) would come first, as SQLite sorts it."""
    return (value is not None, value)


def _as_listed(row: Trajectory, name: str) -> Trajectory:
    """The assessment list says which assessments are overdue (one journey may stand in
    several lists: each list shows its own attribute of the one row)."""
    if name == "overdue_assessment":
        row.overdue = overdue_of(row)
    return row


def household_rows(user: User, programme: Programme, phase: str, area: str) -> QuerySet[Trajectory]:
    """The programme's households (one row per trajectory), for the paginated list.

    `phase` is one phase, "open" for every open phase, or anything else for all.
    """
    rows = (
        programme_trajectories(user, programme)
        .select_related("household", "household__area", "buddy")
        .order_by("household__display_name", "-referred_on")
    )
    if phase == "open":
        rows = rows.filter(phase__in=OPEN_PHASES)
    elif phase in Phase.values:
        rows = rows.filter(phase=phase)
    if area:
        rows = rows.filter(household__area__slug=area)
    return rows


@dataclass
class CoachedHousehold:
    """A household as its buddy or backup professional sees it on their home page.

    `due` holds the start, halfway and end assessments not held yet: all a home page and the
    reminders ask of the schedule is the next one and which are overdue or coming up.
    """

    trajectory: Trajectory
    due: list[DueAssessment]
    last_contact_on: dt.date | None = None
    last_visit_on: dt.date | None = None

    @property
    def contact_overdue(self) -> bool:
        """No contact for longer than the programme allows (from the start if none yet)."""
        return is_quiet(
            self.last_contact_on, self.trajectory.matched_on, settings.CONTACT_ATTENTION_DAYS
        )

    @property
    def visit_due(self) -> bool:
        """The gentle flag: a week without a visit or call, while the stronger one is quiet."""
        return not self.contact_overdue and is_quiet(
            self.last_visit_on, self.trajectory.matched_on, settings.VISIT_RHYTHM_DAYS
        )

    @property
    def next_due(self) -> DueAssessment | None:
        return next((d for d in self.due if d.done is None), None)


def _coached_rows(trajectories: QuerySet[Trajectory], phases) -> QuerySet[Trajectory]:
    rows = (
        trajectories.filter(phase__in=phases)
        .select_related("household", "household__area", "buddy", "backup")
        .annotate(last_contact_on=last_contact_on(), last_visit_on=last_contact_on(RHYTHM_KINDS))
        .order_by("buddy__first_name", "phase", "matched_on")
    )
    return with_done_moments(rows)


def _coached(trajectory: Trajectory) -> CoachedHousehold:
    return CoachedHousehold(
        trajectory,
        still_due_of(trajectory),
        trajectory.last_contact_on,
        trajectory.last_visit_on,
    )


def coached_households(trajectories: QuerySet[Trajectory]) -> list[CoachedHousehold]:
    """Coached trajectories with their last contact and assessment schedule, in one query."""
    return [_coached(t) for t in _coached_rows(trajectories, COACHING_PHASES)]


@dataclass
class BuddyHouseholds:
    """The buddy's home page: the households coached now (as `coached_households`), those whose
    year is still to start (as `year_to_start`), and the ids of all their trajectories."""

    coached: list[CoachedHousehold]
    to_start: list[Trajectory]
    ids: list[int]


def buddy_households(trajectories: QuerySet[Trajectory]) -> BuddyHouseholds:
    """All these trajectories in one query, so the access rules' condition is built once; the
    page's other lists then filter on the plain ids."""
    rows = list(_coached_rows(trajectories, Phase.values))
    to_start = sorted(
        (t for t in rows if t.phase == Phase.MATCHED),
        key=lambda t: (t.paired_on or dt.date.min, t.pk),
    )
    coached = [_coached(t) for t in rows if t.phase in COACHING_PHASES]
    return BuddyHouseholds(coached, to_start, [t.pk for t in rows])


@dataclass
class HouseholdFile:
    """Everything the household page shows, read in a fixed number of queries.

    What the template asks many times (`sight`, the journey's steps) is worked out once.
    """

    household: Household
    trajectory: Trajectory
    reason: policy.Reason
    members: list
    referral: Referral | None
    intake: Intake | None
    assessments: list
    due: list[DueAssessment]
    contacts: list
    history: list
    parts: frozenset = frozenset()
    appointments: list = field(default_factory=list)
    may_plan: bool = False
    consents: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    summary: YearSummary | None = None
    plan: PlanSummary | None = None
    escalation: HouseholdEscalation | None = None
    documents: Shelf | None = None
    # The extensions of the year or aftercare, read only when the trajectory was extended.
    extensions: list = field(default_factory=list)
    may_set_household_type: bool = False
    # Hand-overs from another programme or area (`transfers`), and one still waiting.
    transfers: list = field(default_factory=list)
    waiting_transfer: Transfer | None = None
    # The latest outcomes (`outcomes` shows a few), None for whom may not see them.
    outcomes: list | None = None

    @cached_property
    def household_type(self) -> list[tuple[str, str]]:
        """The household type and "working poor", as the intake recorded them."""
        return household_answers(self.household)

    @cached_property
    def sight(self) -> Sight:
        """What of the file the template may show, asked by content (`sight.contact_note`)."""
        return Sight(self.parts)

    @cached_property
    def visiting_times(self) -> str:
        """When a buddy can visit, as the intake heard it (read only with the intake's wishes)."""
        return visiting_times(self.intake) if self.sight.intake_wishes else ""

    @property
    def sees_whole_file(self) -> bool:
        return self.parts == ALL_PARTS

    @cached_property
    def journey_steps(self) -> list[tuple[str, str]]:
        """The phases in order; a dropped-out journey ends in "dropped out" instead of "closed"."""
        last = Phase.DROPPED_OUT if self.trajectory.phase == Phase.DROPPED_OUT else Phase.CLOSED
        return [(p.value, p.label) for p in (*OPEN_PHASES, last)]

    @cached_property
    def done_steps(self) -> set[str]:
        return {change.to_phase for change in self.history} - {self.trajectory.phase}


_RELATION_ORDER = [
    MemberRelation.PARTICIPANT,
    MemberRelation.PARTNER,
    MemberRelation.OTHER,
    MemberRelation.CHILD,
]


def _member_order(member: HouseholdMember) -> tuple[int, int]:
    """The participant first, then other adults, then children from the eldest."""
    return (_RELATION_ORDER.index(member.relation), member.birth_year or 0)


def _file_row(trajectory: Trajectory, *, with_intake: bool) -> QuerySet[Trajectory]:
    """The trajectory's referral and (only when the viewer may see it) its intake, both joined
    to the trajectory's row (each is one-to-one with it)."""
    related = ["referral__organisation", "intake"] if with_intake else ["referral__organisation"]
    return Trajectory.objects.select_related(*related).filter(pk=trajectory.pk)


def household_file(user: User, household: Household, trajectory: Trajectory) -> HouseholdFile:
    """The file as this user may see it: parts without consent are not even read. Every part
    the viewer may see is read in one round trip (`core.together`): each part's own selector
    builds its read, and decides whether it is read at all."""
    parts = policy.visible_parts(user, household, trajectory)
    sight = Sight(parts)
    manages = policy.may_manage(user, household)
    with_intake = sight.intake_wishes or sight.intake_stress
    reads = {
        "row": _file_row(trajectory, with_intake=with_intake),
        "members": household.members.all(),
        "contacts": recent_contacts(trajectory),
        "appointments": upcoming_rows(trajectory) if sight.appointment else None,
        "history": phase_history(trajectory),
        "consents": consents_in_force(household) if sight.whole_file else None,
        "plan": plan_summary_rows(trajectory)
        if sight.plan and trajectory.matched_on is not None
        else None,
        "documents": household_shelf_reads(user, household, trajectory),
        "outcomes": household_outcomes_reads(user, household, trajectory),
        "extensions": extensions_of(trajectory) if trajectory.is_extended else None,
        "transfers": transfers_of(household),
        **household_escalation_reads(user, household, trajectory),
        **(assessments_with_scores_reads(trajectory) if sight.assessment_scores else {}),
    }
    found = read_together(reads)
    row = found["row"][0]
    assessments = assessments_with_scores_from(found) if sight.assessment_scores else []
    return HouseholdFile(
        household=household,
        trajectory=trajectory,
        reason=policy.reason_to_see(user, household, trajectory),
        members=sorted(found["members"], key=_member_order),
        referral=getattr(row, "referral", None),
        intake=getattr(row, "intake", None) if with_intake else None,
        assessments=assessments,
        due=due_assessments(trajectory, assessments) if sight.assessment_scores else [],
        contacts=found["contacts"],
        appointments=found["appointments"] or [],
        may_plan=appointment_rules.may_plan(user, trajectory),
        history=found["history"],
        parts=parts,
        consents=found["consents"] or [],
        summary=year_summary(assessments),
        plan=None if found["plan"] is None else plan_summary_from(found["plan"]),
        escalation=household_escalation_from(user, trajectory, found),
        documents=household_shelf_from(user, household, trajectory, found["documents"]),
        outcomes=found["outcomes"],
        extensions=found["extensions"] or [],
        may_set_household_type=manages,
        transfers=handovers_among(found["transfers"], HANDOVERS_SHOWN),
        waiting_transfer=waiting_among(found["transfers"]) if manages else None,
    )


def backed_without_consent(user: User) -> dict[User, int]:
    """Per buddy, how many of the households this backup backs up gave no consent to see them.

    Only the buddy's name and a count: without consent the backup learns nothing about them.
    """
    hidden = (
        Trajectory.objects.filter(backup=user, phase__in=PAIRED_PHASES)
        .exclude(household__in=policy.visible_households(user))
        .select_related("buddy")
    )
    counts: dict[User, int] = {}
    for trajectory in hidden:
        counts[trajectory.buddy] = counts.get(trajectory.buddy, 0) + 1
    return counts


@dataclass
class ParticipantView:
    """The participant's own year, in the words of the portal."""

    wishes: str
    assessments: list
    due: list[DueAssessment]
    summary: YearSummary | None = None


def participant_view(household: Household, trajectory: Trajectory | None) -> ParticipantView:
    if trajectory is None:
        return ParticipantView(wishes="", assessments=[], due=[])
    assessments = assessments_with_scores(trajectory)
    intake = Intake.objects.filter(trajectory=trajectory).only("wishes").first()
    return ParticipantView(
        wishes=intake.wishes if intake else "",
        assessments=assessments,
        due=due_assessments(trajectory, assessments),
        summary=year_summary(assessments),
    )
