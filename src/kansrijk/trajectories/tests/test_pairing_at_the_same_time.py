"""Two coordinators pairing the same buddy at the same moment must not overfill that buddy."""

import threading

import pytest
from django.db import connection, transaction
from django.utils import translation

from kansrijk.core.errors import Refused
from kansrijk.trajectories import services
from kansrijk.trajectories.choices import Phase

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite runs one writing transaction at a time (BEGIN IMMEDIATE): no race there",
    ),
    pytest.mark.django_db(transaction=True),
]


def _pair(trajectory, cast, day):
    return services.trajectory_match(
        trajectory=trajectory,
        by=cast.coordinator,
        buddy=cast.buddy,
        backup=None,
        paired_on=day,
        version=trajectory.version,
    )


def test_a_second_pairing_of_a_full_buddy_waits_for_the_first_and_is_then_refused(
    cast, journey, frozen_today
):
    first, second = journey(Phase.MATCHING), journey(Phase.MATCHING)
    first_paired, first_may_commit = threading.Event(), threading.Event()
    outcome: dict[str, str] = {}

    def first_coordinator() -> None:
        try:
            with transaction.atomic():
                _pair(first, cast, frozen_today)
                first_paired.set()
                first_may_commit.wait(10)
        finally:
            connection.close()

    def second_coordinator() -> None:
        try:
            with translation.override("en"):  # the active language is per thread
                _pair(second, cast, frozen_today)
            outcome["second"] = "paired"
        except Refused as refusal:
            outcome["second"] = refusal.message
        finally:
            connection.close()

    one = threading.Thread(target=first_coordinator)
    one.start()
    assert first_paired.wait(10)
    two = threading.Thread(target=second_coordinator)
    two.start()
    two.join(0.5)  # the first pairing has not committed yet: the second must wait for it
    waited = two.is_alive()
    first_may_commit.set()
    one.join(10)
    two.join(10)

    assert waited
    assert "which is their maximum" in outcome["second"]
    assert services.buddy_load(cast.buddy) == 1
