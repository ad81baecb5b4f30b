"""Who may record what a household reached. Who may *read* outcomes is `access`'s
(`outcome_households`); this adds who may *act*."""

from kansrijk.access import policy
from kansrijk.people.models import Household, User
from kansrijk.trajectories.models import Trajectory


def may_record_outcomes(user: User, household: Household, trajectory: Trajectory | None) -> bool:
    """The coordinator at any time; the buddy and the backup (with consent) while coaching."""
    if policy.may_manage(user, household):
        return True
    return trajectory is not None and policy.may_coach(user, trajectory)
