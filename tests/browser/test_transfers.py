"""A household moves from Kansrijk West to Kansrijk Oost on a phone: West's coordinator sends
it, Oost's coordinator accepts it, and both see the hand-over. Every page passes axe;
screenshots go to test-results/screenshots/."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from kansrijk.people.choices import Role
from kansrijk.people.models import Area, Household, Programme, ProgrammeRole, User
from kansrijk.trajectories.models import Trajectory

from .helpers import PASSWORD, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def west_household(paired_household):
    """Fatima's household, in Selwerd with Kansrijk West, whose coordinator is Samira."""
    west = Programme.objects.create(
        name="Kansrijk West",
        slug="kansrijk-west",
        municipality="Groningen",
        started_on=dt.date(2021, 1, 1),
    )
    selwerd = Area.objects.create(
        programme=west, name="Selwerd", slug="selwerd", joined_on=dt.date(2021, 1, 1)
    )
    samira = User.objects.create_user(
        "samira", password=PASSWORD, first_name="Samira", last_name="Bouzid"
    )
    ProgrammeRole.objects.create(user=samira, programme=west, role=Role.COORDINATOR)
    Household.objects.filter(pk=paired_household.household_id).update(programme=west, area=selwerd)
    Trajectory.objects.filter(pk=paired_household.pk).update(programme=west)
    return paired_household.household


def test_west_sends_a_household_and_oost_accepts_it(
    phone: Page, west_household, screenshot, axe_check
):
    page = phone
    log_in(page, "samira")
    page.goto(f"/households/{west_household.uuid}/")
    page.get_by_role("link", name="Overdragen naar een andere wijk").click()
    axe_check(page)
    page.get_by_label("Waar gaat het huishouden naartoe?").select_option(
        label="Kansrijk Oost – Beijum"
    )
    page.get_by_label("Waarom?").fill("Het gezin kreeg een woning in Beijum.")
    screenshot(page, "transfer-request")
    page.get_by_role("button", name="Huishouden overdragen").click()
    expect(page.get_by_text("Een overdracht naar Beijum (Kansrijk Oost) wacht")).to_be_visible()
    log_out(page)

    log_in(page, "marloes")
    page.goto("/programmes/kansrijk-oost/transfers/")
    expect(page.get_by_role("heading", name="Wacht op uw antwoord")).to_be_visible()
    axe_check(page)
    screenshot(page, "transfers-incoming")
    page.get_by_role("link", name="Accepteren of weigeren").click()
    axe_check(page)
    screenshot(page, "transfer-accept")
    page.get_by_role("button", name="Huishouden accepteren").click()
    expect(page.get_by_text("Geaccepteerd. Het huishouden hoort nu bij Beijum.")).to_be_visible()
    handed_over = "Overgedragen van Kansrijk West (Selwerd) naar Kansrijk Oost (Beijum)"
    expect(page.get_by_text(handed_over)).to_be_visible()
    axe_check(page)
    screenshot(page, "transfer-in-the-file")
    log_out(page)

    log_in(page, "samira")
    page.goto("/programmes/kansrijk-west/transfers/")
    row = page.get_by_role("row", name="Fatima El Amrani")
    expect(row).to_contain_text("uitgaand")
    expect(row).to_contain_text("Geaccepteerd")
    axe_check(page)
    screenshot(page, "transfers-outgoing")
    assert page.goto(f"/households/{west_household.uuid}/").status == 404
