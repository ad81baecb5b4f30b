"""One activation code, sent from two phones at the same moment: exactly one activates.

Truly parallel (two threads, a barrier), on a SQLite file as in production (and PostgreSQL):
the code is used up by one conditional update, so the second finds it used."""

import pytest
from django.test import Client
from django.urls import reverse

from kansrijk.access.models import AuditEntry
from kansrijk.accounts.activation_services import activation_letter_make
from kansrijk.accounts.models import ActivationCode
from kansrijk.core.phases import Phase
from tests.test_never_created_twice import _at_once, sqlite_in_a_file  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("sqlite_in_a_file", "frozen_today"),
]


def test_the_same_code_activated_twice_at_once_activates_once(cast, journey):
    trajectory = journey(Phase.ACTIVE)
    letter = activation_letter_make(
        household=trajectory.household, trajectory=trajectory, by=cast.coordinator
    )
    phones = [Client(headers={"accept-language": "en"}) for _ in range(2)]
    for phone in phones:
        assert phone.post(reverse("activate"), {"code": letter.code}).status_code == 302
    sends = [
        {"new_password1": password, "new_password2": password}
        for password in ("eerste lange wachtzin", "tweede lange wachtzin")
    ]

    responses = _at_once(phones, reverse("activate_password"), sends)

    locations = sorted(r["Location"] for r in responses)
    assert locations == sorted([reverse("my_file"), reverse("activate")])
    assert AuditEntry.objects.filter(detail="portal account activated").count() == 1
    assert ActivationCode.objects.get().used_at is not None
    user = letter.account.user
    user.refresh_from_db()
    winner = 0 if responses[0]["Location"] == reverse("my_file") else 1
    assert user.check_password(sends[winner]["new_password1"])
