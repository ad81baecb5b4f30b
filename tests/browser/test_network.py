"""The household's network on a phone: the buddy maps who is around Fatima's household, records
a later moment with more ties, and sees the network grew: the map, the difference in words and
both maps side by side. Every page passes axe; screenshots go to test-results/screenshots/."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from kansrijk.core.dates import today
from kansrijk.network.models import NetworkMap
from kansrijk.trajectories.models import Trajectory

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def three_months_in(paired_household):
    """Fatima's year started three months ago."""
    started = today() - dt.timedelta(days=90)
    Trajectory.objects.filter(pk=paired_household.pk).update(
        matched_on=started, referred_on=started - dt.timedelta(days=30)
    )
    paired_household.refresh_from_db()
    return paired_household


def _add(
    page: Page, name: str, kind: str, strength: str, flow: str, *, organisation=False, last=False
) -> None:
    page.get_by_label("Wie is het?").fill(name)
    if organisation:
        page.get_by_role("radio", name="een organisatie", exact=True).check()
    page.get_by_role("radio", name=kind, exact=True).check()
    page.get_by_role("radio", name=strength, exact=True).check()
    page.get_by_role("radio", name=flow, exact=True).check()
    button = "Opslaan en de kaart bekijken" if last else "Opslaan en nog iemand toevoegen"
    page.get_by_role("button", name=button).click()
    expect(page.get_by_text(f"{name} staat op de kaart.")).to_be_visible()


def test_buddy_maps_the_network_twice_and_sees_it_grew(
    phone: Page, three_months_in, screenshot, axe_check
):
    page = phone
    household = three_months_in.household
    log_in(page, "ingrid")
    page.goto(f"/households/{household.uuid}/")
    page.get_by_role("link", name="Open de netwerkkaart").click()

    # No map yet: the page says what a network map is and invites the first one.
    expect(page.get_by_role("heading", name="Nog geen netwerkkaart")).to_be_visible()
    axe_check(page)
    screenshot(page, "network-empty")

    page.get_by_role("link", name="Het netwerk in kaart brengen").click()
    page.get_by_role("radio", name="begin", exact=True).check()
    page.get_by_label("Datum").fill((three_months_in.matched_on + dt.timedelta(days=7)).isoformat())
    page.get_by_label("Wat goed gaat").fill("Kookt graag. Zorgt goed voor Nour.")
    axe_check(page)
    screenshot(page, "network-new-map")
    page.get_by_role("button", name="Maak de kaart").click()

    # Quick on a phone: one person after the other on the same form.
    expect(page.get_by_role("heading", name="Persoon of organisatie toevoegen")).to_be_visible()
    axe_check(page)
    screenshot(page, "network-add-tie")
    _add(page, "zus", "familie", "sterk", "geeft steun")
    _add(page, "buurvrouw Els", "buren", "zwak of moeizaam", "kost energie")
    _add(page, "WIJ-team", "WIJ, hulp", "gewoon", "geeft steun", organisation=True, last=True)

    start = NetworkMap.objects.get(trajectory=three_months_in)
    assert start.ties.count() == 3
    expect(page.locator("svg.ecomap__svg")).to_be_visible()
    expect(page.get_by_role("img", name="Netwerkkaart: Begin")).to_be_visible()
    expect(page.locator("table.ties-table tbody tr")).to_have_count(3)
    axe_check(page)
    screenshot(page, "network-start-map")

    # Three months later: a new moment starts as a copy, the buddy adds what is new.
    page.get_by_role("link", name="Nieuw moment").click()
    page.get_by_role("radio", name="een ander moment", exact=True).check()
    page.get_by_label("Datum").fill(today().isoformat())
    expect(page.get_by_role("radio", name="Een kopie van Begin", exact=False)).to_be_checked()
    page.get_by_role("button", name="Maak de kaart").click()
    expect(page.get_by_text("De kaart is gekopieerd.")).to_be_visible()
    expect(page.locator("table.ties-table tbody tr")).to_have_count(3)

    page.get_by_role("link", name="Persoon of organisatie toevoegen").click()
    _add(page, "taalmaatje", "vrienden", "gewoon", "geeft steun")
    _add(page, "voedselbank", "werk", "gewoon", "geeft steun", organisation=True, last=True)
    page.get_by_role("link", name="Wijzigen buurvrouw Els").click()
    page.get_by_role("radio", name="gewoon", exact=True).check()
    page.get_by_role("radio", name="allebei", exact=True).check()
    axe_check(page)
    screenshot(page, "network-change-tie")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("De band is opgeslagen.")).to_be_visible()

    # The later map says in words how the network grew since the start.
    growth = page.locator(".growth__sentence")
    expect(growth).to_have_text(
        "2 banden meer, 1 sterker, 1 nieuwe persoon, 1 nieuwe organisatie, 1 geeft nu steun."
    )
    expect(page.locator("table.ties-table tbody tr")).to_have_count(5)
    axe_check(page)
    screenshot(page, "network-later-map")

    page.get_by_role("link", name="Bekijk de twee kaarten naast elkaar").click()
    expect(page.get_by_role("heading", name="Twee momenten vergelijken")).to_be_visible()
    expect(page.locator("svg.ecomap__svg")).to_have_count(2)
    expect(page.locator(".growth__sentence")).to_contain_text("2 banden meer")
    axe_check(page)
    screenshot(page, "network-compare")
    assert NetworkMap.objects.filter(trajectory=three_months_in).count() == 2
