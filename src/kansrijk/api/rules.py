"""Who may ACT on API clients: the programme's coordinator (administrators use the admin)."""

from kansrijk.access import policy
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, User

from .models import ApiClient


def may_manage_api_clients(user: User, programme: Programme) -> bool:
    if user.is_superuser:  # an administrator, in the admin
        return True
    return any(
        r.role == Role.COORDINATOR and r.programme_id == programme.pk for r in policy.roles_of(user)
    )


def may_revoke(user: User, client: ApiClient) -> bool:
    """A coordinator of any programme the client works for, or an administrator."""
    return user.is_superuser or any(
        may_manage_api_clients(user, p) for p in client.programmes.all()
    )
