"""A form sent twice creates once: a double tap, a retry on a bad connection, two tabs.

The requests run truly in parallel (two threads, two clients, one barrier), on SQLite and on
PostgreSQL, and afterwards exactly one record exists and both people got a sensible answer.
"""

import re
import sqlite3
import threading

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from kansrijk.access.models import Consent
from kansrijk.access.services import participant_account_create
from kansrijk.contacts.models import Contact
from kansrijk.intake.models import Referral
from kansrijk.people.models import Household, User
from kansrijk.trajectories.choices import Phase

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("sqlite_in_a_file", "frozen_today"),
]

KEY = re.compile(r'<input type="hidden" name="submission" value="([^"]+)"')
ALREADY_SAVED = "This was already saved."


@pytest.fixture
def sqlite_in_a_file(transactional_db, tmp_path):
    """Run the test on SQLite as production does: a database file, where a second writer waits.

    SQLite's test database lives in memory, shared between threads through one cache, and
    there a second writer fails at once ("database table is locked") instead of waiting for
    the first as it does in a file (WAL, the busy timeout). So the test runs on a copy in a
    file; the database in memory is kept open and comes back afterwards.
    """
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    in_memory, name = connection.connection, connection.settings_dict["NAME"]
    on_disk = sqlite3.connect(tmp_path / "kansrijk.sqlite3")
    in_memory.backup(on_disk)
    on_disk.close()
    # Every connection, this thread's next one and the request threads', opens the file now.
    connection.settings_dict["NAME"] = str(tmp_path / "kansrijk.sqlite3")
    connection.connection = None
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = in_memory


def _client_of(user: User) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def _key_from(client: Client, url: str) -> dict[str, str]:
    """The one-time key the form page hands out, as the browser would send it back."""
    found = KEY.findall(client.get(url).content.decode())
    return {"submission": found[0]} if found else {}


