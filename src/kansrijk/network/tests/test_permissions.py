"""Who may open the network's pages. It is part "wishes and plan" of the file: the buddy and
the coordinator work with it; the backup professional only with consent for that part;
funders and everyone else never. Denied is 404, and a refused visit leaves no read in the log."""

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.network.models import NetworkMap, Tie
from kansrijk.people.choices import Role
from kansrijk.trajectories.choices import Phase
from tests.factories import ProgrammeRoleFactory, UserFactory, trajectory_in

pytestmark = pytest.mark.usefixtures("frozen_today")

PAGES = [
    "network",
    "network_new",
    "network_compare",
    "network_map",
    "network_map_edit",
    "network_tie_new",
    "network_tie_edit",
]
FORMS = ["network_new", "network_map_edit", "network_tie_new", "network_tie_edit"]


def _args(name, coached, network_map):
    args = [coached.household.uuid]
    if name.startswith(("network_map", "network_tie")):
        args.append(network_map.uuid)
    if name in ("network_tie_edit", "network_tie_remove"):
        args.append(network_map.ties.first().uuid)
    return args


def _other_buddy(cast):
    buddy = UserFactory()
    ProgrammeRoleFactory(user=buddy, programme=cast.programme, role=Role.BUDDY)
    trajectory_in(Phase.ACTIVE, buddy=buddy, household__programme=cast.programme)
    return buddy


OUTSIDERS = {
    "funder": lambda cast: cast.funder,
    "other buddy": _other_buddy,
    "backup without consent for the plan": lambda cast: cast.backup,
    "coordinator of another programme": lambda cast: cast.other_coordinator,
    "stranger": lambda cast: cast.stranger,
}


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("page", PAGES)
def test_outsiders_get_404_and_leave_no_read(client, cast, coached, start_map, who, page):
    client.force_login(OUTSIDERS[who](cast))

    response = client.get(reverse(page, args=_args(page, coached, start_map)))

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW).exists()


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("page", [*FORMS, "network_tie_remove"])
def test_outsiders_posting_get_404_and_nothing_changes(client, cast, coached, start_map, who, page):
    client.force_login(OUTSIDERS[who](cast))
    before = list(Tie.objects.values_list("pk", "name", "version"))

    response = client.post(
        reverse(page, args=_args(page, coached, start_map)),
        {
            "name": "x",
            "who": "person",
            "kind": "family",
            "strength": "strong",
            "flow": "support",
            "moment": "other",
            "drawn_on": "2025-06-16",
            "start_from": "empty",
            "version": 1,
        },
    )

    assert response.status_code == 404
    assert list(Tie.objects.values_list("pk", "name", "version")) == before
    assert NetworkMap.objects.count() == 1


@pytest.mark.parametrize("page", PAGES)
def test_the_buddy_and_the_coordinator_open_every_page(client, cast, coached, start_map, page):
    for user in (cast.buddy, cast.coordinator):
        client.force_login(user)
        assert client.get(reverse(page, args=_args(page, coached, start_map))).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_the_backup_with_consent_for_the_plan_opens_every_page(
    client, cast, coached, start_map, plan_consent, page
):
    client.force_login(cast.backup)

    response = client.get(reverse(page, args=_args(page, coached, start_map)))

    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.VIEW)
    assert (entry.actor, entry.role) == (cast.backup, Role.BACKUP)


def test_a_map_of_another_household_is_404_under_this_households_address(
    client, cast, coached, start_map, journey, make_map
):
    other = journey(Phase.AFTERCARE, buddy=None)
    client.force_login(cast.coordinator)

    response = client.get(reverse("network_map", args=[other.household.uuid, start_map.uuid]))

    assert response.status_code == 404


def test_a_household_waiting_for_its_year_has_no_network_page(client, cast, journey):
    waiting = journey(Phase.MATCHING)
    client.force_login(cast.coordinator)

    assert client.get(reverse("network", args=[waiting.household.uuid])).status_code == 404
