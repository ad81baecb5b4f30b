from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from kansrijk.people.choices import Role

from . import policy
from .audit import SignedInRequest, audit_read
from .forms import AuditFilterForm
from .log_words import by_person_and_day
from .selectors import AuditFilter, audit_search

ENTRIES_PER_PAGE = 50


def _search_described(programme, request: HttpRequest) -> str:
    """What was searched, without the search text: it may be a name, and the log stays forever."""
    filters = {
        key: request.GET[key] for key in ("action", "since", "until") if request.GET.get(key)
    }
    text = request.GET.get("text", "")
    described = " ".join(f"{key}={value}" for key, value in filters.items())
    if text:
        described += f" text ({len(text)} characters)"
    return f"audit log {programme.slug} {described}".strip()[:200]


@require_GET
def audit_log(request: SignedInRequest, programme_slug: str) -> HttpResponse:
    """The coordinator searches the audit log of their programme."""
    coordinated = policy.programmes_with_role(request.user, Role.COORDINATOR)
    programme = get_object_or_404(coordinated, slug=programme_slug)
    # Reading the log shows names too: that read is logged like any other, first, so the
    # page counts the same entries it then shows.
    audit_read(
        request,
        detail=_search_described(programme, request),
        role=Role.COORDINATOR,
        purpose="supervision",
    )
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # A search that cannot be read shows what to mend, not the whole log as if it matched.
        context = {"programme": programme, "form": form, "page_obj": None, "query": ""}
        return render(request, "access/audit_log.html", context, status=422)
    wanted = AuditFilter(**form.cleaned_data) if form.is_bound else AuditFilter()
    page = Paginator(audit_search(programme, wanted), ENTRIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "programme": programme,
        "form": form,
        "page_obj": page,
        "days": by_person_and_day(page.object_list),
        "query": query.urlencode(),
    }
    return render(request, "access/audit_log.html", context)
