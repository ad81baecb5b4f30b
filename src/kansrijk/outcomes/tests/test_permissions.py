"""Who may open the outcomes pages: the coordinator, and the buddy and backup (with consent)
while they coach. Everyone else, funders first, gets 404 and leaves no trace."""

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditEntry
from kansrijk.outcomes.models import Outcome
from kansrijk.people.choices import Role
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import ProgrammeRoleFactory, UserFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

PAGES = ["outcomes", "outcome_new", "outcome_edit", "outcome_remove"]


def _url(name, trajectory, outcome):
    args = [trajectory.household.uuid]
    if name in ("outcome_edit", "outcome_remove"):
        args.append(outcome.uuid)
    return reverse(name, args=args)


@pytest.fixture
def outcome(coached, record):
    return record(coached)


def _with_role(cast, role):
    user = UserFactory()
    ProgrammeRoleFactory(user=user, programme=cast.programme, role=role)
    return user


OUTSIDERS = {
    "funder": lambda cast: cast.funder,
    "coordinator of another programme": lambda cast: cast.other_coordinator,
    "doorbraak professional": lambda cast: _with_role(cast, Role.DOORBRAAK),
    "referrer": lambda cast: _with_role(cast, Role.REFERRER),
    "another buddy": lambda cast: _with_role(cast, Role.BUDDY),
    "stranger": lambda cast: cast.stranger,
}


@pytest.mark.parametrize("who", sorted(OUTSIDERS))
@pytest.mark.parametrize("page", PAGES)
def test_outsiders_get_404_and_change_nothing(client, cast, coached, outcome, who, page):
    client.force_login(OUTSIDERS[who](cast))
    reads_before = AuditEntry.objects.count()

    got = client.get(_url(page, coached, outcome))
    posted = client.post(_url(page, coached, outcome), {"version": 1, "reached_on": "2025-06-16"})

    # Removing is a POST only: its GET is 405 for everyone, so only its POST says anything.
    assert got.status_code == (405 if page == "outcome_remove" else 404)
    assert posted.status_code == 404 or (page == "outcomes" and posted.status_code == 405)
    assert Outcome.objects.get().version == 1
    assert AuditEntry.objects.count() == reads_before


@pytest.mark.parametrize("page", ["outcomes", "outcome_new", "outcome_edit"])
@pytest.mark.parametrize("who", ["coordinator", "buddy", "backup"])
def test_the_coordinator_buddy_and_backup_open_the_pages(client, cast, coached, outcome, who, page):
    client.force_login(getattr(cast, who))

    assert client.get(_url(page, coached, outcome)).status_code == 200


def test_the_backup_without_consent_gets_404(client, cast, journey, record):
    trajectory = journey(Phase.ACTIVE, backup_consent=False)
    outcome = record(trajectory)
    client.force_login(cast.backup)

    for page in ("outcomes", "outcome_new", "outcome_edit"):
        assert client.get(_url(page, trajectory, outcome)).status_code == 404


@pytest.mark.parametrize("who", ["buddy", "backup"])
def test_buddy_and_backup_lose_the_pages_when_the_journey_ends(client, cast, coached, outcome, who):
    Trajectory.objects.filter(pk=coached.pk).update(phase=Phase.CLOSED, ended_on=coached.matched_on)
    client.force_login(getattr(cast, who))

    assert client.get(_url("outcomes", coached, outcome)).status_code == 404


def test_the_coordinator_still_opens_them_after_closure(client, cast, coached, outcome):
    Trajectory.objects.filter(pk=coached.pk).update(phase=Phase.CLOSED, ended_on=coached.matched_on)
    client.force_login(cast.coordinator)

    assert client.get(_url("outcomes", coached, outcome)).status_code == 200
    assert client.get(_url("outcome_new", coached, outcome)).status_code == 200


def test_an_outcome_of_another_household_is_404_under_this_one(
    client, cast, coached, journey, record
):
    other = record(journey(Phase.ACTIVE, buddy=None))
    client.force_login(cast.coordinator)

    response = client.get(reverse("outcome_edit", args=[coached.household.uuid, other.uuid]))

    assert response.status_code == 404


@pytest.mark.parametrize("who", ["buddy", "backup", "funder"])
def test_only_the_coordinator_opens_the_closure_checklist(client, cast, journey, who):
    trajectory = journey(Phase.AFTERCARE)
    client.force_login(getattr(cast, who))

    response = client.get(reverse("close", args=[trajectory.household.uuid]))

    assert response.status_code == 404
