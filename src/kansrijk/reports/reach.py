"""Reach: how many households began their active year, against the programme's yearly target,
and per area since the area joined the programme.

An area counts only from the day it joined (`Area.joined_on`): a household matched before then
belonged to no programme area yet. Counted in the database: the areas, then one grouped query.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kansrijk.core.dates import long_date
from kansrijk.people.models import Area, Programme
from kansrijk.trajectories import counts

from .selectors import trajectories_in
from .tables import Cell, ReportTable, Suppressed, spoken


@dataclass(frozen=True)
class AreaReach:
    area: Area
    started_in_year: int  # began their year in the year (from the join date, if later)
    started_since_joined: int  # began their year from the join date to the last day


@dataclass(frozen=True)
class Reach:
    """Households that began their active year in `year` (up to `until`), against the target."""

    year: int
    until: dt.date
    target: int
    areas: list[AreaReach]

    @property
    def started_in_year(self) -> int:
        return sum(a.started_in_year for a in self.areas)

    @property
    def share(self) -> int | None:
        """Percent of the yearly target reached, or None without a target."""
        return round(100 * self.started_in_year / self.target) if self.target else None

    @property
    def at_pace(self) -> int | None:
        """How many the target asks for by `until` while the year runs (None once it is over):
        the target spread evenly over the year."""
        last = dt.date(self.year, 12, 31)
        if self.until >= last:
            return None
        first = dt.date(self.year, 1, 1)
        elapsed = (self.until - first).days + 1
        return round(self.target * elapsed / ((last - first).days + 1))


def reach_counts(year: int, until: dt.date) -> dict[str, Count]:
    """For annotate over trajectories grouped by area: began their year in `year` (up to
    `until`, at most the year's last day) and since their area joined."""
    until = min(until, dt.date(year, 12, 31))
    joined = F("household__area__joined_on")
    since_joined = Q(matched_on__gte=joined, matched_on__lte=until)
    in_year = since_joined & Q(matched_on__gte=dt.date(year, 1, 1))
    return {
        "in_year": Count("pk", filter=in_year),
        "since_joined": Count("pk", filter=since_joined),
    }


def reach_from(
    programme: Programme, areas: list[Area], by_area: dict[int, dict], *, year: int, until: dt.date
) -> Reach:
    """The `Reach` of these areas from rows of `reach_counts` by area id."""
    return Reach(
        year=year,
        until=min(until, dt.date(year, 12, 31)),
        target=programme.yearly_participant_target,
        areas=[
            AreaReach(
                area=area,
                started_in_year=by_area.get(area.pk, {}).get("in_year", 0),
                started_since_joined=by_area.get(area.pk, {}).get("since_joined", 0),
            )
            for area in sorted(areas, key=lambda a: a.name)
        ],
    )


def _counted_by_area(areas: list[Area], year: int, until: dt.date) -> dict[int, dict]:
    rows = trajectories_in(areas).values("household__area").annotate(**reach_counts(year, until))
    return {
        row["household__area"]: {"in_year": row["in_year"], "since_joined": row["since_joined"]}
        for row in rows
    }


def reach(programme: Programme, areas: list[Area], *, year: int, until: dt.date) -> Reach:
    """The programme's reach in `year` up to `until` (at most the year's last day), per area of
    `areas`, each counted from the day it joined. One query (the areas are given)."""
    by_area = _counted_by_area(areas, year, until)
    return reach_from(programme, areas, by_area, year=year, until=until)


def cached_reach(
    programme: Programme, areas: list[Area], *, year: int, until: dt.date, version: str | None
) -> Reach:
    """`reach`, its counts cached under the programme's figures version (`counts`), which
    changes with every write that moves a journey's phase, programme or area, the only writes
    that change a year's start (`matched_on`) or where a journey counts. Counts only, never a
    person. The caller reads the version (`counts.figures_version`, or `counts.kept_figures`
    with the phase counts); None counts without the cache. No query on a hit, one on a miss."""
    until = min(until, dt.date(year, 12, 31))
    joined = ",".join(f"{a.pk}:{a.joined_on}" for a in sorted(areas, key=lambda a: a.pk))
    by_area = counts.kept_under(
        [version],
        f"reach:{programme.pk}:{year}:{until}:{joined}",
        lambda: _counted_by_area(areas, year, until),
    )
    return reach_from(programme, areas, by_area, year=year, until=until)


def reach_table(figures: Reach) -> ReportTable:
    """A row per area with its join date and the households that began their year, then
    the totals; before suppression."""
    total = _("Total")
    rows: list[list[Cell | Suppressed]] = [
        [
            a.area.name,
            long_date(a.area.joined_on),
            a.started_in_year,
            a.started_since_joined,
        ]
        for a in figures.areas
    ]
    rows.append(
        [
            total,
            "",
            figures.started_in_year,
            sum(a.started_since_joined for a in figures.areas),
        ]
    )
    return ReportTable(
        caption=_("Reach: households that began their year"),
        columns=[
            _("Area"),
            _("In the programme since"),
            _("Began their year in %(year)s") % {"year": figures.year},
            _("Began their year since the area joined"),
        ],
        rows=rows,
        count_columns=frozenset({2, 3}),
        total_labels=frozenset({total}),
        measures={(len(rows) - 1, 2): f"started_in_{figures.year}"},
        notes=[
            _(
                "An area counts from the day it joined the programme. Up to %(until)s; "
                "the target is %(target)s households a year for the whole programme."
            )
            % {"until": long_date(figures.until), "target": figures.target}
        ],
    )


def reach_sentence(figures: Reach, started: Cell | Suppressed) -> str:
    """ "In 2025 so far 12 households began their year, against a target of 30 a year (40%);
    at the target's pace it would be 11 by now." `started` is the total as shown (it may be
    hidden for a funder: then no share is given)."""
    # A hidden count is at least 1: read it as many for the plural.
    n = started if isinstance(started, int) else 2
    if isinstance(started, Suppressed) or not figures.target:
        text = ngettext(
            "In %(year)s %(started)s household began its year; the target is %(target)s a year.",
            "In %(year)s %(started)s households began their year; the target is %(target)s a year.",
            n,
        ) % {"year": figures.year, "started": spoken(started, noun=True), "target": figures.target}
    else:
        text = ngettext(
            "In %(year)s %(started)s household began its year, against a target of "
            "%(target)s a year (%(share)s%%).",
            "In %(year)s %(started)s households began their year, against a target of "
            "%(target)s a year (%(share)s%%).",
            n,
        ) % {
            "year": figures.year,
            "started": started,
            "target": figures.target,
            "share": figures.share,
        }
    if figures.at_pace is not None:
        text += " " + _(
            "The year is still running: at the target's pace it would be %(pace)s by %(day)s."
        ) % {"pace": figures.at_pace, "day": long_date(figures.until)}
    return text
