"""One reference sent by a partner's system several times at once: one referral, one 201.

Truly parallel (threads and a barrier) on a database in a file, as in production.
"""

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from kansrijk.api.tests.conftest import bearer
from kansrijk.api.tests.test_referrals import referral
from kansrijk.partners.models import PartnerReferral
from tests.test_never_created_twice import sqlite_in_a_file  # noqa: F401  (a fixture)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("sqlite_in_a_file", "frozen_today"),
]

TIMES = 4


def test_the_same_reference_sent_at_once_is_made_once(api_key):
    key = api_key("referrals:write")
    barrier = threading.Barrier(TIMES)
    statuses: list[int] = []

    def send() -> None:
        try:
            barrier.wait(10)
            response = Client().post(
                "/api/v1/referrals",
                json.dumps(referral()),
                content_type="application/json",
                headers=bearer(key),
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(TIMES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert PartnerReferral.objects.count() == 1
    assert sorted(statuses) == [200] * (TIMES - 1) + [201]
