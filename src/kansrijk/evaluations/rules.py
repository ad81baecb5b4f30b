"""Who may act on evaluations. Only the programme's coordinator reads the answers and enters
a paper form; the participant gives her own, in her own portal (`access.policy`)."""

from kansrijk.access import policy
from kansrijk.people.choices import Role
from kansrijk.people.models import Household, Programme, User


def may_read_evaluations(user: User, programme: Programme) -> bool:
    """The programme's coordinator; never a buddy, backup, funder or another coordinator."""
    return policy.has_role(user, Role.COORDINATOR, programme)


def may_enter_paper(user: User, household: Household) -> bool:
    """The coordinator types in an evaluation the participant filled in on paper."""
    return policy.may_manage(user, household)


def gives_own(user: User, household: Household) -> bool:
    """The participant herself, signed in to her portal."""
    own = policy.own_household(user)
    return own is not None and own.pk == household.pk
