"""Report pages: the funder's start page, the programme report, costs and benefits, downloads.

Every page here shows counts only. `access.policy.report_programme_or_404` decides who reads a
programme's reports and whether exactly (its coordinator) or with small counts hidden (its
funders and evaluators); anyone else gets 404. Each page builds one `Report` and the download of
that page writes the very same `Report`.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kansrijk.access import policy
from kansrijk.access.audit import audit_read
from kansrijk.access.models import AuditAction
from kansrijk.core.dates import today
from kansrijk.core.forms import submit
from kansrijk.core.spreadsheet import CSV_FLAVOURS, DUTCH, csv_flavour
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme

from . import rules, services
from .charts import report_charts
from .cohort import Cohort, CohortForm, cohort_from
from .costbenefit import benefits_to_edit
from .exports import FORMATS, export
from .forms import COST_FIELDS, CostBenefitForm
from .publication import KINDS
from .publication import audience_for as _audience
from .publication import funder_cohort as _funder_cohort
from .publication import published as _published
from .scope import Scope, ScopeForm, ended_years, scope_from
from .suppression import threshold_for
from .tables import Report


def _first_year_pending(view):
    """A funder's report page before the programme's first whole year has ended: says when."""

    @wraps(view)
    def page(request: HttpRequest, programme_slug: str) -> HttpResponse:
        try:
            return view(request, programme_slug)
        except _NoEndedYear as pending:
            context = {"programme": pending.programme, "year": today().year}
            return render(request, "reports/first_year_pending.html", context)

    return page


# The funder's start page lists the programmes they follow a page at a time: a national funder
# follows a hundred programmes, and the page grew with each one (30 KB at 100).
PROGRAMMES_PER_PAGE = 20


@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """The funder's start page: the programmes they follow and the way to each one's report
    (the figures themselves are in the report, with small counts suppressed)."""
    funded = (
        policy.programmes_with_role(request.user, Role.FUNDER)
        .order_by("name", "pk")
        .only("name", "slug", "funders")
    )
    page = Paginator(funded, PROGRAMMES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"programmes": page.object_list, "page_obj": page, "query": ""}
    return render(request, "reports/figures.html", context)


class _NoEndedYear(Exception):
    """A funder's programme has no whole year behind it yet (see `scope.ended_years`)."""

    def __init__(self, programme):
        self.programme = programme


@dataclass(frozen=True)
class _Page:
    programme: Programme
    exact: bool
    scope: Scope
    form: ScopeForm
    cohort: Cohort
    cohort_form: CohortForm
    report: Report

    def query(self) -> str:
        """The query string of this page's selection, for its links and downloads."""
        return f"{self.scope.query()}&{self.cohort.query()}"


def _page(request: HttpRequest, programme_slug: str, kind: str) -> _Page:
    if kind not in KINDS:
        raise Http404
    programme, exact = policy.report_programme_or_404(request.user, programme_slug)
    if not exact and not ended_years(programme):
        raise _NoEndedYear(programme)
    scope, form = scope_from(request.GET, programme, single_year=not exact)
    if exact:
        cohort, cohort_form = cohort_from(request.GET, scope)
    else:
        cohort, cohort_form = _funder_cohort(scope), None
    report = _published(kind, scope, cohort, _audience(programme, exact))
    return _Page(programme, exact, scope, form, cohort, cohort_form, report)


@require_GET
@_first_year_pending
def programme_report(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """Households per phase and area, early endings, life domains, Doorbraak, buddies, Academie."""
    page = _page(request, programme_slug, "dashboard")
    sections = list(zip(page.report.tables, report_charts("dashboard", page.report), strict=True))
    context = _context(page, "dashboard")
    context["sections"] = sections
    return render(request, "reports/dashboard.html", context)


@require_GET
@_first_year_pending
def results(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """The results list of a programme, for its coordinators and (suppressed) its funders."""
    context = _context(_page(request, programme_slug, "results"), "results")
    return render(request, "reports/results.html", context)


@require_GET
@_first_year_pending
def cost_benefit(request: HttpRequest, programme_slug: str) -> HttpResponse:
    page = _page(request, programme_slug, "cost-benefit")
    context = _context(page, "cost-benefit")
    context["may_edit"] = rules.may_set_up_reports(request.user, page.programme)
    return render(request, "reports/cost_benefit.html", context)


def _context(page: _Page, kind: str) -> dict:
    return {
        "programme": page.programme,
        "exact": page.exact,
        "scope": page.scope,
        "form": page.form,
        # The cost-benefit page counts a period, not a cohort: it offers no cohort to choose.
        "cohort_form": None if kind == "cost-benefit" else page.cohort_form,
        "query": page.query(),
        "report": page.report,
        "kind": kind,
        "formats": list(FORMATS),
        "csv_flavours": list(CSV_FLAVOURS.values()),
    }


@require_http_methods(["GET", "POST"])
def cost_benefit_edit(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """The coordinator sets the yearly costs, the value of each outcome and the threshold."""
    programme, exact = policy.report_programme_or_404(request.user, programme_slug)
    policy.require(exact)  # the coordinator; the service checks again before it writes
    model, benefits = benefits_to_edit(programme)
    form = CostBenefitForm(
        request.POST or None, model=model, benefits=benefits, threshold=threshold_for(programme)
    )

    def save(data):
        services.cost_benefit_save(
            programme=programme,
            by=request.user,
            version=data["version"],
            costs={name: data[name] for name in COST_FIELDS},
            threshold=data["suppression_threshold"],
            benefits=form.benefit_data(),
            labels={b.outcome_code: b.label for b in benefits},
            request=request,
        )

    if request.method == "POST" and submit(form, save):
        messages.success(request, _("The cost-benefit model is saved."))
        # Back to the period the coordinator was looking at.
        scope, _form = scope_from(request.GET, programme)
        return redirect(f"{reverse('cost_benefit', args=[programme.slug])}?{scope.query()}")
    return render(request, "reports/cost_benefit_edit.html", {"programme": programme, "form": form})


@require_GET
def report_download(
    request: HttpRequest, programme_slug: str, report_kind: str, file_format: str
) -> HttpResponse:
    """The report of this kind and scope as CSV, XLSX or PDF: the figures of its page. A CSV
    is for Excel in Dutch unless `?flavour=international` asks for the international one."""
    flavour = csv_flavour(request.GET.get("flavour"))
    if file_format not in FORMATS or flavour is None:
        raise Http404
    try:
        page = _page(request, programme_slug, report_kind)
    except _NoEndedYear:
        raise Http404 from None
    programme, scope = page.programme, page.scope
    role = Role.COORDINATOR if page.exact else Role.FUNDER
    audit_read(
        request,
        action=AuditAction.EXPORT,
        detail=f"report {report_kind} {programme.slug} {page.query()} {file_format}"
        + (f" {flavour.slug}" if file_format == "csv" else ""),
        role=role,
    )
    years = {scope.first_year, scope.last_year}
    name = slugify(f"{programme.name} {report_kind} {' '.join(map(str, sorted(years)))}")
    if file_format == "csv" and flavour is not DUTCH:
        name += f"-{flavour.slug}"
    content = export(
        page.report, file_format, flavour=flavour, charts=report_charts(report_kind, page.report)
    )
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
