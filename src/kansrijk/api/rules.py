"""Who may ACT on API clients: the programme's coordinator (administrators use the admin)."""

from kansrijk.access import policy
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, User

from .models import ApiClient


def may_manage_api_clients(user: User, programme: Programme) -> bool:
    # An administrator, in the admin.
    return user.is_superuser or policy.has_role(user, Role.COORDINATOR, programme)


def may_revoke(user: User, client: ApiClient) -> bool:
    """A coordinator of any programme the client works for, or an administrator."""
    return any(may_manage_api_clients(user, p) for p in client.programmes.all())
