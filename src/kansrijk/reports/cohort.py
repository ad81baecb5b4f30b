"""A cohort: the households referred in a chosen run of whole years, followed to a given day.

Counting a cohort makes the figures add up: every household of it stands in exactly one place on
the day it is looked at (finished, stopped before its year began, stopped during the year, or
still taking part), so took part = finished + stopped + still taking part. Counting what happened
in a period does not add up: a period's "stopped early" holds households referred years before.

Read from the query string beside the period (`?from=2019&to=2021&cohort_from=2019&cohort_to=2019`),
so a page, its downloads and a bookmark name the same cohort. Without a choice the cohort is the
households referred in the period itself.
"""

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kansrijk.core.dates import long_date, today
from kansrijk.people.models import Programme
from kansrijk.trajectories.choices import DropOutReason, Phase
from kansrijk.trajectories.models import Trajectory, TrajectoryExtension

from .scope import Scope


@dataclass(frozen=True)
class Cohort:
    """The households referred from 1 January `first_year` to 31 December `last_year` (or to
    `on`, when that comes sooner), where they stand on `on`: the period's last day."""

    first_year: int
    last_year: int
    on: dt.date

    @property
    def since(self) -> dt.date:
        return dt.date(self.first_year, 1, 1)

    @property
    def until(self) -> dt.date:
        return min(dt.date(self.last_year, 12, 31), self.on)

    @property
    def years(self) -> str:
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"

    def definition(self) -> str:
        """The sentence that says which households the cohort holds, for every page that
        counts it."""
        return _(
            "Cohort %(years)s: the households referred from %(since)s to %(until)s, "
            "where they stand on %(on)s."
        ) % {
            "years": self.years,
            "since": long_date(self.since),
            "until": long_date(self.until),
            "on": long_date(self.on),
        }

    def query(self) -> str:
        params = QueryDict(mutable=True)
        params["cohort_from"] = str(self.first_year)
        params["cohort_to"] = str(self.last_year)
        return params.urlencode()


class CohortForm(forms.Form):
    """The query string's `cohort_from` and `cohort_to`: the years the cohort was referred in."""

    def __init__(self, data, *, programme: Programme) -> None:
        super().__init__(data)
        years = [(y, str(y)) for y in range(today().year, programme.started_on.year - 1, -1)]
        self.fields["cohort_from"] = forms.TypedChoiceField(
            label=gettext_lazy("Cohort: referred from"), coerce=int, choices=years
        )
        self.fields["cohort_to"] = forms.TypedChoiceField(
            label=gettext_lazy("Referred until"), coerce=int, choices=years
        )

    def clean(self):
        data = super().clean()
        first, last = data.get("cohort_from"), data.get("cohort_to")
        if first is not None and last is not None and first > last:
            raise forms.ValidationError(
                _("The cohort's first year must not come after its last year.")
            )
        return data


def cohort_from(query: QueryDict, scope: Scope) -> tuple[Cohort, CohortForm]:
    """The cohort the query asks for, followed to the period's last day; the households
    referred in the period when it asks nothing (or something invalid, which the form then
    explains). A cohort referred after the period ends is refused: it has nobody yet then."""
    data = {
        "cohort_from": query.get("cohort_from", str(scope.first_year)),
        "cohort_to": query.get("cohort_to", str(scope.last_year)),
    }
    form = CohortForm(data, programme=scope.programme)
    first, last = scope.first_year, scope.last_year
    if form.is_valid():
        if form.cleaned_data["cohort_from"] > scope.last_year:
            form.add_error(
                None,
                _("The cohort must be referred before the period ends (%(year)s).")
                % {"year": scope.last_year},
            )
        else:
            first, last = form.cleaned_data["cohort_from"], form.cleaned_data["cohort_to"]
    return Cohort(first_year=first, last_year=last, on=scope.until), form


# ---- counting (SQL) ----


@dataclass(frozen=True)
class CohortCounts:
    """Where a cohort's households stand on its day; the four places add up to `took_part`."""

    took_part: int
    finished: int
    stopped_before: int  # ended before their active year began (never matched)
    stopped_during: int  # ended during the active year or aftercare
    waiting: int  # still waiting for their year to begin
    in_year: int
    aftercare: int
    reasons_before: dict[str, int]
    reasons_during: dict[str, int]

    @property
    def stopped(self) -> int:
        return self.stopped_before + self.stopped_during

    @property
    def running(self) -> int:
        return self.waiting + self.in_year + self.aftercare


