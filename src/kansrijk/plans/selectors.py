"""Reads of a goal-action plan, for the plan page, the print view and the participant's portal.

A plan is read in a fixed number of queries, however many goals, actions and notes it has.
Callers pass a trajectory they got through `access` (or the participant's own).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from kansrijk.access import policy
from kansrijk.access.parts import Content
from kansrijk.frameworks.models import Domain
from kansrijk.frameworks.selectors import domains_for
from kansrijk.intake.models import Intake
from kansrijk.people.models import Household, User
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.selectors import current_trajectory, trajectory_for_user_or_404

from .choices import OPEN_STATUSES, ActionBy, ProposalStatus
from .models import Action, Goal, GoalProposal, GoalTemplate, ProgressNote

# A goal shows its newest notes; the older ones fold away under "earlier notes".
NOTES_SHOWN = 4
# The print view and the portal show this many of the latest small successes.
RECENT_SUCCESSES = 5


# ---- access ----


def plan_for_user_or_404(
    user: User, household_uuid: UUID | str, *, with_wishes: bool = False
) -> tuple[Household, Trajectory]:
    """The household and the trajectory whose plan this user may see; otherwise 404.

    A plan exists from the start of the active year; it is part "wishes and plan" of the file.
    `with_wishes` reads the intake's wishes (`wishes_of`) in the same query: shown only when the
    plan may be seen, as the wishes are part of it.
    """
    annotations = {_WISHES: _intake_wishes()} if with_wishes else {}
    household, trajectory = trajectory_for_user_or_404(user, household_uuid, **annotations)
    policy.require(
        trajectory.matched_on is not None and policy.may_see(user, trajectory, Content.PLAN)
    )
    return household, trajectory


def own_plan_or_404(user: User) -> tuple[Household, Trajectory]:
    """The participant's own household and the trajectory of their plan; otherwise 404."""
    household = policy.own_household_or_404(user)
    trajectory = current_trajectory(household)
    if trajectory is None or trajectory.matched_on is None:
        raise Http404
    trajectory.household = household
    return household, trajectory


def goal_in(trajectory: Trajectory, goal_uuid: UUID | str) -> Goal:
    goal = get_object_or_404(
        Goal.objects.select_related("domain", "changed_by"), trajectory=trajectory, uuid=goal_uuid
    )
    goal.trajectory = trajectory
    return goal


def action_in(trajectory: Trajectory, action_uuid: UUID | str) -> Action:
    action = get_object_or_404(
        Action.objects.select_related("goal", "organisation", "done_by"),
        goal__trajectory=trajectory,
        uuid=action_uuid,
    )
    action.goal.trajectory = trajectory
    return action


def note_in(trajectory: Trajectory, note_uuid: UUID | str) -> ProgressNote:
    note = get_object_or_404(
        ProgressNote.objects.select_related("goal", "author", "celebrated_by"),
        goal__trajectory=trajectory,
        uuid=note_uuid,
    )
    note.goal.trajectory = trajectory
    return note


# ---- the plan ----


def _goal_order(goal: Goal) -> tuple:
    """Open before closed; calm at the base first; then the nearest target date."""
    return (goal.is_closed, not goal.basic_calm, goal.target_on, goal.pk)


def _action_order(action: Action) -> tuple:
    """Still to do first, the soonest first; then what was done, the latest first."""
    if action.done_on is None:
        return (0, action.due_on.toordinal(), action.pk)
    return (1, -action.done_on.toordinal(), -action.pk)


@dataclass
class DomainGroup:
    """The goals of one life domain, in the order they are shown."""

    domain: Domain
    goals: list[Goal] = field(default_factory=list)

    @property
    def open_goals(self) -> list[Goal]:
        return [g for g in self.goals if not g.is_closed]

    @property
    def closed_goals(self) -> list[Goal]:
        return [g for g in self.goals if g.is_closed]

    @property
    def has_open_basic_calm(self) -> bool:
        return any(g.basic_calm for g in self.open_goals)


