"""Two calls at one moment: one referral for one reference, one journey for one referral.

The calls run truly in parallel (two threads, one barrier) on a database in a file, as in
production (see `tests/test_never_created_twice.py`).
"""

import threading
from collections.abc import Callable

import pytest
from django.db import connection
from django.utils import translation

from kansrijk.core.errors import Refused
from kansrijk.intake.models import Referral
from kansrijk.partners import services
from kansrijk.partners.models import PartnerReferral
from kansrijk.people.models import Household
from tests.factories import PartnerReferralFactory
from tests.test_never_created_twice import sqlite_in_a_file  # noqa: F401  (a fixture)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("sqlite_in_a_file", "frozen_today"),
]


def _at_once(call: Callable[[], object], times: int = 2) -> list[object]:
    barrier = threading.Barrier(times)
    answers: list[object] = [None] * times

    def run(index: int) -> None:
        try:
            barrier.wait(10)
            with translation.override("en"):  # a thread starts in the default language
                answers[index] = call()
        except Exception as error:
            answers[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return answers


def test_a_reference_sent_twice_at_once_makes_one_referral(cast):
    def send():
        return services.partner_referral_submit(
            by=None,
            organisation=cast.organisation,
            area=cast.area,
            client_reference="wij-4711",
            given_name="Yasmin",
            phone="06 11223344",
            reason="Debts.",
            consent_on=cast.area.joined_on,
            consent_method="in_person",
            consent_recorded_by="Petra",
        )

    answers = _at_once(send)

    assert all(isinstance(a, tuple) for a in answers), answers
    (first, first_made), (second, second_made) = answers  # type: ignore[misc]
    assert isinstance(first, PartnerReferral) and isinstance(second, PartnerReferral)
    assert first.pk == second.pk
    assert sorted([first_made, second_made]) == [False, True]
    assert PartnerReferral.objects.count() == 1


def test_two_coordinators_accepting_at_once_start_one_journey(cast):
    referral = PartnerReferralFactory(area=cast.area, organisation=cast.organisation)

    answers = _at_once(
        lambda: services.partner_referral_accept(by=cast.coordinator, referral=referral)
    )

    refused = [a for a in answers if isinstance(a, Refused)]
    assert len(refused) == 1, answers
    assert "accepted this referral already" in refused[0].message
    assert Household.objects.count() == 1
    assert Referral.objects.count() == 1
