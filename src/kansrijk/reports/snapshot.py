"""The funder's published set of a year, and a coordinator's report, as plain data in the cache.

An audience of suppressed figures sees every kind of report (`publication.KINDS`) for the whole
programme and for each area, protected together; working that out builds and audits all of
them. Their figures change only when the programme's figures do, so the whole set for one
programme and year is built once per figures version (`trajectories.counts`) and kept in
Django's cache as plain data (dicts, lists, numbers, strings): non-personal, already
suppressed, and no larger than the pages it serves.

The key names everything the set is built from that the version does not follow: the
programme's own fields and areas (read with the page anyway), the threshold, the funder's
cohort day, the language (the text is translated when built) and `SHAPE`, so a deploy that
changes what is stored never reads an older set.

A coordinator sees exact figures, of any period up to today, one report at a time: each is
kept on its own (`cached_exact`) under the same version, with the kind, the area and today's
date in its key (a report of the running year counts up to today, and the date bounds how
long a report can outlive a change the version does not follow, such as one made in the
database by hand). Exact figures are the programme's, not a person's: every coordinator of the
programme may see the same report.
"""

from collections.abc import Callable
from decimal import Decimal

from django.utils import translation

from kansrijk.core.dates import today
from kansrijk.core.numbers import Euros, Percent, Ratio
from kansrijk.trajectories import counts

from .cohort import Cohort
from .dashboard import Audience
from .scope import Scope
from .tables import Relation, Report, ReportTable, Suppressed

# Raise when what is stored changes shape (a field, a kind of cell), so no older set is read.
SHAPE = 1
# Who sees every figure as it is (a coordinator): no threshold, nothing hidden.
EXACT = Audience(exact=True, threshold=0)

Built = dict[int | None, list[Report]]  # area id (None: all areas) → the reports, KINDS order


def cached(
    scope: Scope, cohort: Cohort, audience: Audience, build: Callable[[], Built]
) -> list[Report]:
    """The reports of the scope's selection, from the programme's set for the year: read from
    the cache, or `build` all of it and keep it (`counts.kept_under`)."""

    def plain() -> dict:
        return {str(area): [_plain_report(r) for r in reports] for area, reports in build().items()}

    version = counts.figures_version(scope.programme.pk)
    stored = counts.kept_under([version], _key(scope, cohort, audience), plain)
    return [_report(r) for r in stored[str(_selection(scope))]]


def cached_exact(kind: str, scope: Scope, cohort: Cohort, build: Callable[[], Report]) -> Report:
    """The exact report of this kind for the scope's selection: read from the cache, or built
    and kept (`counts.kept_under`)."""
    key = f"exact:{kind}:{_selection(scope)}:{today()}:{_key(scope, cohort, EXACT)}"
    version = counts.figures_version(scope.programme.pk)
    return _report(counts.kept_under([version], key, lambda: _plain_report(build())))


def _selection(scope: Scope) -> int | None:
    return scope.area.pk if scope.area else None


def cache_key(scope: Scope, cohort: Cohort, audience: Audience, version: str) -> str:
    """Where the audience's set for the scope's year is kept under this figures version."""
    return counts.kept_key(_key(scope, cohort, audience), [version])


def _key(scope: Scope, cohort: Cohort, audience: Audience) -> str:
    programme = scope.programme
    areas = ";".join(
        f"{a.pk},{a.slug},{a.name},{a.joined_on}" for a in sorted(scope.all_areas(), key=_pk)
    )
    return ":".join(
        str(part)
        for part in (
            "published",
            SHAPE,
            programme.pk,
            scope.first_year,
            scope.last_year,
            cohort.first_year,
            cohort.last_year,
            cohort.on,
            audience.threshold,
            translation.get_language(),
            # The whole key is digested where it is kept (`counts.kept_key`).
            f"{programme.name}|{programme.slug}|{programme.started_on}|"
            f"{programme.yearly_participant_target}|{areas}",
        )
    )


def _pk(area):
    return area.pk


# ---- a report as plain data and back ----

_KINDS_OF_DECIMAL = {"euros": Euros, "percent": Percent, "ratio": Ratio, "decimal": Decimal}


def _plain_cell(cell):
    if cell is None or isinstance(cell, bool | int | float):
        return cell
    if isinstance(cell, Suppressed):
        return {"hidden": cell.threshold}
    for name, kind in _KINDS_OF_DECIMAL.items():
        if type(cell) is kind:
            return {name: format(cell, "f")}
    return str(cell)


def _cell(plain):
    if not isinstance(plain, dict):
        return plain
    ((name, value),) = plain.items()
    if name == "hidden":
        return Suppressed(value)
    return _KINDS_OF_DECIMAL[name](value)


def _plain_table(table: ReportTable) -> dict:
    return {
        "caption": str(table.caption),
        "columns": [str(c) for c in table.columns],
        "rows": [[_plain_cell(cell) for cell in row] for row in table.rows],
        "count_columns": sorted(table.count_columns),
        "total_labels": sorted(str(label) for label in table.total_labels),
        "notes": [str(n) for n in table.notes],
        "total_columns": sorted(table.total_columns),
        "derived_columns": [
            [derived, source] for derived, source in sorted(table.derived_columns.items())
        ],
        "relations": [
            {
                "total": list(r.total),
                "parts": [list(p) for p in r.parts],
                "exact": r.exact,
                "weights": None if r.weights is None else [format(w, "f") for w in r.weights],
            }
            for r in table.relations
        ],
        "measures": [[r, c, name] for (r, c), name in sorted(table.measures.items())],
    }


def _table(plain: dict) -> ReportTable:
    return ReportTable(
        caption=plain["caption"],
        columns=list(plain["columns"]),
        rows=[[_cell(cell) for cell in row] for row in plain["rows"]],
        count_columns=frozenset(plain["count_columns"]),
        total_labels=frozenset(plain["total_labels"]),
        notes=list(plain["notes"]),
        total_columns=frozenset(plain["total_columns"]),
        derived_columns=dict(plain["derived_columns"]),
        relations=[
            Relation(
                total=tuple(r["total"]),
                parts=tuple(tuple(p) for p in r["parts"]),
                exact=r["exact"],
                weights=None if r["weights"] is None else tuple(Decimal(w) for w in r["weights"]),
            )
            for r in plain["relations"]
        ],
        measures={(r, c): name for r, c, name in plain["measures"]},
    )


def _plain_report(report: Report) -> dict:
    return {
        "title": str(report.title),
        "programme": str(report.programme),
        "period": str(report.period),
        "paragraphs": [str(p) for p in report.paragraphs],
        "tables": [_plain_table(t) for t in report.tables],
        "suppression_note": str(report.suppression_note),
        "assumptions": [str(a) for a in report.assumptions],
    }


def _report(plain: dict) -> Report:
    return Report(
        title=plain["title"],
        programme=plain["programme"],
        period=plain["period"],
        paragraphs=list(plain["paragraphs"]),
        tables=[_table(t) for t in plain["tables"]],
        suppression_note=plain["suppression_note"],
        assumptions=list(plain["assumptions"]),
    )
