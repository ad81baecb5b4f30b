"""When assessments are due, and which are overdue."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from kansrijk.core.dates import add_months, short_date, today
from kansrijk.core.together import prefilled
from kansrijk.frameworks.models import Level
from kansrijk.trajectories.choices import COACHING_PHASES, Phase
from kansrijk.trajectories.models import Trajectory

from .charts import Chart, ChartDomain, Reading, build_chart
from .choices import Moment
from .models import Assessment, DomainScore
from .progress import DomainProgress, Score, domain_progress

# Months after the start of the active year at which each assessment is due.
DUE_AFTER_MONTHS = {Moment.START: 0, Moment.HALFWAY: 6, Moment.END: 12}
# Days after the due date before an assessment counts as overdue.
GRACE_DAYS = 28


@dataclass(frozen=True)
class DueAssessment:
    moment: Moment
    due_on: dt.date
    done: Assessment | None

    @property
    def overdue(self) -> bool:
        return self.done is None and today() > self.due_on + dt.timedelta(days=GRACE_DAYS)

    @property
    def upcoming(self) -> bool:
        return (
            self.done is None
            and not self.overdue
            and self.due_on <= today() + dt.timedelta(days=30)
        )


def assessments_with_scores(trajectory: Trajectory) -> list[Assessment]:
    """The trajectory's assessments, oldest first, with scores, domains and scales: 3 queries."""
    scores = DomainScore.objects.select_related("domain").prefetch_related("domain__levels")
    return list(
        trajectory.assessments.select_related("recorded_by", "framework").prefetch_related(
            Prefetch("scores", queryset=scores)
        )
    )


def assessments_with_scores_reads(trajectory: Trajectory) -> dict[str, QuerySet]:
    """What `assessments_with_scores` reads, as three reads not yet sent, so a page can send
    them with its other reads (`core.together`); `assessments_with_scores_from` joins them."""
    scores = DomainScore.objects.filter(assessment__trajectory=trajectory)
    return {
        "assessments": trajectory.assessments.select_related("recorded_by", "framework"),
        "scores": scores.select_related("domain"),
        "levels": Level.objects.filter(domain__in=scores.values("domain_id")),
    }


def assessments_with_scores_from(found: dict[str, list]) -> list[Assessment]:
    """The assessments with their scores, and each score's domain with its levels, as
    `assessments_with_scores` gives them (no query when asked for them)."""
    levels: dict[int, list] = defaultdict(list)
    for level in found["levels"]:
        levels[level.domain_id].append(level)
    scores: dict[int, list] = defaultdict(list)
    for score in found["scores"]:
        prefilled(score.domain, "levels", levels[score.domain_id])
        scores[score.assessment_id].append(score)
    for assessment in found["assessments"]:
        prefilled(assessment, "scores", scores[assessment.pk])
    return found["assessments"]


def start_at_intake(trajectory: Trajectory) -> dict[str, int | str]:
    """The start assessment the intake recorded, as the picture step's form shows it again
    (`<code>-level`, `<code>-wanted`, `<code>-note`); empty when there is none."""
    start = (
        trajectory.assessments.filter(moment=Moment.START)
        .prefetch_related(Prefetch("scores", queryset=DomainScore.objects.select_related("domain")))
        .first()
    )
    if start is None:
        return {}
    initial: dict[str, int | str] = {}
    for score in start.scores.all():
        code = score.domain.code
        initial.update({f"{code}-level": score.level, f"{code}-wanted": score.wanted_level})
        initial[f"{code}-note"] = score.note
    return initial


def last_targets(trajectory: Trajectory) -> dict[str, int]:
    """Where the participant wanted to be at the latest assessment, per domain code: where the
    next assessment starts. By code, so a newer version of the framework still finds them."""
    latest = trajectory.assessments.order_by("-held_on", "-pk").first()
    if latest is None:
        return {}
    return dict(latest.scores.values_list("domain__code", "wanted_level"))


def _scores(assessment: Assessment) -> list[Score]:
    return [
        Score(
            code=score.domain.code,
            name=score.domain.display_name,
            level=score.level,
            wanted=score.wanted_level,
            scale_size=score.scale_size,
            level_label=score.now.display_label if score.now else "",
            note=score.note,
        )
        for score in assessment.scores.all()
    ]


@dataclass(frozen=True)
class YearSummary:
    """What the household page and the participant's page show of the assessments."""

    latest: Assessment
    previous: Assessment | None
    progress: list[DomainProgress]
    chart: Chart | None


def _short_label(assessment: Assessment) -> str:
    return assessment.get_moment_display().capitalize()


