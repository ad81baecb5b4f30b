"""Two coordinators (or two tabs) accepting the same transfer at once: it moves once."""

import threading

import pytest
from django.db import connection
from django.utils import translation

from kansrijk.core.errors import Refused
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import PhaseChange
from kansrijk.transfers import services
from kansrijk.transfers.models import Transfer

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite runs one writing transaction at a time (BEGIN IMMEDIATE): no race there",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_accepts_at_once_move_the_household_once(cast, journey, selwerd, request_to):
    trajectory = journey(Phase.ACTIVE)
    transfer = request_to(trajectory, selwerd)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def accept() -> None:
        try:
            with translation.override("en"):
                start.wait(5)
                services.transfer_accept(
                    transfer=Transfer.objects.get(pk=transfer.pk), by=cast.other_coordinator
                )
            outcomes.append("accepted")
        except Refused as refusal:
            outcomes.append(refusal.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    assert outcomes.count("accepted") == 1
    assert any("already decided" in o for o in outcomes)
    moved = PhaseChange.objects.filter(trajectory=trajectory, to_phase=Phase.MATCHING)
    assert moved.count() == 1
