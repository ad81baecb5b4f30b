"""Who may take which step on a signal or a Doorbraak case, and who stands in for whom today.

Who may *read* a signal or case is decided by `access.policy` (`signal_households`,
`case_households`); these rules add who may *act* among those readers.
"""

from django.db.models import QuerySet

from kansrijk.access import policy
from kansrijk.access.parts import Content, recipients_of
from kansrijk.core.dates import today
from kansrijk.core.phases import COACHING_PHASES
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, ProgrammeRole, User
from kansrijk.trajectories.models import Trajectory

from .models import Cover, DoorbraakCase, Signal


def covers_in_force() -> QuerySet[Cover]:
    day = today()
    return Cover.objects.filter(ended_at__isnull=True, starts_on__lte=day, ends_on__gte=day)


def standing_in_for(user: User) -> list[int]:
    """The ids of the backup professionals this user covers for today (read once per request)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_kansrijk_standing_in_for", None)
    if cached is None:
        cached = list(covers_in_force().filter(colleague=user).values_list("backup_id", flat=True))
        user._kansrijk_standing_in_for = cached
    return cached


def reads_signals_of(user: User, trajectory: Trajectory, just_read: bool = False) -> bool:
    """`just_read`: the trajectory's household was read in this request (`policy`)."""
    household = trajectory.household if just_read else trajectory.household_id
    return policy.reads_signals_of(user, household, standing_in_for(user), just_read)


def may_raise(user: User, trajectory: Trajectory) -> bool:
    """The buddy and the coordinator raise signals about a household in its year or aftercare."""
    return trajectory.phase in COACHING_PHASES and policy.works_with_whole_file(
        user, trajectory.household, trajectory
    )


def is_backup_for(user: User, signal: Signal) -> bool:
    """The household's backup professional, or the colleague covering for them today."""
    backup_id = signal.trajectory.backup_id
    return backup_id is not None and (backup_id == user.pk or backup_id in standing_in_for(user))


def may_handle(user: User, signal: Signal) -> bool:
    """Pick up, answer, pass on or escalate: the backup (or their stand-in) and the coordinator."""
    trajectory = signal.trajectory
    if policy.may_manage(user, trajectory.household):
        return True
    return is_backup_for(user, signal) and reads_signals_of(user, trajectory)


def may_close(user: User, signal: Signal) -> bool:
    """Closing after a response: whoever handles it, and the buddy who raised it."""
    trajectory = signal.trajectory
    buddy = trajectory.phase in COACHING_PHASES and trajectory.buddy_id == user.pk
    return buddy or may_handle(user, signal)


def acting_role(user: User, signal: Signal) -> str:
    """The role a step on this signal is taken in, for the audit log."""
    trajectory = signal.trajectory
    role = policy.acting_role(user, trajectory.household, trajectory)
    return role or ("backup" if is_backup_for(user, signal) else "")


def _opens_cases(user: User, trajectory: Trajectory) -> bool:
    """A professional opens a Doorbraak case: the coordinator, or the household's backup or a
    Doorbraak professional while their consent is in force (the recipients a case reaches, in
    `access.parts`). Not the buddy: a buddy raises a signal, and the backup professional decides
    whether it goes to Doorbraak."""
    household = trajectory.household
    if policy.may_manage(user, household):
        return True
    consented = policy.consented_as(user, household, trajectory)
    return bool(consented & recipients_of(Content.DOORBRAAK_CASE))


def may_open_case(user: User, trajectory: Trajectory) -> bool:
    """The coordinator, or the backup or a Doorbraak professional with consent, during the
    year or aftercare (the consent for Doorbraak itself is checked when the case is opened)."""
    return trajectory.phase in COACHING_PHASES and _opens_cases(user, trajectory)


def may_edit_case(user: User, case: DoorbraakCase) -> bool:
    """The professionals who may open a case keep it up to date, also after the year ends."""
    return _opens_cases(user, case.trajectory)


def backup_programmes(user: User) -> set[int]:
    """The programmes this user works in as a backup professional."""
    return set(
        ProgrammeRole.objects.filter(user=user, role=Role.BACKUP, active=True).values_list(
            "programme_id", flat=True
        )
    )


def may_record_cover_for(by: User, backup: User) -> bool:
    """The backup professional themselves, or a coordinator of a programme they work in."""
    if by.pk == backup.pk:
        return bool(backup_programmes(backup))
    coordinated = {p.pk for p in policy.programmes_with_role(by, Role.COORDINATOR)}
    return bool(coordinated & backup_programmes(backup))


def may_set_crisis_guidance(user: User, programme: Programme) -> bool:
    """The programme's coordinator writes what its buddies read when safety is at stake."""
    return policy.has_role(user, Role.COORDINATOR, programme)
