"""Adding a document to a household's file, and taking one out again."""

from django.db import transaction
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.audit import audit_change
from kansrijk.access.choices import FilePart
from kansrijk.access.models import AuditAction
from kansrijk.core.errors import Refused
from kansrijk.core.files import CheckedFile
from kansrijk.people.models import Household, User
from kansrijk.trajectories.models import Trajectory

from . import rules
from .models import Document


@transaction.atomic
def document_add(
    *,
    household: Household,
    trajectory: Trajectory,
    by: User,
    upload: CheckedFile,
    part: FilePart | str,
) -> Document:
    """Keep a checked file (`core.files.checked_upload`) with the file, in the part chosen.

    Only the buddy and the coordinator add documents; the audit log names the document by its
    id, never by its name.
    """
    if not rules.may_add_document(by, household, trajectory):
        raise Refused(_("Only the buddy and the coordinator can add a document."))
    if part not in FilePart.values:
        raise Refused(_("Choose who may see the document."))
    document = Document(household=household, part=FilePart(part), uploaded_by=by)
    document.keep(upload)
    document.save()
    audit_change(
        by=by,
        action=AuditAction.CREATE,
        household=household,
        detail=f"document {document.uuid} added: {document.part}",
        role=policy.acting_role(by, household, trajectory),
    )
    return document


@transaction.atomic
def document_remove(*, document: Document, trajectory: Trajectory, by: User) -> None:
    """Take a document out of the file for good: its content and name go, the audit log keeps
    that it was there (by its id). A second removal of the same document finds nothing."""
    household = document.household
    locked = Document.objects.select_for_update().filter(pk=document.pk).first()
    if locked is None:
        raise Refused(_("This document was already taken out of the file."))
    if not rules.may_remove_document(by, household, trajectory, locked):
        raise Refused(_("Only the coordinator, or the buddy who added it, can take it out."))
    locked.delete()
    audit_change(
        by=by,
        action=AuditAction.CHANGE,
        household=household,
        detail=f"document {document.uuid} removed: {document.part}",
        role=policy.acting_role(by, household, trajectory),
    )
