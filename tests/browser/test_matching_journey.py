"""Matching from the first referral to both yeses, and a whole round at once, on a phone.

A coordinator registers a referral, holds the intake, writes down the participant's wishes,
keeps the buddies' profiles, proposes, and follows the introduction through a decline to the
buddy who fits; every page gets an axe check.
"""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.matching.choices import Gender, ProposalStatus
from kansrijk.matching.models import BuddyProfile, MatchWishes, Proposal
from kansrijk.people.choices import Role
from kansrijk.people.models import Area, ProgrammeRole
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

from .conftest import _person
from .helpers import log_in, log_out
from .test_household_journey import register_referral

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def buddies(cast, programme_oost):
    """Ingrid (the cast's buddy) and Hanneke, both reaching Beijum."""
    beijum = Area.objects.get(slug="beijum")
    hanneke = _person("hanneke", "Hanneke", "Dijkstra", programme_oost, Role.BUDDY)
    for user, languages in ((cast["buddy"], "nl"), (hanneke, "nl, ar")):
        role = ProgrammeRole.objects.get(user=user, role=Role.BUDDY)
        profile = BuddyProfile.objects.create(role=role, languages=languages, gender=Gender.WOMAN)
        profile.areas.add(beijum)
    return {"ingrid": cast["buddy"], "hanneke": hanneke}


def _hold_intake(page: Page, axe_check) -> None:
    page.get_by_role("link", name="Intake starten").click()
    page.get_by_role("button", name="Intake starten").click()
    page.get_by_role("link", name="Intake houden").click()
    page.get_by_label("Wat geeft nu de meeste stress?").fill("De brieven van de deurwaarder.")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Wat wil jij?").fill("Rust, en dan Nederlands leren.")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("doordeweeks 's avonds").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_role("link", name=re.compile("Deze stap overslaan")).click()
    axe_check(page)
    page.get_by_role("button", name="Intake afronden").click()


def test_from_referral_through_a_decline_to_both_yes_and_the_buddy_starts_the_year(
    phone: Page, cast, buddies, screenshot, axe_check
):
    page = phone
    log_in(page, "marloes")
    register_referral(page)
    expect(page.locator(".page-head").get_by_text("Aanmelding", exact=True)).to_be_visible()
    axe_check(page)

    # The referral said what kind of buddy would fit: write it down before the intake.
    page.get_by_role("link", name="Wensen voor een buddy").click()
    page.get_by_label("Arabisch").check()
    axe_check(page)
    screenshot(page, "matching-wishes")
    page.get_by_role("button", name="Wensen opslaan").click()
    expect(page.get_by_text("De wensen zijn opgeslagen.")).to_be_visible()

    _hold_intake(page, axe_check)
    page.get_by_role("link", name="Zoek een buddy").click()
    expect(page.get_by_text("een buddy die spreekt: Arabisch")).to_be_visible()
    expect(page.get_by_text("zoals gezegd bij de intake: doordeweeks 's avonds")).to_be_visible()
    best = page.locator("ol.list > li").first
    expect(best).to_contain_text("Hanneke Dijkstra")
    expect(best).to_contain_text("spreekt Arabisch")
    axe_check(page)
    screenshot(page, "matching-proposals")

    # Hanneke first: the participant chooses her, they meet, and the participant declines.
    page.get_by_role("button", name=re.compile("Voorstellen Hanneke Dijkstra")).click()
    expect(page.get_by_text("Hanneke Dijkstra is voorgesteld. Vraag nu aan de")).to_be_visible()
    page.get_by_role("button", name=re.compile("De deelnemer kiest deze buddy")).click()
    page.get_by_role("button", name="Kennismaking plannen").click()
    axe_check(page)
    page.get_by_label("Reden, als die nee zegt").first.fill("Het klikte niet.")
    page.get_by_role("button", name="Nee van de deelnemer").click()
    expect(page.get_by_role("heading", name="Afgewezen")).to_be_visible()
    expect(page.get_by_text("Afgewezen door de deelnemer: Het klikte niet.")).to_be_visible()
    expect(page.get_by_text("Hanneke Dijkstra is afgewezen en wordt niet meer")).to_be_visible()
    axe_check(page)
    screenshot(page, "matching-declined")

    # Back to the proposals: Hanneke is excluded, Ingrid is proposed and both say yes.
    page.get_by_role("button", name=re.compile("Voorstellen Ingrid Veenstra")).click()
    page.get_by_role("button", name=re.compile("De deelnemer kiest deze buddy")).click()
    page.get_by_role("button", name="Kennismaking plannen").click()
    page.get_by_role("button", name="Ja van de deelnemer").click()
    page.get_by_role("button", name="Ja van de buddy").click()
    expect(page.get_by_text("Allebei zeiden ja. Start het jaar")).to_be_visible()
    expect(page.locator(".page-head").get_by_text("Gekoppeld")).to_be_visible()
    axe_check(page)
    log_out(page)

    # The year starts at the first meeting: Ingrid starts it from her own page, that day.
    log_in(page, "ingrid")
    waiting = page.get_by_role("region", name=re.compile("Samira"))
    expect(waiting).to_contain_text("Jullie zeiden allebei ja")
    waiting.get_by_role("link", name=re.compile("Start het jaar")).click()
    expect(page.get_by_label("Dag van de eerste ontmoeting")).to_have_value(
        dt.date.today().isoformat()
    )
    axe_check(page)
    screenshot(page, "start-the-year")
    page.get_by_role("button", name="Start het jaar").click()
    expect(page.get_by_text("Het jaar is begonnen.")).to_be_visible()
    expect(page.locator(".page-head").get_by_text("Actief jaar")).to_be_visible()

    trajectory = Trajectory.objects.get(household__display_name__startswith="Samira")
    assert (trajectory.phase, trajectory.buddy) == (Phase.ACTIVE, buddies["ingrid"])
    assert trajectory.matched_on == dt.date.today()
    assert list(MatchWishes.objects.get(trajectory=trajectory).excluded.all()) == [
        buddies["hanneke"]
    ]
    assert Proposal.objects.get(buddy=buddies["hanneke"]).status == ProposalStatus.DECLINED


