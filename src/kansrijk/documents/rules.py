"""Who may add a document to a household's file. Who may *read* one is `access`'s
(`policy.document_parts`); this adds who may *act*."""

from kansrijk.access import policy
from kansrijk.people.models import Household, User
from kansrijk.trajectories.models import Trajectory


def may_add_document(user: User, household: Household, trajectory: Trajectory) -> bool:
    """The buddy and the coordinator, who work with the whole file. The backup professional
    reads documents with the participant's consent, but does not add them."""
    return policy.works_with_whole_file(user, household, trajectory)
