"""The menu in the page header: a few items per role, the page's own item marked."""

import re

import pytest
from django.urls import reverse

from kansrijk.access.services import participant_account_create
from kansrijk.people.choices import Role
from kansrijk.trajectories.choices import Phase
from tests.factories import ProgrammeRoleFactory, UserFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

MENU = re.compile(r'<nav class="site-nav".*?</nav>', re.S)
ITEM = re.compile(r'<a href="([^"]+)"(?: aria-current="(\w+)")?>([^<]+)</a>')


def _menu(client, url: str) -> list[tuple[str, str, str]]:
    """(label, address, aria-current) of each menu item on the page."""
    page = client.get(url).content.decode()
    found = MENU.search(page)
    assert found, "the page has no menu"
    return [(label, href, current) for href, current, label in ITEM.findall(found.group())]


def _labels(client, url: str) -> list[str]:
    return [label for label, _, _ in _menu(client, url)]


def test_a_coordinator_sees_the_programme_its_households_buddies_figures_and_the_academie(
    client, cast
):
    client.force_login(cast.coordinator)

    labels = _labels(client, reverse("programme", args=[cast.programme.slug]))

    assert labels == [
        "Kansrijk Oost",
        "Households",
        "Referrals (0)",
        "Follow-up",
        "Buddies",
        "Figures",
        "Buddy Academie",
    ]


def test_the_page_on_screen_is_marked_as_the_current_page(client, cast):
    client.force_login(cast.coordinator)
    url = reverse("programme_households", args=[cast.programme.slug])

    marked = [(label, current) for label, _, current in _menu(client, url) if current]

    assert marked == [("Households", "page")]


def test_a_page_below_an_item_marks_that_item_as_the_current_section(client, cast):
    client.force_login(cast.coordinator)
    url = reverse("academy_candidates", args=[cast.programme.slug])

    marked = [(label, current) for label, _, current in _menu(client, url) if current]

    assert marked == [("Buddies", "true")]


def test_a_coordinator_of_two_programmes_gets_the_items_of_the_one_on_screen(client, cast):
    ProgrammeRoleFactory(
        user=cast.coordinator, programme=cast.other_programme, role=Role.COORDINATOR
    )
    client.force_login(cast.coordinator)

    menu = _menu(client, reverse("programme_report", args=[cast.other_programme.slug]))

    assert [label for label, _, _ in menu] == [
        "Kansrijk West",
        "Households",
        "Referrals (0)",
        "Follow-up",
        "Buddies",
        "Figures",
        "Kansrijk Oost",
        "Buddy Academie",
    ]
    assert ("Figures", reverse("programme_report", args=[cast.other_programme.slug]), "page") in (
        menu
    )


@pytest.mark.parametrize(
    ("who", "url_name", "labels"),
    [
        ("buddy", "buddy_home", ["My households", "Buddy Academie"]),
        ("backup", "backup_home", ["Backup", "Signals to me"]),
        ("funder", "figures", ["Figures"]),
    ],
)
def test_each_role_has_a_few_items_of_its_own(client, cast, who, url_name, labels):
    client.force_login(getattr(cast, who))

    assert _labels(client, reverse(url_name)) == labels


def test_a_doorbraak_professional_sees_the_cases_and_the_learning_register(client, cast):
    professional = UserFactory()
    ProgrammeRoleFactory(user=professional, programme=cast.programme, role=Role.DOORBRAAK)
    client.force_login(professional)

    assert _labels(client, reverse("doorbraak_cases")) == ["Doorbraak cases", "Learning register"]


def test_a_participant_sees_their_file_and_who_looked_at_it(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)
    participant = participant_account_create(
        household=trajectory.household, trajectory=trajectory, by=cast.coordinator, email="a@b.nl"
    )
    client.force_login(participant)

    assert _labels(client, reverse("my_file")) == ["My file", "Who looked at my file"]


def test_someone_with_two_roles_sees_both_sets_of_items_once(client, cast):
    ProgrammeRoleFactory(user=cast.coordinator, programme=cast.programme, role=Role.BUDDY)
    client.force_login(cast.coordinator)

    labels = _labels(client, reverse("buddy_home"))

    assert labels.count("Buddy Academie") == 1
    assert "My households" in labels and "Households" in labels


def test_a_logged_out_page_has_no_menu(client, db):
    page = client.get(reverse("login")).content.decode()

    assert 'class="site-nav"' not in page
