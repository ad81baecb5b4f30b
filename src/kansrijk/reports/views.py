"""Report pages: the funder's start page, the programme report, costs and benefits, downloads.

Every page here shows counts only. `access.policy.report_programme_or_404` decides who reads a
programme's reports and whether exactly (its coordinator) or with small counts hidden (its
funders and evaluators); anyone else gets 404. Each page builds one `Report` and the download of
that page writes the very same `Report`.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kansrijk.access import policy
from kansrijk.access.audit import audit_read
from kansrijk.access.models import AuditAction
from kansrijk.core.forms import submit
from kansrijk.core.spreadsheet import CSV_FLAVOURS, DUTCH, csv_flavour
from kansrijk.people.choices import Role

from . import rules, services
from .charts import report_charts
from .costbenefit import benefits_to_edit, cost_benefit_report
from .dashboard import Audience, dashboard_report
from .exports import FORMATS, export
from .forms import COST_FIELDS, CostBenefitForm
from .results import results_report
from .scope import Scope, scope_from
from .suppression import threshold_for
from .tables import Report


@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """The funder's start page: the programmes they follow and the way to each one's report
    (the figures themselves are in the report, with small counts suppressed)."""
    funded = policy.programmes_with_role(request.user, Role.FUNDER).order_by("name")
    return render(request, "reports/figures.html", {"programmes": funded})


def _audience(programme, exact: bool) -> Audience:
    return Audience(exact=exact, threshold=0 if exact else threshold_for(programme))


def _build(kind: str, scope: Scope, audience: Audience) -> Report:
    if kind == "dashboard":
        return dashboard_report(scope, audience)
    if kind == "cost-benefit":
        return cost_benefit_report(scope, audience)
    if kind == "results":
        return results_report(
            programme=scope.programme,
            # None for the whole programme: its period then needs no list of all areas.
            areas=[scope.area] if scope.area else None,
            since=scope.since,
            until=scope.until,
            threshold=None if audience.exact else audience.threshold,
        )
    raise Http404


def _page(request: HttpRequest, programme_slug: str, kind: str):
    programme, exact = policy.report_programme_or_404(request.user, programme_slug)
    scope, form = scope_from(request.GET, programme)
    report = _build(kind, scope, _audience(programme, exact))
    return programme, exact, scope, form, report


@require_GET
def programme_report(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """Households per phase and area, early endings, life domains, Doorbraak, buddies, Academie."""
    programme, exact, scope, form, report = _page(request, programme_slug, "dashboard")
    sections = list(zip(report.tables, report_charts("dashboard", report), strict=True))
    context = _context(programme, exact, scope, form, report, "dashboard")
    context["sections"] = sections
    return render(request, "reports/dashboard.html", context)


@require_GET
def results(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """The results list of a programme, for its coordinators and (suppressed) its funders."""
    programme, exact, scope, form, report = _page(request, programme_slug, "results")
    context = _context(programme, exact, scope, form, report, "results")
    return render(request, "reports/results.html", context)


@require_GET
def cost_benefit(request: HttpRequest, programme_slug: str) -> HttpResponse:
    programme, exact, scope, form, report = _page(request, programme_slug, "cost-benefit")
    context = _context(programme, exact, scope, form, report, "cost-benefit")
    context["may_edit"] = rules.may_set_up_reports(request.user, programme)
    return render(request, "reports/cost_benefit.html", context)


def _context(programme, exact, scope, form, report, kind) -> dict:
    return {
        "programme": programme,
        "exact": exact,
        "scope": scope,
        "form": form,
        "report": report,
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
    programme, exact, scope, _form, report = _page(request, programme_slug, report_kind)
    role = Role.COORDINATOR if exact else Role.FUNDER
    audit_read(
        request,
        action=AuditAction.EXPORT,
        detail=f"report {report_kind} {programme.slug} {scope.query()} {file_format}"
        + (f" {flavour.slug}" if file_format == "csv" else ""),
        role=role,
    )
    name = slugify(f"{programme.name} {report_kind} {scope.first_year} {scope.last_year}")
    if file_format == "csv" and flavour is not DUTCH:
        name += f"-{flavour.slug}"
    content = export(
        report, file_format, flavour=flavour, charts=report_charts(report_kind, report)
    )
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
