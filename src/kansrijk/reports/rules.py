"""Who may set a programme's reports up. Who may *read* them is `access`'s
(`report_programme_or_404`); this adds who may *act*."""

from kansrijk.access import policy
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, User


def may_set_up_reports(user: User, programme: Programme) -> bool:
    """The cost-benefit model and the suppression threshold are the coordinator's to set."""
    return policy.has_role(user, Role.COORDINATOR, programme)
