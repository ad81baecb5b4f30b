from django.http import HttpRequest

from kansrijk.people.choices import Role

from .policy import own_household, roles_of


def roles(request: HttpRequest) -> dict:
    """What the navigation needs: which kinds of pages this user has."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    held = {r.role for r in roles_of(user)}
    return {
        "nav_is_participant": not held and own_household(user) is not None,
        "nav_coordinated": [r.programme for r in roles_of(user) if r.role == Role.COORDINATOR],
        "nav_is_buddy": Role.BUDDY in held,
        "nav_is_backup": Role.BACKUP in held,
        "nav_is_funder": Role.FUNDER in held,
        "nav_is_doorbraak": Role.DOORBRAAK in held,
    }