def _group_order(group: DomainGroup) -> tuple:
    """Calm at the base first, then domains with open goals, each in the framework's order."""
    return (
        not group.has_open_basic_calm,
        not group.open_goals,
        group.domain.position,
        group.domain.pk,
    )


@dataclass
class Plan:
    trajectory: Trajectory
    groups: list[DomainGroup]
    # Domains of the programme's framework without any goal yet: a nudge, never a must.
    empty_domains: list[Domain]
    successes: list[ProgressNote]

    @property
    def goals(self) -> list[Goal]:
        return [goal for group in self.groups for goal in group.goals]

    @property
    def open_goals(self) -> list[Goal]:
        """Every open goal, calm at the base first, whatever its domain (print, portal)."""
        return sorted((g for g in self.goals if not g.is_closed), key=_goal_order)

    @property
    def closed_goals(self) -> list[Goal]:
        return sorted((g for g in self.goals if g.is_closed), key=_goal_order)

    @property
    def recent_successes(self) -> list[ProgressNote]:
        return self.successes[:RECENT_SUCCESSES]


def _with_actions_and_notes(goals, trajectory: Trajectory) -> list[Goal]:
    """Goals with their actions and notes, ready to show: three queries in all."""
    goals = list(
        goals.select_related("domain", "created_by", "changed_by").prefetch_related(
            Prefetch("actions", queryset=Action.objects.select_related("organisation", "done_by")),
            Prefetch(
                "notes",
                queryset=ProgressNote.objects.select_related("author", "celebrated_by").order_by(
                    "-written_on", "-id"
                ),
            ),
        )
    )
    for goal in goals:
        goal.trajectory = trajectory
        goal.sorted_actions = sorted(goal.actions.all(), key=_action_order)
        notes = list(goal.notes.all())
        goal.recent_notes, goal.earlier_notes = notes[:NOTES_SHOWN], notes[NOTES_SHOWN:]
    return goals


def goal_on_page(goal: Goal) -> Goal:
    """One goal read again as the plan page shows it, to swap in after a change."""
    return _with_actions_and_notes(Goal.objects.filter(pk=goal.pk), goal.trajectory)[0]


_WISHES = "intake_wishes"


def _intake_wishes() -> Subquery:
    first_intake = Intake.objects.filter(trajectory=OuterRef("pk")).order_by("pk")
    return Subquery(first_intake.values("wishes")[:1])


def wishes_of(trajectory: Trajectory) -> str:
    """What the participant said they want, at the intake: where the plan starts. Read with the
    trajectory when `plan_for_user_or_404(with_wishes=True)` got it."""
    if hasattr(trajectory, _WISHES):
        return getattr(trajectory, _WISHES) or ""
    return (
        Intake.objects.filter(trajectory=trajectory).values_list("wishes", flat=True).first() or ""
    )


def plan_of(trajectory: Trajectory) -> Plan:
    """The whole plan, grouped by life domain (in the order of `_group_order`).

    Goals of an earlier framework version sit with the domain of the same code.
    """
    goals = _with_actions_and_notes(trajectory.goals.all(), trajectory)
    framework_domains = domains_for(trajectory.household.programme)
    by_code = {domain.code: domain for domain in framework_domains}
    grouped: dict[str, DomainGroup] = {}
    for goal in sorted(goals, key=_goal_order):
        code = goal.domain.code
        if code not in grouped:
            grouped[code] = DomainGroup(by_code.get(code, goal.domain))
        grouped[code].goals.append(goal)
    groups = sorted(grouped.values(), key=_group_order)
    successes = sorted(
        (note for goal in goals for note in goal.notes.all() if note.is_success),
        key=lambda note: (note.written_on, note.pk),
        reverse=True,
    )
    return Plan(
        trajectory=trajectory,
        groups=groups,
        empty_domains=[d for d in framework_domains if d.code not in grouped],
        successes=successes,
    )


@dataclass(frozen=True)
class NextStep:
    what: str
    who_label: str
    due_on: dt.date


