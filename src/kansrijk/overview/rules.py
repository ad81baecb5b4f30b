"""Who may open the overview's pages that show no household. Who may *read* a household is
`access`'s."""

from kansrijk.access import policy
from kansrijk.people.choices import Role
from kansrijk.people.models import User


def may_see_organisations(user: User) -> bool:
    """The organisations a consent can name, and who works there, are for coordinators: they
    record the consents and ask the admin to add an organisation's people."""
    return policy.has_role(user, Role.COORDINATOR)
