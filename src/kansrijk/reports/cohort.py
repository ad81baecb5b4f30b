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
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kansrijk.core.dates import long_date, today
from kansrijk.people.models import Area, Programme
from kansrijk.trajectories.choices import DropOutReason, Phase
from kansrijk.trajectories.models import Trajectory

from .scope import Scope
from .selectors import trajectories_in


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


def place_counts(cohort: Cohort, prefix: str = "") -> dict[str, Count]:
    """For annotate or aggregate over trajectories (below `prefix`): the cohort's households by
    where they stand on the cohort's day. The places leave nobody out and count nobody twice."""

    def on(**lookups) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    day = cohort.on
    in_cohort = on(referred_on__gte=cohort.since, referred_on__lte=cohort.until)
    ended = on(ended_on__lte=day)
    not_started = on(matched_on__isnull=True) | on(matched_on__gt=day)
    in_aftercare = on(aftercare_started_on__lte=day)

    def count(condition: Q) -> Count:
        return Count(f"{prefix}pk", filter=in_cohort & condition)

    return {
        "took_part": count(Q()),
        "finished": count(ended & on(phase=Phase.CLOSED)),
        "stopped_before": count(ended & ~on(phase=Phase.CLOSED) & not_started),
        "stopped_during": count(ended & ~on(phase=Phase.CLOSED) & ~not_started),
        "waiting": count(~ended & not_started),
        "in_year": count(~ended & ~not_started & ~in_aftercare),
        "aftercare": count(~ended & ~not_started & in_aftercare),
    }


def cohort_counts(trajectories: QuerySet[Trajectory], cohort: Cohort) -> CohortCounts:
    """Where the cohort's households among `trajectories` stand on the cohort's day, with the
    reasons of those who stopped. Two queries.

    A household that ended in any other way than by closing counts as stopped, so the places
    always add up, whatever the data.
    """
    places = place_counts(cohort)
    row = trajectories.aggregate(**places)
    per_reason = (
        trajectories.values("drop_out_reason")
        .order_by()
        .annotate(before=places["stopped_before"], during=places["stopped_during"])
    )
    before: dict[str, int] = {}
    during: dict[str, int] = {}
    for reason in per_reason:
        # A household that stopped without a recorded reason counts under "other reason".
        key = reason["drop_out_reason"] or DropOutReason.OTHER
        for bucket, n in ((before, reason["before"]), (during, reason["during"])):
            if n:
                bucket[key] = bucket.get(key, 0) + n
    return CohortCounts(**row, reasons_before=before, reasons_during=during)


def cohort_per_area(areas: list[Area], cohort: Cohort) -> list[tuple[Area, dict[str, int]]]:
    """Per area (by name): the cohort's households by where they stand (`place_counts`).
    One grouped query; the areas are given."""
    rows = trajectories_in(areas).values("household__area").annotate(**place_counts(cohort))
    by_area = {row.pop("household__area"): row for row in rows}
    nothing = dict.fromkeys(place_counts(cohort), 0)
    return [(area, by_area.get(area.pk, nothing)) for area in sorted(areas, key=lambda a: a.name)]
