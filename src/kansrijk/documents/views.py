"""A household's documents: the list and the form to add one, and downloads.

Every page starts from `access` (through `selectors`); denied is 404. Every list and every
download is written to the audit log; a download names the document by its id.
"""

from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kansrijk.access import policy
from kansrijk.access.audit import audit_own_read, audit_read
from kansrijk.core.confirm import Confirmation, confirm_page, confirmed
from kansrijk.core.dates import long_date
from kansrijk.core.errors import Refused
from kansrijk.core.files import attachment
from kansrijk.core.forms import number_from, submit
from kansrijk.people.models import Household
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.selectors import trajectory_for_user_or_404

from . import rules, selectors, services
from .forms import DocumentForm
from .models import Document

PER_PAGE = 25


@require_http_methods(["GET", "POST"])
def documents(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """All the documents this user may read, and for the buddy and coordinator a form to add."""
    household, trajectory = trajectory_for_user_or_404(request.user, household_uuid)
    policy.require(bool(policy.document_parts(request.user, household, trajectory)))
    may_add = rules.may_add_document(request.user, household, trajectory)
    policy.require(may_add or request.method == "GET")
    form = DocumentForm(request.POST, request.FILES) if request.method == "POST" else DocumentForm()

    def add(data: dict) -> object:
        return services.document_add(
            household=household,
            trajectory=trajectory,
            by=request.user,
            upload=data["file"],
            part=data["part"],
        )

    if request.method == "POST" and submit(form, add):
        messages.success(request, _("The document is kept with the file."))
        return redirect("household_documents", household.uuid)
    return _documents_page(request, household, trajectory, form if may_add else None)


def _documents_page(
    request: HttpRequest, household: Household, trajectory: Trajectory, form: DocumentForm | None
) -> HttpResponse:
    """The list a page at a time (the read is logged), with the form when there is one."""
    reason = policy.reason_to_see(request.user, household, trajectory)
    number = number_from(request.GET.get("page"), min_value=1) or 1
    if request.method == "GET":
        detail = f"documents page {number}"
        audit_read(request, household=household, detail=detail, role=reason.role)
    rows = selectors.documents_for(request.user, household, trajectory)
    context = {
        "household": household,
        "trajectory": trajectory,
        "reason": reason,
        "form": form,
        "page_obj": Paginator(rows, PER_PAGE).get_page(number),
    }
    status = 422 if form is not None and form.errors else 200
    return render(request, "documents/documents.html", context, status=status)


@require_GET
def document(request: HttpRequest, household_uuid: UUID, document_uuid: UUID) -> HttpResponse:
    """Download one document, as a file to save (never shown in the browser)."""
    household, trajectory, found = selectors.document_for_user_or_404(
        request.user, household_uuid, document_uuid
    )
    role = policy.acting_role(request.user, household, trajectory)
    detail = f"document {found.uuid}: {found.part}"
    audit_read(request, household=household, detail=detail, role=role)
    return attachment(found.content, found.kind, found.name)


@require_POST
def document_remove(
    request: HttpRequest, household_uuid: UUID, document_uuid: UUID
) -> HttpResponse:
    """Take a document out of the file, after a page that says which one goes for good."""
    household, trajectory, found = selectors.document_for_user_or_404(
        request.user, household_uuid, document_uuid, with_content=False
    )
    policy.require(rules.may_remove_document(request.user, household, trajectory, found))
    if not confirmed(request):
        return confirm_page(request, _removal(household, found))
    try:
        services.document_remove(document=found, trajectory=trajectory, by=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The document is taken out of the file."))
    return redirect("household_documents", household.uuid)


def _removal(household: Household, document: Document) -> Confirmation:
    return Confirmation(
        title=_("Take this document out of the file?"),
        lead=_("This document goes out of the household's file, for everyone:"),
        facts=[
            _("%(name)s, added on %(date)s")
            % {"name": document.name, "date": long_date(document.uploaded_at)}
        ],
        afterwards=_(
            "This cannot be undone: keep a copy elsewhere if it is still needed. The audit log "
            "keeps that it was here, not what it held."
        ),
        button=_("Yes, take it out"),
        cancel_url=reverse("household_documents", args=[household.uuid]),
    )


@require_GET
def my_document(request: HttpRequest, document_uuid: UUID) -> HttpResponse:
    """The participant downloads a document of her own file."""
    household = policy.own_household_or_404(request.user)
    found = selectors.own_document_or_404(household, document_uuid)
    audit_own_read(request, household, f"document {found.uuid}: {found.part}")
    return attachment(found.content, found.kind, found.name)
