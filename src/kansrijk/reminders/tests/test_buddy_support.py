"""Reminders follow the Academie's support of buddies: none during a break, and the coordinator
hears of a certificate of conduct that ends soon."""

import datetime as dt

from kansrijk.academy import services
from kansrijk.academy.choices import Stage
from kansrijk.academy.models import Candidate
from kansrijk.core.dates import today
from kansrijk.core.phases import Phase
from kansrijk.reminders.selectors import digest_for


def test_a_buddy_on_a_break_gets_no_reminders_about_their_households(cast, journey):
    journey(Phase.ACTIVE, matched_on=today() - dt.timedelta(days=60))
    assert digest_for(cast.buddy).sections  # no contact for weeks: a reminder

    services.pause_record(
        user=cast.buddy,
        by=cast.buddy,
        starts_on=today(),
        ends_on=today() + dt.timedelta(days=14),
        reason="holiday",
    )

    assert digest_for(cast.buddy).sections == []


def test_the_coordinator_is_reminded_of_a_certificate_of_conduct_that_ends_soon(cast, frozen_today):
    Candidate.objects.create(
        programme=cast.programme,
        given_name="Bas",
        stage=Stage.ACTIVE,
        user=cast.buddy,
        vog_received_on=today() - dt.timedelta(days=1000),
        vog_expires_on=today() + dt.timedelta(days=30),
        created_by=cast.coordinator,
    )

    texts = [item.text for s in digest_for(cast.coordinator).sections for item in s.items]

    assert any("VOG" in text and "Bas" in text for text in texts)