def test_a_round_is_matched_at_once_after_the_profiles_are_kept(
    phone: Page, cast, buddies, programme_oost, screenshot, axe_check
):
    page = phone
    log_in(page, "marloes")
    register_referral(page)
    _hold_intake(page, axe_check)

    # Hanneke is away for a while: the coordinator records her break on her page (the
    # Academie keeps the one record of absence).
    page.goto(f"/programmes/{programme_oost.slug}/")
    page.get_by_role("link", name="Buddy's", exact=True).click()
    axe_check(page)
    page.get_by_role("link", name="Hanneke Dijkstra").click()
    page.get_by_label("Tot en met").fill((dt.date.today() + dt.timedelta(days=60)).isoformat())
    axe_check(page)
    page.get_by_role("button", name="Pauze vastleggen").click()
    page.goto(f"/programmes/{programme_oost.slug}/buddies/")
    expect(page.locator("li.card", has_text="Hanneke Dijkstra")).to_contain_text(
        "neemt een pauze tot"
    )

    page.get_by_role("link", name="Iedereen tegelijk koppelen").click()
    page.get_by_role("button", name="Maak een voorstel voor iedereen").click()
    proposal = page.locator("table tbody tr")
    expect(proposal).to_have_count(1)
    expect(proposal).to_contain_text("Ingrid Veenstra")
    axe_check(page)
    screenshot(page, "matching-batch")
    page.get_by_role("button", name="Deze buddy's voorstellen").click()
    expect(page.get_by_text("Buddy's voorgesteld: 1.")).to_be_visible()

    made = Proposal.objects.get()
    assert (made.buddy, made.status) == (buddies["ingrid"], ProposalStatus.PROPOSED)


def test_a_buddy_keeps_their_own_profile(phone: Page, cast, buddies, programme_oost, axe_check):
    page = phone
    log_in(page, "hanneke")
    page.get_by_role("link", name=re.compile("Mijn profiel voor het koppelen")).click()
    expect(page.get_by_label("Hoeveel huishoudens tegelijk")).to_have_count(0)
    page.get_by_label("Turks").check()
    page.get_by_label("Kan 's avonds op bezoek").check()
    axe_check(page)
    page.get_by_role("button", name="Profiel opslaan").click()
    expect(page.get_by_text("Het profiel is opgeslagen.")).to_be_visible()

    profile = BuddyProfile.objects.get(role__user=buddies["hanneke"])
    assert profile.evening
    assert "tr" in profile.languages
