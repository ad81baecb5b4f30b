"""Who may take a step on the journey. Who may *read* a household is `access`'s; these rules
add who may *act*, built on it."""

from kansrijk.access import policy
from kansrijk.people.models import User

from .choices import Phase
from .models import Trajectory


def may_start_aftercare(user: User, trajectory: Trajectory) -> bool:
    """The coordinator, or the household's own buddy, moves a finished year into aftercare."""
    return policy.may_manage(user, trajectory.household) or trajectory.buddy_id == user.pk


def may_start_year(user: User, trajectory: Trajectory) -> bool:
    """The coordinator, or the household's own buddy who was at the first meeting, starts the
    year of a matched household."""
    return trajectory.phase == Phase.MATCHED and (
        policy.may_manage(user, trajectory.household) or trajectory.buddy_id == user.pk
    )


def may_extend(user: User, trajectory: Trajectory) -> bool:
    """Only a coordinator of the programme extends a running active year or aftercare: the
    buddy may ask for it, the coordinator decides (the programme's capacity is theirs)."""
    return trajectory.phase in (Phase.ACTIVE, Phase.AFTERCARE) and policy.may_manage(
        user, trajectory.household
    )
