"""Reads of transfers: a programme's list (in and out), the one to decide, a household's own.

The list is what the old programme's coordinator keeps of a household that left: the name as
it was handed over, the areas and the dates, read from the transfer itself and never from the
household's file, which they can no longer open.
"""

from uuid import UUID

from django.db.models import F, QuerySet
from django.http import Http404

from kansrijk.core.phases import OPEN_PHASES
from kansrijk.people.models import Household, Programme, User
from kansrijk.trajectories.models import Trajectory

from . import rules
from .choices import TransferStatus
from .models import Transfer

_SHOWN = ("from_programme", "from_area", "to_programme", "to_area")


def transfers_of_programme(programme: Programme) -> QuerySet[Transfer]:
    """Every transfer into or out of the programme, newest first (each on its own index)."""
    incoming = Transfer.objects.filter(to_programme=programme).values("pk").order_by()
    outgoing = Transfer.objects.filter(from_programme=programme).values("pk").order_by()
    return (
        Transfer.objects.filter(pk__in=incoming.union(outgoing))
        .select_related(*_SHOWN)
        .order_by("-requested_at", "-pk")
    )


def waiting_for(programme: Programme) -> QuerySet[Transfer]:
    """Incoming transfers the programme's coordinator still has to accept or decline."""
    return (
        Transfer.objects.filter(to_programme=programme, status=TransferStatus.REQUESTED)
        .select_related(*_SHOWN)
        .order_by("requested_at", "pk")
    )


def transfer_for_coordinator_or_404(user: User, transfer_uuid: UUID | str) -> Transfer:
    """A transfer into or out of a programme this user coordinates; 404 otherwise.

    Of the household only its uuid is read (`household_uuid`, for the way back to its page):
    the sending coordinator may no longer see the household itself."""
    transfer = (
        Transfer.objects.filter(uuid=transfer_uuid)
        .select_related(*_SHOWN, "requested_by")
        .annotate(household_uuid=F("household__uuid"))
        .first()
    )
    if transfer is None or not (
        rules.sees_transfers_of(user, transfer.to_programme)
        or rules.sees_transfers_of(user, transfer.from_programme)
    ):
        raise Http404
    return transfer


def phase_now(transfer: Transfer) -> str | None:
    """The phase of the household's open journey now; None when it has none. The transfer
    keeps the phase at its request (`Transfer.phase`, history): the household may have moved
    on since, and what accepting asks (a buddy for an aftercare) goes by the phase now."""
    return (
        Trajectory.objects.filter(household_id=transfer.household_id, phase__in=OPEN_PHASES)
        .values_list("phase", flat=True)
        .first()
    )


def open_transfer_of(household: Household) -> Transfer | None:
    """The household's transfer that waits for an answer, if any (its page says so)."""
    return (
        Transfer.objects.filter(household=household, status=TransferStatus.REQUESTED)
        .select_related(*_SHOWN)
        .first()
    )


def transfers_of(household: Household) -> QuerySet[Transfer]:
    """Every transfer of the household (a handful at most), for `handovers_among` and `waiting_among`.

    The status is picked in Python, not asked of the database: a status bound as a parameter
    makes SQLite plan the statement again on every run (it might match the partial unique
    index of open transfers), and the household page sends this read inside one large
    statement, whose planning then costs more than the whole read."""
    return Transfer.objects.filter(household=household).select_related(*_SHOWN, "decided_by")


def handovers_among(transfers: list[Transfer], limit: int) -> list[Transfer]:
    """`accepted_transfers_of`, from the rows of `transfers_of`."""
    accepted = [t for t in transfers if t.status == TransferStatus.ACCEPTED]
    accepted.sort(key=lambda t: (t.decided_at, t.pk), reverse=True)
    return accepted[:limit]


def waiting_among(transfers: list[Transfer]) -> Transfer | None:
    """`open_transfer_of`, from the rows of `transfers_of` (there is at most one)."""
    return next((t for t in transfers if t.status == TransferStatus.REQUESTED), None)


def accepted_transfers_of(household: Household, limit: int) -> QuerySet[Transfer]:
    """The household's hand-overs, newest first: the file's timeline shows them."""
    return (
        Transfer.objects.filter(household=household, status=TransferStatus.ACCEPTED)
        .select_related(*_SHOWN, "decided_by")
        .order_by("-decided_at", "-pk")[:limit]
    )
