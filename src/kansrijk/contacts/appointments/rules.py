"""Who may plan, move and cancel a household's meetings. Who may *read* them is `access`'s."""

from kansrijk.access import policy
from kansrijk.access.parts import Content
from kansrijk.people.choices import Role
from kansrijk.people.models import User
from kansrijk.trajectories.models import Trajectory


def may_plan(user: User, trajectory: Trajectory) -> bool:
    """Who coaches the household and may see where and why its meetings are: the buddy and the
    coordinator; the backup professional only with consent for the sensitive notes, since the
    form shows the place and purpose already planned."""
    return policy.may_coach(user, trajectory) and policy.may_see(
        user, trajectory, Content.APPOINTMENT_DETAILS
    )


def may_have_feed(user: User) -> bool:
    """A calendar feed lists the meetings of the households a buddy coaches: buddies only."""
    return policy.has_role(user, Role.BUDDY)
