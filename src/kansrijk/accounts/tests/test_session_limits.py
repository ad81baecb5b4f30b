"""A session ends after 30 minutes without a request, and 12 hours after login however busy."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.accounts.sessions import LOGIN_AT_SESSION_KEY

pytestmark = pytest.mark.django_db

START = dt.datetime(2025, 6, 16, 8, 0, tzinfo=dt.UTC)


def _sent_to_login(response, url: str) -> bool:
    return response.status_code == 302 and response["Location"] == f"{reverse('login')}?next={url}"


def test_after_31_minutes_without_a_request_the_next_one_must_log_in_again(client, cast):
    url = reverse("security")
    with time_machine.travel(START, tick=False) as traveller:
        client.force_login(cast.buddy)
        assert client.get(url).status_code == 200
        traveller.shift(dt.timedelta(minutes=31))

        response = client.get(url)

    assert _sent_to_login(response, url)


def test_a_request_within_30_minutes_keeps_the_session_going(client, cast):
    url = reverse("security")
    with time_machine.travel(START, tick=False) as traveller:
        client.force_login(cast.buddy)
        responses = []
        for _ in range(4):  # two hours in all, never 30 minutes idle
            traveller.shift(dt.timedelta(minutes=29))
            responses.append(client.get(url))

    assert [r.status_code for r in responses] == [200, 200, 200, 200]


def test_a_busy_session_ends_12_hours_after_the_login(client, cast):
    url = reverse("security")
    with time_machine.travel(START, tick=False) as traveller:
        client.force_login(cast.buddy)
        while dt.datetime.now(tz=dt.UTC) < START + dt.timedelta(hours=11, minutes=35):
            traveller.shift(dt.timedelta(minutes=25))
            assert client.get(url).status_code == 200
        traveller.shift(dt.timedelta(minutes=25))

        response = client.get(url)

    assert _sent_to_login(response, url)
    assert AuditEntry.objects.filter(action=AuditAction.LOGOUT, actor=cast.buddy).exists()


def test_a_session_without_a_known_login_time_is_ended(client, cast):
    client.force_login(cast.buddy)
    session = client.session
    del session[LOGIN_AT_SESSION_KEY]
    session.save()

    response = client.get(reverse("security"))

    assert _sent_to_login(response, reverse("security"))


def test_requests_every_20_seconds_keep_the_session_going_for_an_hour(client, cast):
    url = reverse("security")
    with time_machine.travel(START, tick=False) as traveller:
        client.force_login(cast.buddy)
        statuses = set()
        for _ in range(180):
            traveller.shift(dt.timedelta(seconds=20))
            statuses.add(client.get(url).status_code)

    assert statuses == {200}


def test_a_request_within_a_minute_of_the_renewal_writes_nothing(client, cast):
    """Reading a page is no database write: the session is saved once a minute at most."""
    url = reverse("security")
    with time_machine.travel(START, tick=False) as traveller:
        client.force_login(cast.buddy)
        client.get(url)  # renews the session just after the login
        traveller.shift(dt.timedelta(seconds=30))
        with CaptureQueriesContext(connection) as soon:
            assert client.get(url).status_code == 200
        traveller.shift(dt.timedelta(seconds=31))
        with CaptureQueriesContext(connection) as due:
            assert client.get(url).status_code == 200

    assert not any(_writes_the_session(q["sql"]) for q in soon.captured_queries)
    assert any(_writes_the_session(q["sql"]) for q in due.captured_queries)


def _writes_the_session(sql: str) -> bool:
    return sql.startswith(("UPDATE", "INSERT")) and "django_session" in sql
