"""`GET /programmes/{slug}/figures`: a programme's figures as its funders see them.

The very reports of the funder's pages (`reports.publication.published_all`), for one whole
year that has ended: counts below the programme's threshold, and every figure that would give
one away, come as `null` with `suppressed: true`. Nothing is counted here.
"""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from kansrijk.core.errors import Refused
from kansrijk.reports.publication import KINDS, audience_for, funder_cohort, published_all
from kansrijk.reports.scope import ended_years, scope_from
from kansrijk.reports.tables import Cell, Report, Suppressed

from .auth import log_call, require_scope
from .choices import ApiScope
from .responses import documented
from .schemas import Figures

router = Router(tags=["figures"])


def _cell(cell: Cell | Suppressed) -> dict:
    if isinstance(cell, Suppressed):
        return {"value": None, "suppressed": True}
    if cell is None or isinstance(cell, int | str):
        return {"value": cell, "suppressed": False}
    return {"value": str(cell), "suppressed": False}


def _report(kind: str, report: Report) -> dict:
    return {
        "kind": kind,
        "title": str(report.title),
        "paragraphs": [str(p) for p in report.paragraphs],
        "tables": [
            {
                "caption": str(t.caption),
                "columns": [str(c) for c in t.columns],
                "rows": [[_cell(c) for c in row] for row in t.rows],
                "notes": [str(n) for n in t.notes],
            }
            for t in report.tables
        ],
    }


@router.get(
    "/programmes/{slug:slug}/figures",
    response=documented({200: Figures}),
    summary="A programme's figures for one ended year, small counts suppressed",
    operation_id="programme_figures",
)
def programme_figures(
    request: HttpRequest,
    slug: str,
    # year and area are read by `reports.scope.scope_from`, as on the funder's pages; declared
    # here for the document and its first checks.
    year: int | None = Query(
        None, ge=1900, le=9999, description="A whole year that has ended; default: the last one."
    ),
    area: str | None = Query(
        None, max_length=50, description="An area's slug; default: all areas."
    ),
):
    """The dashboard, results and costs and benefits of the funder's pages for one ended year:
    every cell the disclosure check hides is null with `suppressed: true`."""
    client = require_scope(request, ApiScope.FIGURES_READ)
    programme = client.programmes.filter(slug=slug).first()
    if programme is None:
        raise Http404
    years = ended_years(programme)
    if not years:
        raise Refused(_("This programme has no whole year behind it yet."))
    scope, form = scope_from(request.GET, programme, single_year=True)
    if "year" in form.errors:
        raise Refused(
            _("Choose a whole year that has ended: %(years)s.")
            % {"years": ", ".join(str(y) for y in years)}
        )
    if form.errors:
        raise Refused(_("The programme has no area %(area)s.") % {"area": area})
    audience = audience_for(programme, exact=False)
    reports = published_all(scope, funder_cohort(scope), audience)
    log_call(request, f"api figures {programme.slug}")
    return {
        "programme": programme.slug,
        "year": scope.first_year,
        "area": scope.area.slug if scope.area else None,
        "threshold": audience.threshold,
        "suppression_note": str(reports[0].suppression_note),
        "reports": [_report(k, r) for k, r in zip(KINDS, reports, strict=True)],
    }