def _at_once(clients: list[Client], url: str, sends: list[dict[str, str]]) -> list[HttpResponse]:
    """POST each client's form at the same moment; answer their responses."""
    barrier = threading.Barrier(len(clients))
    responses: list[HttpResponse | BaseException | None] = [None] * len(clients)

    def send(index: int) -> None:
        try:
            barrier.wait(10)
            responses[index] = clients[index].post(url, sends[index])
        except BaseException as error:  # a 500 is re-raised by the test client: keep it
            responses[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    errors = [r for r in responses if not isinstance(r, HttpResponse)]
    assert not errors, errors
    return responses  # type: ignore[return-value]


def _twice(user: User, url: str, data: dict[str, str]) -> list[HttpResponse]:
    first, second = _client_of(user), _client_of(user)
    data = {**data, **_key_from(first, url)}
    return _at_once([first, second], url, [data, data])


def _assert_both_sent_to(responses: list[HttpResponse], location: str) -> None:
    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {location}


def _referral(cast, frozen_today) -> dict[str, str]:
    return {
        "area": str(cast.area.pk),
        "organisation": str(cast.organisation.pk),
        "given_name": "Yasmin",
        "family_name": "El Amrani",
        "phone": "06-1234 5678",
        "reason": "Debts and stress about the rent.",
        "consent_given": "on",
        "consent_on": frozen_today.isoformat(),
        "consent_method": "paper",
        "children-TOTAL_FORMS": "0",
        "children-INITIAL_FORMS": "0",
    }


def test_the_same_referral_sent_twice_at_once_registers_one_household(cast, frozen_today):
    url = reverse("refer", args=[cast.programme.slug])

    responses = _twice(cast.coordinator, url, _referral(cast, frozen_today))

    household = Household.objects.get()
    assert Referral.objects.count() == 1
    _assert_both_sent_to(responses, reverse("household", args=[household.uuid]))


def test_one_new_household_sent_from_two_tabs_at_once_registers_it_once(cast, frozen_today):
    """Two tabs hold two keys, so the keys cannot tell the sends apart: the duplicate check runs
    under the programme's lock, and the second send finds the household the first registered."""
    url = reverse("refer", args=[cast.programme.slug])
    tabs = [_client_of(cast.coordinator), _client_of(cast.coordinator)]
    sends = [{**_referral(cast, frozen_today), **_key_from(tab, url)} for tab in tabs]
    responses = _at_once(tabs, url, sends)

    household = Household.objects.get()
    assert Referral.objects.count() == 1
    assert sorted(r.status_code for r in responses) == [302, 422]
    [asked] = [r for r in responses if r.status_code == 422]
    assert household.display_name in asked.content.decode()


def test_the_same_contact_sent_twice_at_once_is_stored_once(cast, journey, frozen_today):
    household = journey(Phase.ACTIVE).household
    url = reverse("log_contact", args=[household.uuid])
    contact = {"on": frozen_today.isoformat(), "kind": "phone", "minutes": "15", "note": "Rent."}

    responses = _twice(cast.buddy, url, contact)

    assert Contact.objects.count() == 1
    _assert_both_sent_to(responses, reverse("household", args=[household.uuid]))


def test_a_contact_sent_again_later_is_not_stored_again_and_says_so(cast, journey, frozen_today):
    household = journey(Phase.ACTIVE).household
    url = reverse("log_contact", args=[household.uuid])
    client = _client_of(cast.buddy)
    contact = {"on": frozen_today.isoformat(), "kind": "visit", **_key_from(client, url)}

    first = client.post(url, contact)
    again = client.post(url, contact, follow=True)

    assert Contact.objects.count() == 1
    assert first["Location"] == reverse("household", args=[household.uuid])
    assert again.redirect_chain == [(first["Location"], 302)]
    assert ALREADY_SAVED in again.content.decode()


def test_one_consent_given_from_two_tabs_at_once_is_given_once(cast, journey, frozen_today):
    """Two tabs of her consent page, the same tap in both at the same moment: one consent is
    in force afterwards, and the second tab is told the page changed instead of adding a twin
    or silently replacing the first."""
    trajectory = journey(Phase.ACTIVE, backup_consent=False)
    participant = participant_account_create(
        household=trajectory.household, trajectory=trajectory, by=cast.coordinator, email="p@x.nl"
    )
    url = reverse("my_consent_give")
    tabs = [_client_of(participant), _client_of(participant)]
    page = reverse("my_consents")
    tap = {"recipient": "backup", "part": "plan", "seen": ""}
    sends = [{**tap, **_key_from(tab, page)} for tab in tabs]

    responses = _at_once(tabs, url, sends)

    assert Consent.objects.filter(household=trajectory.household).count() == 1
    locations = sorted(r["Location"] for r in responses)
    assert locations[0] == page
    assert "given=" in locations[1]


def test_the_same_evaluation_sent_twice_at_once_is_stored_once(cast, journey):
    from kansrijk.access.services import participant_account_create
    from kansrijk.evaluations.models import Evaluation

    closed = journey(Phase.CLOSED)
    participant = participant_account_create(
        household=closed.household, trajectory=closed, by=cast.coordinator, email="p@example.org"
    )
    url = reverse("my_evaluation")

    responses = _twice(participant, url, {"mark": "8", "helped": "De rust"})

    assert Evaluation.objects.get().mark == 8
    _assert_both_sent_to(responses, reverse("my_file"))


def test_the_participant_and_the_coordinator_sending_at_once_store_one_evaluation(
    cast, journey, frozen_today
):
    """Two people, two keys: the unique link on the journey decides, the other is told."""
    from kansrijk.access.services import participant_account_create
    from kansrijk.evaluations.models import Evaluation

    closed = journey(Phase.CLOSED)
    participant = participant_account_create(
        household=closed.household, trajectory=closed, by=cast.coordinator, email="p@example.org"
    )
    portal, paper = (
        reverse("my_evaluation"),
        reverse("evaluation_paper", args=[closed.household.uuid]),
    )
    her, coordinator = _client_of(participant), _client_of(cast.coordinator)
    sends = [
        {"mark": "9", **_key_from(her, portal)},
        {"mark": "7", "paper_dated": frozen_today.isoformat(), **_key_from(coordinator, paper)},
    ]
    barrier = threading.Barrier(2)
    responses: list = [None, None]

    def send(index: int, client: Client, url: str) -> None:
        try:
            barrier.wait(10)
            responses[index] = client.post(url, sends[index])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(0, her, portal)),
        threading.Thread(target=send, args=(1, coordinator, paper)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    # The first stores it; the second is refused by the unique link (422, saying so) or, when
    # it starts after the first was saved, is sent to the answers already given.
    evaluation = Evaluation.objects.get()
    assert evaluation.mark in (9, 7)
    assert all(r.status_code in (302, 422) for r in responses)
    for response in responses:
        if response.status_code == 422:
            assert "already given" in response.content.decode()


def _closed_with_outcome(cast, journey):
    """A household closed 13 months ago that found a home: its 12-month follow-up is due."""
    from kansrijk.outcomes.services import outcome_record
    from tests.factories import months_ago, outcome_type_of

    trajectory = journey(
        Phase.CLOSED,
        matched_on=months_ago(31),
        aftercare_started_on=months_ago(19),
        ended_on=months_ago(13),
    )
    outcome = outcome_record(
        trajectory=trajectory,
        by=cast.coordinator,
        outcome_type=outcome_type_of(cast.programme, "housing_found"),
        reached_on=months_ago(14),
    )
    return trajectory, outcome


def test_one_follow_up_sent_from_two_tabs_at_once_is_recorded_once(cast, journey):
    """Two tabs hold two keys: the trajectory's lock and the constraint decide, and the second
    send is told it was recorded already."""
    from kansrijk.outcomes.models import FollowUp, FollowUpAnswer

    trajectory, outcome = _closed_with_outcome(cast, journey)
    url = reverse("follow_up", args=[trajectory.household.uuid])
    tabs = [_client_of(cast.coordinator), _client_of(cast.coordinator)]
    answer = {f"answer-{outcome.uuid}": "holds"}
    responses = _at_once(tabs, url, [{**answer, **_key_from(tab, url)} for tab in tabs])

    assert FollowUp.objects.count() == 1
    assert FollowUpAnswer.objects.count() == 1
    [other] = [r for r in responses if r.status_code != 302]
    # Refused by the service (422), or the page already shows the recorded follow-up (200).
    assert other.status_code in (200, 422)
    assert "still holds" in other.content.decode()
