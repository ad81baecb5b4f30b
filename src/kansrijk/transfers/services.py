"""Writes of transfers: request, accept, decline, cancel. Each checks who acts, locks what it
changes, and logs it.

A transfer within one programme (another area only) is carried out at once by its
coordinator. A transfer to another programme waits for that programme's coordinator; the
household moves at the moment of acceptance, and from then on the old programme's people
(coordinator, buddy, backup, Doorbraak professionals, referrers) no longer reach the file,
because `access` reads every one of those rules from the household's programme and the
journey's buddy and backup, which move here. The participant's consents are given to kinds of
people (the backup professional, Doorbraak professionals), so they count for the new
programme's people from then on. What happens to the pairing per phase is
`trajectories.services.move_to_programme`.

Twice never happens: the household row is locked while a request is checked and made, a
constraint allows one open transfer per household, and a decision locks the transfer and
refuses one that is no longer open (a second tab, a double click, two coordinators).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.audit import audit
from kansrijk.access.models import AuditAction
from kansrijk.core.errors import Refused
from kansrijk.core.phases import OPEN_PHASES
from kansrijk.matching.services import proposals_withdraw
from kansrijk.people.choices import Role
from kansrijk.people.models import Area, Household, User
from kansrijk.trajectories import counts
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.services import move_to_programme

from . import rules
from .choices import TransferStatus
from .models import Transfer

REASON_MAX = 500


def _open_journey(household: Household) -> Trajectory:
    trajectory = household.trajectories.filter(phase__in=OPEN_PHASES).first()
    if trajectory is None:
        raise Refused(_("Only a household on its journey can be transferred."))
    return trajectory


def _logged(transfer: Transfer, by: User, step: str) -> None:
    """One audit entry per step: "transfer accepted selwerd beijum" (the areas' slugs)."""
    audit(
        actor=by,
        action=AuditAction.CHANGE,
        household=transfer.household,
        detail=f"transfer {step} {transfer.from_area.slug} {transfer.to_area.slug}",
        purpose="journey",
        role=Role.COORDINATOR,
    )


@transaction.atomic
def transfer_request(*, household: Household, by: User, to_area: Area, reason: str) -> Transfer:
    """The coordinator of the household's programme moves it to `to_area`.

    Within the programme the move is carried out at once; to another programme it waits for
    that programme's coordinator (`transfer_accept`). One open transfer per household.
    """
    if not rules.may_request(by, household):
        raise Refused(_("Only a coordinator of this programme can do this."))
    locked = Household.objects.select_for_update().get(pk=household.pk)
    if locked.programme_id != household.programme_id or locked.area_id != household.area_id:
        raise Refused(_("This household moved in the meantime. Look at the page again."))
    reason = reason.strip()
    if not reason:
        raise Refused(_("Say why the household moves, in a few words."))
    if to_area.pk == locked.area_id:
        raise Refused(_("The household already lives in this area."))
    trajectory = _open_journey(locked)
    if Transfer.objects.filter(household=locked, status=TransferStatus.REQUESTED).exists():
        raise Refused(_("A transfer of this household is already waiting for an answer."))
    try:
        with transaction.atomic():
            transfer = Transfer.objects.create(
                household=locked,
                household_name=locked.display_name,
                phase=trajectory.phase,
                from_programme_id=locked.programme_id,
                from_area_id=locked.area_id,
                to_programme_id=to_area.programme_id,
                to_area=to_area,
                reason=reason[:REASON_MAX],
                requested_by=by,
            )
    except IntegrityError:
        raise Refused(_("A transfer of this household is already waiting for an answer.")) from None
    _logged(transfer, by, "requested")
    if not transfer.between_programmes:
        _carry_out(transfer, locked, by, new_buddy=None)
    return transfer


def _lock_open(transfer: Transfer) -> Transfer:
    locked = (
        Transfer.objects.select_for_update(of=("self",))
        .select_related("household", "from_area", "to_area", "from_programme", "to_programme")
        .get(pk=transfer.pk)
    )
    if not locked.is_open:
        raise Refused(_("This transfer was already decided. Look at the list again."))
    return locked


def _carry_out(transfer: Transfer, household: Household, by: User, new_buddy: User | None) -> None:
    """Move the household and its journey; close the transfer as accepted by `by`."""
    trajectory = _open_journey(household)
    household.programme_id = transfer.to_programme_id
    household.area_id = transfer.to_area_id
    with counts.household_changing(household.pk):
        household.save(update_fields=["programme", "area", "updated_at"])
    if transfer.between_programmes:
        trajectory.household = household
        moved = move_to_programme(
            trajectory=trajectory, to_programme=transfer.to_programme, by=by, new_buddy=new_buddy
        )
        # Under the journey's lock, which `move_to_programme` took.
        proposals_withdraw(trajectory=moved, reason=_("The household moved to another programme."))
    transfer.status = TransferStatus.ACCEPTED
    transfer.decided_by = by
    transfer.decided_at = timezone.now()
    transfer.save(update_fields=["status", "decided_by", "decided_at"])
    # The consents read for this journey are kept on it for the request: forget them, so the
    # next question (who may see it now) reads them again after the move.
    policy.forget_consents(trajectory)
    _logged(transfer, by, "accepted")


@transaction.atomic
def transfer_accept(*, transfer: Transfer, by: User, new_buddy: User | None = None) -> Transfer:
    """The receiving coordinator accepts: the household moves now (see the module's docstring).

    A household in aftercare needs `new_buddy`, a buddy of the receiving programme."""
    if not rules.may_decide(by, transfer):
        raise Refused(_("Only a coordinator of the receiving programme can do this."))
    locked = _lock_open(transfer)
    household = Household.objects.select_for_update().get(pk=locked.household_id)
    if household.area_id != locked.from_area_id:
        raise Refused(_("This household moved in the meantime. Look at the page again."))
    _carry_out(locked, household, by, new_buddy)
    return locked


@transaction.atomic
def transfer_decline(*, transfer: Transfer, by: User, reason: str) -> Transfer:
    """The receiving coordinator declines, with a reason; the household stays where it is."""
    if not rules.may_decide(by, transfer):
        raise Refused(_("Only a coordinator of the receiving programme can do this."))
    reason = reason.strip()
    if not reason:
        raise Refused(_("Say why, in a few words."))
    locked = _lock_open(transfer)
    locked.status = TransferStatus.DECLINED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.decline_reason = reason[:REASON_MAX]
    locked.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    _logged(locked, by, "declined")
    return locked


@transaction.atomic
def transfer_cancel(*, transfer: Transfer, by: User) -> Transfer:
    """The sending coordinator takes back a transfer that nobody decided yet."""
    if not rules.may_cancel(by, transfer):
        raise Refused(_("Only a coordinator of this programme can do this."))
    locked = _lock_open(transfer)
    locked.status = TransferStatus.CANCELLED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    _logged(locked, by, "cancelled")
    return locked