@dataclass(frozen=True)
class PlanSummary:
    """What the household page says about the plan: counts and the next step to take."""

    open_goals: int
    closed_goals: int
    next_action: NextStep | None


def plan_summary(trajectory: Trajectory) -> PlanSummary:
    """In one query (the household page sends it with its other reads: `plan_summary_rows`)."""
    return plan_summary_from(list(plan_summary_rows(trajectory)))


def plan_summary_rows(trajectory: Trajectory) -> QuerySet:
    """Each goal's status with its first step still to do, not yet read."""
    steps = Action.objects.filter(goal=OuterRef("pk"), done_on__isnull=True).order_by(
        "due_on", "id"
    )

    def first(field: str, **kwargs) -> Subquery:
        return Subquery(steps.values(field)[:1], **kwargs)

    return trajectory.goals.annotate(
        step_due=first("due_on"),
        step_what=first("what", output_field=Action._meta.get_field("what")),
        step_who=first("who"),
        step_organisation=first("organisation__name"),
        step_organisation_name=first("organisation_name"),
    ).values_list(
        "status", "step_due", "step_what", "step_who", "step_organisation", "step_organisation_name"
    )


def plan_summary_from(rows: list[tuple]) -> PlanSummary:
    """`plan_summary` from the rows of `plan_summary_rows`."""
    open_rows = [row for row in rows if row[0] in OPEN_STATUSES]
    next_step = None
    waiting = sorted((row for row in open_rows if row[1] is not None), key=lambda row: row[1])
    if waiting:
        _, due_on, what, who, organisation, organisation_name = waiting[0]
        if who == ActionBy.ORGANISATION:
            who_label = organisation or organisation_name
        else:
            who_label = str(ActionBy(who).label)
        next_step = NextStep(what, who_label, due_on)
    return PlanSummary(len(open_rows), len(rows) - len(open_rows), next_step)


# ---- goal templates ----


def goal_templates(domains: list[Domain]) -> dict[str, list[GoalTemplate]]:
    """The templates offered for these domains, by domain code, calm at the base first.

    The shipped ones come from a data migration (`plans.0002`), never from this read."""
    found: dict[str, list[GoalTemplate]] = defaultdict(list)
    codes = [domain.code for domain in domains]
    for template in GoalTemplate.objects.filter(domain_code__in=codes, active=True).order_by(
        "-basic_calm", "position", "id"
    ):
        found[template.domain_code].append(template)
    return dict(found)


def goal_template(uuid: str | None) -> GoalTemplate | None:
    """The template a buddy chose to start from (from the query string), if it is valid."""
    if not uuid:
        return None
    try:
        return GoalTemplate.objects.filter(uuid=UUID(str(uuid)), active=True).first()
    except ValueError:
        return None


# ---- goals the participant proposed ----


def proposals_of(trajectory: Trajectory | None) -> list[GoalProposal]:
    """Every goal she proposed this year, newest first, with what became of it: one query."""
    if trajectory is None:
        return []
    return list(GoalProposal.objects.filter(trajectory=trajectory).select_related("domain", "goal"))


def open_proposals(trajectory: Trajectory) -> list[GoalProposal]:
    """Her proposals not yet in the plan: the plan's editors answer them."""
    return [p for p in proposals_of(trajectory) if p.is_open]


def proposal_in(trajectory: Trajectory, proposal_uuid: UUID | str) -> GoalProposal:
    proposal = get_object_or_404(
        GoalProposal.objects.select_related("domain"), trajectory=trajectory, uuid=proposal_uuid
    )
    proposal.trajectory = trajectory
    return proposal


def waiting_proposals(trajectories) -> list[GoalProposal]:
    """Proposals still waiting for a first answer in these (the caller's visible) trajectories,
    or trajectory ids, oldest first, with their household: for the buddy's home page."""
    return list(
        GoalProposal.objects.filter(trajectory__in=trajectories, status=ProposalStatus.PROPOSED)
        .select_related("trajectory__household")
        .order_by("created_at", "id")
    )
