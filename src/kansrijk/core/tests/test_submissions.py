"""The one-time key of a form: sent twice, it creates once (core/submissions.py).

A small form that makes a group (submission_urls.py) stands in for every form that creates
something; tests/test_never_created_twice.py sends real forms at the same moment.
"""

import datetime as dt
import io
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from kansrijk.core.models import Submission
from kansrijk.core.submissions import forget_old_submissions

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kansrijk.core.tests.submission_urls")]

URL = "/test-submissions/new/"
RESULT = "/test-submissions/groups/"
KEY = re.compile(r'<input type="hidden" name="submission" value="([A-Za-z0-9_-]{43})">')


@pytest.fixture
def buddy_client(cast) -> Client:
    client = Client(headers={"accept-language": "en"}, raise_request_exception=False)
    client.force_login(cast.buddy)
    return client


def _key(client: Client) -> str:
    return KEY.findall(client.get(URL).content.decode())[0]


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_the_form_page_hands_out_a_fresh_key_every_time(buddy_client):
    assert _key(buddy_client) != _key(buddy_client)


def test_a_form_sent_again_creates_nothing_and_goes_to_the_first_result(buddy_client):
    form = {"name": "Beijum", "submission": _key(buddy_client)}

    first = buddy_client.post(URL, form)
    again = buddy_client.post(URL, form)

    assert (first.status_code, first["Location"]) == (302, RESULT)
    assert (again.status_code, again["Location"]) == (302, RESULT)
    assert _groups("Beijum") == 1
    assert Submission.objects.get().result_url == RESULT


def test_the_repeat_says_calmly_that_it_was_already_saved(buddy_client, cast):
    form = {"name": "Beijum", "submission": _key(buddy_client)}
    buddy_client.post(URL, form)

    again = buddy_client.post(URL, form, follow=True)

    assert again.redirect_chain == [(RESULT, 302)]
    assert "This was already saved." in again.content.decode()


def test_a_form_with_errors_can_be_corrected_and_sent_with_the_same_key(buddy_client):
    key = _key(buddy_client)

    wrong = buddy_client.post(URL, {"name": "", "submission": key})
    right = buddy_client.post(URL, {"name": "Beijum", "submission": key})

    assert wrong.status_code == 422
    assert right.status_code == 302
    assert _groups("Beijum") == 1


def test_a_form_turned_away_with_an_error_message_frees_its_key(buddy_client):
    """Some views refuse by redirecting back with an error message: nothing was saved, so the
    same form sent again is run again (it used to say "This was already saved.")."""
    key = _key(buddy_client)

    refused = buddy_client.post(URL, {"name": "not now", "submission": key}, follow=True)
    again = buddy_client.post(URL, {"name": "Beijum", "submission": key})

    assert _messages(refused) == ["This step is not possible now."]  # still shown to them
    assert (again.status_code, again["Location"]) == (302, RESULT)
    assert _groups("Beijum") == 1


def test_a_crash_after_saving_keeps_nothing_and_frees_the_key(buddy_client):
    key = _key(buddy_client)

    crashed = buddy_client.post(URL, {"name": "crash", "submission": key})
    again = buddy_client.post(URL, {"name": "Beijum", "submission": key})

    assert crashed.status_code == 500
    assert _groups("crash") == 0
    assert again.status_code == 302
    assert _groups("Beijum") == 1


def test_a_key_is_only_ever_matched_with_the_user_who_sends_it(buddy_client, cast):
    form = {"name": "Beijum", "submission": _key(buddy_client)}
    buddy_client.post(URL, form)
    backup = Client(headers={"accept-language": "en"})
    backup.force_login(cast.backup)

    theirs = backup.post(URL, {**form, "name": "Lewenborg"})

    assert theirs.status_code == 302
    assert (_groups("Beijum"), _groups("Lewenborg")) == (1, 1)
    assert Submission.objects.count() == 2


def test_an_htmx_repeat_is_sent_to_the_page_by_the_browser_not_swapped_in(buddy_client):
    form = {"name": "Beijum", "submission": _key(buddy_client)}
    htmx = {"HX-Request": "true"}

    first = buddy_client.post(URL, form, headers=htmx)
    again = buddy_client.post(URL, form, headers=htmx)

    assert (first.status_code, first.content.decode()) == (200, "<li>Beijum</li>")
    assert again.status_code == 200
    assert again["HX-Redirect"] == RESULT
    assert _groups("Beijum") == 1


@pytest.mark.parametrize("key", [None, "", "too-short", "x" * 43 + "<", "ä" * 43])
def test_a_form_without_a_proper_key_is_run_as_before(buddy_client, key):
    form = {"name": "Beijum"} if key is None else {"name": "Beijum", "submission": key}

    buddy_client.post(URL, form)
    buddy_client.post(URL, form)

    assert _groups("Beijum") == 2
    assert not Submission.objects.exists()


def _groups(name: str) -> int:
    return Group.objects.filter(name__startswith=f"{name} ").count()


def test_keys_are_forgotten_after_a_week_by_the_daily_retention_run(buddy_client):
    start = dt.datetime(2025, 6, 1, 10, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        buddy_client.post(URL, {"name": "old", "submission": _key(buddy_client)})
    with time_machine.travel(start + dt.timedelta(days=6), tick=False):
        buddy_client.post(URL, {"name": "recent", "submission": _key(buddy_client)})

    a_week_later = start + dt.timedelta(days=7, minutes=1)
    with time_machine.travel(a_week_later, tick=False):
        out = io.StringIO()
        call_command("retention", stdout=out, stderr=io.StringIO())

    assert list(Submission.objects.values_list("result_url", flat=True)) == [RESULT]
    assert "1 one-time form key forgotten." in out.getvalue()
    assert forget_old_submissions(now=a_week_later) == 0
