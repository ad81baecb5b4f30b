"""Five wrong passwords for one user name from one address pause that pair for 15 minutes."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry

from .helpers import log_in

pytestmark = pytest.mark.django_db

START = dt.datetime(2025, 6, 16, 8, 0, tzinfo=dt.UTC)


def _fail(client, times: int, username: str = "coordinator", **extra):
    return [log_in(client, username, "not-the-password", **extra) for _ in range(times)]


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_four_wrong_passwords_still_leave_the_login_open(client, cast, with_password):
    with_password(cast.coordinator)
    _fail(client, 4)

    response = log_in(client, "coordinator")

    assert response.status_code == 302
    assert _logged_in(client)


def test_the_fifth_wrong_password_pauses_logging_in(client, cast, with_password):
    with_password(cast.coordinator)

    responses = _fail(client, 5)

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    html = responses[-1].content.decode()
    assert "Logging in is paused" in html
    assert "paused for 15 minutes" in html
    assert reverse("password_reset") in html


def test_after_the_lockout_even_the_right_password_is_refused(client, cast, with_password):
    with_password(cast.coordinator)
    _fail(client, 5)

    response = log_in(client, "coordinator")

    assert response.status_code == 429
    assert not _logged_in(client)
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 6
    assert not AuditEntry.objects.filter(action=AuditAction.LOGIN).exists()


def test_the_lockout_holds_for_that_name_from_that_address_only(client, cast, with_password):
    with_password(cast.coordinator)
    with_password(cast.buddy)
    _fail(client, 5)

    other_name = log_in(client, "buddy")
    client.logout()
    other_address = log_in(client, "coordinator", REMOTE_ADDR="10.1.2.3")

    assert other_name.status_code == 302
    assert other_address.status_code == 302


def test_the_lockout_ends_15_minutes_after_the_last_attempt(client, cast, with_password):
    with_password(cast.coordinator)
    with time_machine.travel(START, tick=False) as traveller:
        _fail(client, 5)
        traveller.shift(dt.timedelta(minutes=14))
        still_paused = log_in(client, "coordinator")
        # That attempt, refused, starts the 15 minutes again: hammering never gets through.
        traveller.shift(dt.timedelta(minutes=14))
        paused_again = log_in(client, "coordinator")
        traveller.shift(dt.timedelta(minutes=16))
        open_again = log_in(client, "coordinator")
        logged_in = _logged_in(client)

    assert [still_paused.status_code, paused_again.status_code] == [429, 429]
    assert open_again.status_code == 302
    assert logged_in


def test_the_lockout_page_is_in_dutch_by_default(client, cast):
    responses = _fail(client, 5, HTTP_ACCEPT_LANGUAGE="nl")

    assert "Inloggen is even gepauzeerd" in responses[-1].content.decode()
