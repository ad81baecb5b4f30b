"""Who may start, decide and cancel a transfer. Who may *read* a household is `access`'s."""

from kansrijk.access import policy
from kansrijk.people.choices import Role
from kansrijk.people.models import Household, Programme, User

from .models import Transfer


def may_request(user: User, household: Household) -> bool:
    """The coordinator of the household's current programme starts its transfer."""
    return policy.may_manage(user, household)


def may_decide(user: User, transfer: Transfer) -> bool:
    """The receiving programme's coordinator accepts or declines (while it is open: the
    service checks that under the transfer's lock)."""
    return policy.has_role(user, Role.COORDINATOR, transfer.to_programme)


def may_cancel(user: User, transfer: Transfer) -> bool:
    """The sending programme's coordinator takes back a transfer nobody decided yet."""
    return policy.has_role(user, Role.COORDINATOR, transfer.from_programme)


def sees_transfers_of(user: User, programme: Programme) -> bool:
    """A programme's list of transfers (in and out) is for its coordinators."""
    return policy.has_role(user, Role.COORDINATOR, programme)
