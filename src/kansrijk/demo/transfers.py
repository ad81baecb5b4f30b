"""Transfers in the demo: a West household that moved to Oost some months ago (its file shows
the hand-over), and one waiting for the Oost coordinator's answer. Adds nothing twice."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from kansrijk.people.models import Area, User
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.transfers import services
from kansrijk.transfers.models import Transfer

# How long ago the first household moved, and the second was sent.
MOVED_DAYS_AGO, SENT_DAYS_AGO = 100, 2


def _west_household(phase: Phase, skip: set[int]) -> Trajectory | None:
    return (
        Trajectory.objects.filter(programme__slug="kansrijk-west", phase=phase)
        .exclude(household_id__in=skip)
        .select_related("household")
        .order_by("pk")
        .first()
    )


def transfers_demo() -> int:
    """Answer how many transfers were made (0 when the demo has them already)."""
    if Transfer.objects.exists():
        return 0
    west = User.objects.filter(username="coordinator.west").first()
    oost = User.objects.filter(username="coordinator").first()
    beijum = Area.objects.filter(programme__slug="kansrijk-oost", slug="beijum").first()
    lewenborg = Area.objects.filter(programme__slug="kansrijk-oost", slug="lewenborg").first()
    moved = _west_household(Phase.INTAKE, set())
    if None in (west, oost, beijum, lewenborg) or moved is None:
        return 0
    waiting = _west_household(Phase.REFERRED, {moved.household_id})
    with transaction.atomic():
        done = services.transfer_request(
            household=moved.household,
            by=west,
            to_area=beijum,
            reason="Het gezin kreeg een woning in Beijum, dichter bij de school van de kinderen.",
        )
        services.transfer_accept(transfer=done, by=oost)
        asked = timezone.now() - dt.timedelta(days=MOVED_DAYS_AGO + 3)
        Transfer.objects.filter(pk=done.pk).update(
            requested_at=asked, decided_at=asked + dt.timedelta(days=3)
        )
        if waiting is None:
            return 1
        sent = services.transfer_request(
            household=waiting.household,
            by=west,
            to_area=lewenborg,
            reason="Verhuist volgende maand naar Lewenborg.",
        )
        Transfer.objects.filter(pk=sent.pk).update(
            requested_at=timezone.now() - dt.timedelta(days=SENT_DAYS_AGO)
        )
    return 2