def _places(cohort: Cohort, prefix: str = "") -> dict[str, Q]:
    """Where each of the cohort's households (trajectories below `prefix`) stands on the
    cohort's day, as conditions. The places leave nobody out and count nobody twice."""

    def on(**lookups) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    day = cohort.on
    in_cohort = on(referred_on__gte=cohort.since, referred_on__lte=cohort.until)
    ended = on(ended_on__lte=day)
    not_started = on(matched_on__isnull=True) | on(matched_on__gt=day)
    in_aftercare = on(aftercare_started_on__lte=day)
    return {
        name: in_cohort & condition
        for name, condition in {
            "took_part": Q(),
            "finished": ended & on(phase=Phase.CLOSED),
            "stopped_before": ended & ~on(phase=Phase.CLOSED) & not_started,
            "stopped_during": ended & ~on(phase=Phase.CLOSED) & ~not_started,
            "waiting": ~ended & not_started,
            "in_year": ~ended & ~not_started & ~in_aftercare,
            "aftercare": ~ended & ~not_started & in_aftercare,
        }.items()
    }


def place_counts(cohort: Cohort, prefix: str = "") -> dict[str, Count]:
    """For annotate or aggregate over trajectories (below `prefix`): the cohort's households by
    where they stand on the cohort's day. The places leave nobody out and count nobody twice."""
    return {
        name: Count(f"{prefix}pk", filter=condition)
        for name, condition in _places(cohort, prefix).items()
    }


@dataclass(frozen=True)
class ExtendedCounts:
    """Of the cohort's households, those whose year or aftercare was extended by its day."""

    finished: int
    stopped_during: int
    running: int


# The household types a breakdown shows, in order; "" holds the households without one.
NOT_RECORDED = ""


@dataclass(frozen=True)
class CohortBreakdown:
    """Everything the results list counts of a cohort's trajectories, from one query."""

    counts: CohortCounts
    extended: ExtendedCounts
    per_household_type: dict[object, dict[str, int]]
    per_working_poor: dict[object, dict[str, int]]


_BREAKDOWN = ("drop_out_reason", "household__household_type", "household__working_poor")


def cohort_breakdown(trajectories: QuerySet[Trajectory], cohort: Cohort) -> CohortBreakdown:
    """Where the cohort's households among `trajectories` stand, with the reasons of those who
    stopped, those with an extension recorded by the cohort's day and the places per household
    type and working poor: one query grouped by reason, household type and working poor (a few
    dozen rows), summed here. A household that ended in any other way than by closing counts as
    stopped, so the places always add up, whatever the data."""
    places = _places(cohort)
    extended = Exists(
        TrajectoryExtension.objects.filter(trajectory=OuterRef("pk"), at__date__lte=cohort.on)
    )
    running = places["waiting"] | places["in_year"] | places["aftercare"]
    counts = {name: Count("pk", filter=condition) for name, condition in places.items()}
    # The place first: the extension is looked up only for the households in that place.
    counts["extended_finished"] = Count("pk", filter=places["finished"] & extended)
    counts["extended_stopped_during"] = Count("pk", filter=places["stopped_during"] & extended)
    counts["extended_running"] = Count("pk", filter=running & extended)
    rows = list(trajectories.values(*_BREAKDOWN).order_by().annotate(**counts))
    names = list(places)
    total = dict.fromkeys(names, 0)
    before: dict[str, int] = {}
    during: dict[str, int] = {}
    per_type: dict[object, dict[str, int]] = {}
    per_working_poor: dict[object, dict[str, int]] = {}
    ext = dict.fromkeys(("finished", "stopped_during", "running"), 0)
    for row in rows:
        reason = row["drop_out_reason"] or DropOutReason.OTHER
        for bucket, n in ((before, row["stopped_before"]), (during, row["stopped_during"])):
            if n:
                bucket[reason] = bucket.get(reason, 0) + n
        for name in ext:
            ext[name] += row[f"extended_{name}"]
        for found, key in (
            (per_type, row["household__household_type"]),
            (per_working_poor, row["household__working_poor"]),
            (None, None),
        ):
            target = total if found is None else found.setdefault(key, dict.fromkeys(names, 0))
            for name in names:
                target[name] += row[name]
    return CohortBreakdown(
        counts=CohortCounts(**total, reasons_before=before, reasons_during=during),
        extended=ExtendedCounts(**ext),
        per_household_type=per_type,
        per_working_poor=per_working_poor,
    )
