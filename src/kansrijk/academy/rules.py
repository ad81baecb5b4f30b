"""Who may act in the Academie, the selection of buddies and their support. Who may *read* a
household is `access`'s; the Academie holds no household, so these rules ask only roles."""

from kansrijk.access import policy
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, ProgrammeRole, User


def runs_the_academy(user: User) -> bool:
    """The Buddy Academie is municipality-wide: every coordinator plans sessions and enrols."""
    return any(r.role == Role.COORDINATOR for r in policy.roles_of(user))


def academy_visitor(user: User) -> bool:
    """Coordinators and buddies see the Academie's sessions (buddies to enrol themselves)."""
    return any(r.role in (Role.COORDINATOR, Role.BUDDY) for r in policy.roles_of(user))


def coordinates(user: User, programme: Programme) -> bool:
    """A programme's selection, settings and buddies are its coordinators' to change."""
    return policy.has_role(user, Role.COORDINATOR, programme)


def supports(by: User, buddy: User) -> bool:
    """A buddy's check-ins and breaks: the buddy themselves, or a coordinator of a programme
    they are a buddy in."""
    if by == buddy:
        return True
    programmes = set(
        ProgrammeRole.objects.filter(user=buddy, role=Role.BUDDY).values_list(
            "programme_id", flat=True
        )
    )
    return any(
        r.role == Role.COORDINATOR and r.programme_id in programmes for r in policy.roles_of(by)
    )
