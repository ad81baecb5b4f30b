"""Who may take a step on the journey. Who may *read* a household is `access`'s; these rules
add who may *act*, built on it."""

from kansrijk.access import policy
from kansrijk.people.models import User

from .models import Trajectory


def may_start_aftercare(user: User, trajectory: Trajectory) -> bool:
    """The coordinator, or the household's own buddy, moves a finished year into aftercare."""
    return policy.may_manage(user, trajectory.household) or trajectory.buddy_id == user.pk