def year_summary(assessments: list[Assessment]) -> YearSummary | None:
    """Progress per domain since the assessment before the latest, and the chart of the year.

    Takes `assessments_with_scores(...)`; asks no queries of its own.
    """
    if not assessments:
        return None
    latest = assessments[-1]
    previous = assessments[-2] if len(assessments) > 1 else None
    latest_scores = _scores(latest)
    before = {s.code: s.level for s in _scores(previous)} if previous else None
    readings = [
        Reading(
            label=_short_label(a),
            date_label=short_date(a.held_on),
            levels={s.code: (s.level, s.wanted) for s in _scores(a)},
        )
        for a in assessments
    ]
    domains = [ChartDomain(s.code, s.name, s.scale_size) for s in latest_scores]
    return YearSummary(
        latest=latest,
        previous=previous,
        progress=domain_progress(latest_scores, before),
        chart=build_chart(domains, readings),
    )


def due_assessments(trajectory: Trajectory, done: list[Assessment]) -> list[DueAssessment]:
    """The start, halfway and end assessments with their derived due dates."""
    if trajectory.matched_on is None:
        return []
    by_moment = {a.moment: a for a in done if a.moment != Moment.EXTRA}
    return [
        DueAssessment(moment, _due_on(trajectory, moment), by_moment.get(moment))
        for moment in DUE_AFTER_MONTHS
    ]


def _due_on(trajectory: Trajectory, moment: Moment) -> dt.date:
    """The start and halfway count from the year's start; the end assessment is at the end of
    the year, which an extension moves."""
    assert trajectory.matched_on is not None
    if moment == Moment.END and trajectory.active_year_extended_to:
        return trajectory.active_year_extended_to
    return add_months(trajectory.matched_on, DUE_AFTER_MONTHS[moment])


def with_done_moments(trajectories: QuerySet[Trajectory]) -> QuerySet[Trajectory]:
    """Annotate `done_start`, `done_halfway`, `done_end`: in the same query, for `overdue_of`."""
    return trajectories.annotate(
        **{
            f"done_{moment}": Exists(
                Assessment.objects.filter(trajectory=OuterRef("pk"), moment=moment)
            )
            for moment in DUE_AFTER_MONTHS
        }
    )


def still_due_of(trajectory: Trajectory) -> list[DueAssessment]:
    """The assessments not held yet of a trajectory annotated by `with_done_moments`, in the
    order of `due_assessments`: its rows whose `done` is None, without reading any assessment."""
    if trajectory.matched_on is None:
        return []
    return [
        DueAssessment(moment, _due_on(trajectory, moment), None)
        for moment in DUE_AFTER_MONTHS
        if not getattr(trajectory, f"done_{moment}")
    ]


def overdue_of(trajectory: Trajectory) -> list[DueAssessment]:
    """The overdue assessments of a trajectory annotated by `with_done_moments`."""
    return [d for d in still_due_of(trajectory) if d.overdue]


def with_overdue_assessment(trajectories: QuerySet[Trajectory]) -> QuerySet[Trajectory]:
    """Narrow to coached trajectories with at least one overdue assessment, in one query.

    "Missing" is asked against the assessments of these trajectories only: a correlated
    NOT EXISTS inside the OR made PostgreSQL hash every assessment of every programme.
    """
    coached = trajectories.filter(phase__in=COACHING_PHASES)

    def missing(moment: Moment) -> Q:
        held = Assessment.objects.filter(moment=moment, trajectory__in=coached.values("pk"))
        return ~Q(pk__in=held.values("trajectory_id"))

    return coached.filter(overdue_condition(missing))


def overdue_condition(missing: Callable[[Moment], Q]) -> Q:
    """A coached trajectory with at least one overdue assessment, where `missing(moment)` says
    that the trajectory has no assessment of that moment: a subquery for a list of its own,
    the flags of `with_done_moments` where the dashboard asks it next to other questions."""
    moment_overdue = Q()
    graced = today() - dt.timedelta(days=GRACE_DAYS)
    for moment, months in DUE_AFTER_MONTHS.items():
        started_before = add_months(graced, -months)
        due_passed = Q(matched_on__lt=started_before)
        if moment == Moment.END:
            # An extended year moves the end assessment to its new end.
            due_passed = Q(active_year_extended_to__isnull=True, matched_on__lt=started_before) | Q(
                active_year_extended_to__lt=graced
            )
        moment_overdue |= due_passed & missing(moment)
    # The end assessment may still be made in aftercare; start and halfway only matter before.
    return (
        Q(phase__in=COACHING_PHASES)
        & moment_overdue
        & (Q(phase=Phase.ACTIVE) | missing(Moment.END))
    )
