"""The leak matrix's world, with its active household transferred to programme B.

Every page of the household's file (the leak matrix's own list: every route that names the
household or a piece of its file) is recorded before the transfer. After it, everyone whose
access came from programme A (its coordinator, the buddy, the backup with consent, a Doorbraak
professional with consent, the referrer, the other buddy and backup) is refused on every one of
them and reads the household's name on none; programme B's coordinator opens them, and B's
Doorbraak professional now reads the file under the participant's consent to Doorbraak.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from kansrijk.access import policy
from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.services import consent_record
from kansrijk.people.choices import Role
from kansrijk.trajectories.choices import Phase
from kansrijk.transfers import services as transfers
from tests.factories import AreaFactory, ProgrammeRoleFactory, UserFactory
from tests.test_leak_matrix import RULES, TARGET_PHASE, World, _refused, _routes

pytestmark = pytest.mark.usefixtures("frozen_today")

# Route parts that name the active household or a piece of its file (the case, cover and
# evaluation of the world belong to other households or people).
OF_THE_FILE = {
    "household_uuid",
    "consent_uuid",
    "goal_uuid",
    "action_uuid",
    "note_uuid",
    "proposal_uuid",
    "signal_uuid",
    "map_uuid",
    "tie_uuid",
    "outcome_uuid",
    "document_uuid",
    "appointment_uuid",
}
OLD_PEOPLE = [
    "coordinator",
    "buddy",
    "backup",
    "doorbraak",
    "referrer",
    "other buddy",
    "backup without consent",
]
# Pages of the coaching (a buddy works with the household): after the transfer the household
# waits for a buddy of programme B, so these close for everyone, its new coordinator too.
COACHING_PAGES = {
    "log_contact",
    "record_assessment",
    "start_aftercare",
    "extend",
    "close",
    "signal_raise",
    "appointment_new",
    "appointment_edit",
    "appointment_cancel",
    "appointment_ics",
    "goal_new",
    "goal_edit",
    "goal_status",
    "action_new",
    "action_done",
    "note_new",
    "proposal_take",
    "proposal_discuss",
    "network_new",
    "network_map_edit",
    "network_tie_new",
    "network_tie_edit",
    "network_tie_remove",
    "outcome_new",
    "outcome_edit",
    "outcome_remove",
    "household_document_remove",
    "signal_pick_up",
    "signal_answer",
    "signal_pass_on",
    "signal_close",
    "doorbraak_case_open",
    "start_year",
}
# The plan and the network map open from the year's start (as after a buddy stops): they open
# again when the year starts with B's buddy; the timeline shows their history meanwhile.
COACHING_PAGES |= {"plan", "plan_print", "network", "network_compare", "network_map"}


def _file_pages(world: World) -> dict[str, str]:
    """The URL of every page of the active household's file (its target is the active one)."""
    pages = {}
    for name, route in _routes().items():
        if name not in RULES or TARGET_PHASE.get(name, Phase.ACTIVE) != Phase.ACTIVE:
            continue
        if set(re.findall(r"<\w+:(\w+)>", route)) & OF_THE_FILE:
            pages[name] = world.url(name)
    return pages


def _client(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def test_after_a_transfer_the_old_programme_sees_nothing_and_the_new_coordinator_all(cast):
    world = World(cast)
    active = world.households[Phase.ACTIVE]
    household = active.household
    name = household.display_name
    consent_record(
        household=household,
        trajectory=active,
        by=cast.coordinator,
        recipient=Recipient.DOORBRAAK,
        parts={FilePart.BASIC},
        starts_on=active.referred_on,
        ends_on=None,
        method=ConsentMethod.PAPER,
    )
    new_doorbraak = UserFactory()
    ProgrammeRoleFactory(user=new_doorbraak, programme=cast.other_programme, role=Role.DOORBRAAK)
    pages = _file_pages(world)
    assert {"household", "household_timeline", "plan", "signal", "household_document"} <= set(pages)
    before = {name_: _client(cast.coordinator).get(url).status_code for name_, url in pages.items()}
    for visitor in ("coordinator", "buddy", "backup", "doorbraak"):
        assert policy.visible_households(world.users[visitor]).filter(pk=household.pk).exists()

    transfer = transfers.transfer_request(
        household=household,
        by=cast.coordinator,
        to_area=AreaFactory(programme=cast.other_programme, name="Selwerd"),
        reason="Verhuisd",
    )
    transfers.transfer_accept(transfer=transfer, by=cast.other_coordinator)

    leaks = []
    for visitor in OLD_PEOPLE:
        client = _client(world.users[visitor])
        for page, url in pages.items():
            response = client.get(url)
            if not _refused(response):
                leaks.append(f"{visitor} GET {page}: {response.status_code}")
            if name in response.content.decode(errors="ignore"):
                leaks.append(f"{visitor} GET {page} shows the name")
    assert not leaks, "\n".join(leaks)

    new = _client(cast.other_coordinator)
    opened = {page: new.get(url).status_code for page, url in pages.items()}
    wrong = {
        page: code
        for page, code in opened.items()
        if before[page] == 200 and page not in COACHING_PAGES and code != 200
    }
    assert not wrong, sorted(wrong)
    assert "Transferred from Kansrijk Oost" in new.get(pages["household"]).content.decode()
    assert policy.visible_households(new_doorbraak).filter(pk=household.pk).exists()

    # The old coordinator keeps the hand-over in the programme's list: the name, nothing more.
    listed = _client(cast.coordinator).get(reverse("programme_transfers", args=["oost"]))
    assert listed.status_code == 200
    assert name in listed.content.decode()
    assert "Verhuisd" not in listed.content.decode()
