"""Reading a household's documents: lists without their content, one file with it."""

from dataclasses import dataclass
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from kansrijk.access import policy
from kansrijk.people.models import Household, User
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.selectors import trajectory_for_user_or_404

from . import rules
from .models import Document

# The household page shows the newest few; the documents page has them all, a page at a time.
ON_THE_FILE = 5


def _listed() -> QuerySet[Document]:
    return (
        Document.objects.defer("content")
        .select_related("uploaded_by")
        .order_by("-uploaded_at", "-id")
    )


def documents_for(user: User, household: Household, trajectory: Trajectory) -> QuerySet[Document]:
    """The household's documents this user may read, newest first; their content is not read."""
    parts = policy.document_parts(user, household, trajectory)
    return _listed().filter(household=household, part__in=parts)


@dataclass(frozen=True)
class Shelf:
    """The documents section of the household page: the newest, and whether there are more
    and whether this user may add one. Empty of parts: the section is not shown."""

    latest: list[Document]
    more: bool
    may_add: bool
    shown: bool


def household_shelf_reads(
    user: User, household: Household, trajectory: Trajectory
) -> QuerySet[Document] | None:
    """The read behind the household page's documents, not yet sent (None: this user reads no
    documents), so the page sends it with its other reads (`core.together`)."""
    if not policy.document_parts(user, household, trajectory):
        return None
    return documents_for(user, household, trajectory)[: ON_THE_FILE + 1]


def household_shelf_from(
    user: User, household: Household, trajectory: Trajectory, rows: list[Document] | None
) -> Shelf:
    """The household page's documents from the rows of `household_shelf_reads`."""
    if rows is None:
        return Shelf(latest=[], more=False, may_add=False, shown=False)
    may_add = rules.may_add_document(user, household, trajectory)
    return Shelf(
        latest=rows[:ON_THE_FILE], more=len(rows) > ON_THE_FILE, may_add=may_add, shown=True
    )


def document_for_user_or_404(
    user: User, household_uuid: UUID, document_uuid: UUID, *, with_content: bool = True
) -> tuple[Household, Trajectory, Document]:
    """One document (with its content, unless not needed), if this user may read it;
    otherwise 404."""
    household, trajectory = trajectory_for_user_or_404(user, household_uuid)
    document = documents_for(user, household, trajectory).filter(uuid=document_uuid)
    if with_content:
        document = document.defer(None)
    found = document.first()
    if found is None:
        raise Http404
    return household, trajectory, found


def own_documents(household: Household) -> QuerySet[Document]:
    """Every document of the participant's own household: her right of access covers every
    part of her file (the export holds them all)."""
    return _listed().filter(household=household)


def own_document_or_404(household: Household, document_uuid: UUID) -> Document:
    found = Document.objects.filter(household=household, uuid=document_uuid).first()
    if found is None:
        raise Http404
    return found
