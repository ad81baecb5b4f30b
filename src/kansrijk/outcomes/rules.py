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


def may_record_follow_up(user: User, household: Household) -> bool:
    """The programme's coordinator records a follow-up after closure (the buddy's year is over)."""
    return policy.may_manage(user, household)


def answers_own_follow_up(user: User, trajectory: Trajectory) -> bool:
    """The participant answers the follow-up of her own household's closed trajectory."""
    own = policy.own_household(user)
    return own is not None and own.pk == trajectory.household_id
