"""Who may add a document to a household's file, and who may take one out. Who may *read* one is `access`'s
(`policy.document_parts`); this adds who may *act*."""

from kansrijk.access import policy
from kansrijk.people.models import Household, User
from kansrijk.trajectories.models import Trajectory

from .models import Document


def may_add_document(user: User, household: Household, trajectory: Trajectory) -> bool:
    """The buddy and the coordinator, who work with the whole file. The backup professional
    reads documents with the participant's consent, but does not add them."""
    return policy.works_with_whole_file(user, household, trajectory)


def may_remove_document(
    user: User, household: Household, trajectory: Trajectory, document: Document
) -> bool:
    """A document added by mistake (the wrong letter, a scan of someone else's paper) can be
    taken out by the coordinator, or by the buddy who added it. The participant asks them;
    the whole file goes with erasure."""
    if not may_add_document(user, household, trajectory):
        return False
    return policy.may_manage(user, household) or document.uploaded_by_id == user.pk
