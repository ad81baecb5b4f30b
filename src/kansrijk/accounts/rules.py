"""Who may *act* on signing in for someone else. Who may read a household is `access`'s."""

from typing import Any

from kansrijk.access import policy
from kansrijk.people.models import Household, User


def may_make_letter(user: User, household: Household, trajectory: Any | None) -> bool:
    """The programme's coordinator and the household's own buddy, who sit with the participant,
    make her activation letter. Nobody else: a letter opens her own page."""
    return policy.works_with_whole_file(user, household, trajectory)
