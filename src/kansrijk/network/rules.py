"""Who may change a household's network map. Who may *read* it is `access`'s (the map is in
the part of the file `access.parts.PLACES` gives it); this adds who may *act*."""

from kansrijk.access import policy
from kansrijk.access.parts import Content
from kansrijk.people.models import User
from kansrijk.trajectories.models import Trajectory


def may_edit_network(user: User, trajectory: Trajectory) -> bool:
    """Buddy and coordinator of a coached household; its backup when consent covers the map."""
    return policy.may_coach(user, trajectory) and policy.may_see(user, trajectory, Content.NETWORK)
