"""The login shares the one rate limiter (core.ratelimit): wrong passwords from one address,
whatever the user names, pause logging in from there; django-axes still locks one name."""

import datetime as dt

import pytest
import time_machine

from kansrijk.accounts import limits
from kansrijk.core.ratelimit import Limit
from tests.factories import UserFactory

from .helpers import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_window(monkeypatch):
    monkeypatch.setattr(limits, "LOGIN_PER_ADDRESS", Limit("login-address", 3, 15 * 60))
    # The window is fixed on the clock: a test that ran across its end would count afresh.
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, 0, 5, tzinfo=dt.UTC), tick=False):
        yield


def test_wrong_passwords_for_many_names_from_one_address_pause_that_address(
    client, with_password, three_a_window
):
    user = with_password(UserFactory(username="marloes"))
    for name in ("anna", "bert", "carla"):
        assert log_in(client, name, "wrong password").status_code == 200

    paused = log_in(client, user.username)
    elsewhere = log_in(client, user.username, REMOTE_ADDR="10.0.0.9")

    assert paused.status_code == 429
    assert "Too many wrong passwords came from this address" in paused.content.decode()
    assert elsewhere.status_code == 302


def test_right_passwords_count_nothing(client, with_password, three_a_window):
    user = with_password(UserFactory(username="marloes"))
    for _ in range(4):
        assert log_in(client, user.username).status_code == 302
        client.logout()
