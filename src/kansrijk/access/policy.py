"""The one place that decides who may see and change which household.

Every view, command and API call that touches personal data starts here. The rules:
- a coordinator sees the households of the programmes they coordinate;
- a buddy sees the households they coach, during the active year and aftercare;
- a backup professional sees the households they back up, in the same phases;
- a funder, Doorbraak professional or referrer sees no household here (funders get aggregates).
Anything not allowed is answered with 404, so a stranger cannot even learn that a file exists.
"""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kansrijk.core.phases import COACHING_PHASES
from kansrijk.people.choices import Role
from kansrijk.people.models import Household, Programme, ProgrammeRole, User


def roles_of(user: User) -> list[ProgrammeRole]:
    """The user's active roles, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_kansrijk_roles", None)
    if cached is None:
        cached = list(
            ProgrammeRole.objects.filter(user=user, active=True).select_related("programme")
        )
        user._kansrijk_roles = cached
    return cached


def has_role(user: User, role: Role, programme: Programme | None = None) -> bool:
    return any(
        r.role == role and (programme is None or r.programme_id == programme.pk)
        for r in roles_of(user)
    )


def programmes_with_role(user: User, role: Role) -> QuerySet[Programme]:
    programme_ids = [r.programme_id for r in roles_of(user) if r.role == role]
    return Programme.objects.filter(pk__in=programme_ids)


def _coached_by(user: User) -> Q:
    coached = Household.objects.filter(
        trajectories__buddy=user, trajectories__phase__in=COACHING_PHASES
    ).values("pk")
    backed = Household.objects.filter(
        trajectories__backup=user, trajectories__phase__in=COACHING_PHASES
    ).values("pk")
    return Q(pk__in=coached) | Q(pk__in=backed)


def visible_households(user: User) -> QuerySet[Household]:
    """Every household whose file this user may open."""
    if not user.is_authenticated:
        return Household.objects.none()
    coordinated = [r.programme_id for r in roles_of(user) if r.role == Role.COORDINATOR]
    return Household.objects.filter(Q(programme_id__in=coordinated) | _coached_by(user))


def household_for_user_or_404(user: User, household_uuid: UUID | str) -> Household:
    """The household, if this user may see it; otherwise 404 (never 403: no hint it exists)."""
    household = (
        visible_households(user)
        .select_related("programme", "area")
        .filter(uuid=household_uuid)
        .first()
    )
    if household is None:
        raise Http404
    return household


@dataclass(frozen=True)
class Reason:
    """Why someone may see a household: the role it is seen in and a line to show them."""

    role: Role
    sentence: str


def reason_to_see(user: User, household: Household, trajectory: Any | None) -> Reason:
    """Say in one line why this user may see this household (shown on every page with it)."""
    if trajectory is not None and trajectory.phase in COACHING_PHASES:
        if trajectory.buddy_id == user.pk:
            return Reason(
                Role.BUDDY, _("You see this because you are the buddy of this household.")
            )
        if trajectory.backup_id == user.pk:
            return Reason(
                Role.BACKUP,
                _("You see this because you are the backup professional for this household."),
            )
    if has_role(user, Role.COORDINATOR, household.programme):
        return Reason(
            Role.COORDINATOR,
            _("You see this because you coordinate %(programme)s.")
            % {"programme": household.programme.name},
        )
    raise Http404


def acting_role(user: User, household: Household, trajectory: Any | None) -> str:
    """The role in which this user reads or changes the household, for the audit log."""
    try:
        return reason_to_see(user, household, trajectory).role
    except Http404:
        return ""


def may_manage(user: User, household: Household) -> bool:
    """Coordinators run the journey: referral, intake, pairing, closure and drop-out."""
    return has_role(user, Role.COORDINATOR, household.programme)


def may_coach(user: User, trajectory: Any) -> bool:
    """The buddy and backup professional of a coached household, and its coordinator."""
    in_coaching = trajectory.phase in COACHING_PHASES
    is_pair = user.pk in (trajectory.buddy_id, trajectory.backup_id)
    return in_coaching and (is_pair or may_manage(user, trajectory.household))


def may_start_aftercare(user: User, trajectory: Any) -> bool:
    return may_manage(user, trajectory.household) or trajectory.buddy_id == user.pk


def require(allowed: bool) -> None:
    """Turn a refused permission into the same 404 a missing page gets."""
    if not allowed:
        raise Http404
