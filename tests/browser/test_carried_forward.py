"""Typed once: what the referral and the intake wrote down comes back where it is needed next.

A coordinator registers a referral with wishes for the buddy and the household's stress, holds
the intake (its first step starts from the referral's words, its picture of the life domains is
the start assessment), and then sees the wishes on the matching page, the visiting times on the
household page, the start assessment counted, and the next assessment starting from its targets.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.assessments.choices import Moment
from kansrijk.assessments.models import Assessment
from kansrijk.intake.models import Intake
from kansrijk.matching.choices import Gender
from kansrijk.matching.models import BuddyProfile, MatchWishes
from kansrijk.people.choices import Role
from kansrijk.people.models import Area, ProgrammeRole

from .conftest import _person
from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def buddies(cast, programme_oost):
    """Ingrid and Bert: both speak Dutch and Arabic and reach Beijum; only the gender differs."""
    beijum = Area.objects.get(slug="beijum")
    bert = _person("bert", "Bert", "Mulder", programme_oost, Role.BUDDY)
    for user, gender in ((cast["buddy"], Gender.WOMAN), (bert, Gender.MAN)):
        role = ProgrammeRole.objects.get(user=user, role=Role.BUDDY)
        profile = BuddyProfile.objects.create(role=role, languages="nl, ar", gender=gender)
        profile.areas.add(beijum)
    return {"ingrid": cast["buddy"], "bert": bert}


def _both_sizes(page: Page, screenshot, name: str) -> None:
    screenshot(page, f"{name}-390")
    page.set_viewport_size(DESKTOP)
    screenshot(page, f"{name}-1280")
    page.set_viewport_size(PHONE)


def _refer_with_wishes_and_stress(page: Page, screenshot) -> None:
    page.get_by_role("link", name="Aanmelding registreren").click()
    page.get_by_label("Aangemeld door").select_option(label="WIJ Beijum")
    page.get_by_label("Wijk").select_option(label="Beijum")
    page.get_by_label("Voornaam van de deelnemer").fill("Noor")
    page.get_by_label("Achternaam van de deelnemer").fill("Haddad")
    page.get_by_label("Gesproken talen").fill("Arabisch, Nederlands")
    page.get_by_label("Waarom meld je dit huishouden aan?").fill("Schulden en veel zorgen.")
    page.get_by_label(re.compile(r"^Wat geeft de meeste stress\?")).fill(
        "Een brief over huisuitzetting."
    )
    page.get_by_label("Wil de deelnemer liever een vrouw of een man als buddy?").select_option(
        label="een vrouw"
    )
    page.get_by_label("Andere wensen voor de buddy").fill("Heeft zelf ook kinderen.")
    screenshot(page, "carried-referral-wishes-390")
    page.get_by_label("De deelnemer geeft toestemming voor deze aanmelding").check()
    page.get_by_label("Op papier getekend").check()
    page.get_by_role("button", name="Aanmelding registreren").click()
    expect(page.get_by_text("De aanmelding is geregistreerd.")).to_be_visible()


def _picture_of_the_life_domains(page: Page) -> None:
    """Per domain the second sentence for now, and one step higher as where to be."""
    domains = page.locator("fieldset.domain-fieldset")
    for index in range(domains.count()):
        domain = domains.nth(index)
        domain.get_by_role("radio").nth(1).check()
        domain.get_by_label("Waar wil je staan?").select_option(index=3)


def test_what_the_referral_and_intake_wrote_is_typed_once(
    phone: Page, cast, buddies, screenshot, axe_check
):
    page = phone
    log_in(page, "marloes")
    _refer_with_wishes_and_stress(page, screenshot)
    household_url = page.url

    page.get_by_role("link", name="Intake starten").click()
    page.get_by_role("button", name="Intake starten").click()
    page.get_by_role("link", name="Intake houden").click()
    stress = page.get_by_label("Wat geeft nu de meeste stress?")
    expect(stress).to_have_value("Een brief over huisuitzetting.")
    expect(page.get_by_text("Uit de aanmelding")).to_be_visible()
    _both_sizes(page, screenshot, "carried-intake-stress")
    axe_check(page)
    stress.fill("Een brief over huisuitzetting, en de energierekening.")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Wat wil jij?").fill("Rust, en later werk in de kinderopvang.")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("doordeweeks 's avonds").check()
    page.get_by_label("in het weekend").check()
    page.get_by_label("Opmerking over bezoeken").fill("Niet op woensdag.")
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page.get_by_role("heading", name="Een eerste beeld")).to_be_visible()
    _picture_of_the_life_domains(page)
    _both_sizes(page, screenshot, "carried-intake-picture")
    axe_check(page)
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_text("Opgeslagen als startmeting")).to_be_visible()
    page.get_by_role("button", name="Intake afronden").click()
    expect(page.get_by_text("wacht nu op een buddy")).to_be_visible()

    # The visiting times ticked at the intake are on the household page.
    expect(
        page.get_by_text("doordeweeks 's avonds, in het weekend; Niet op woensdag.")
    ).to_be_visible()

    page.get_by_role("link", name="Zoek een buddy").click()
    wishes = page.locator("#wishes-title").locator("xpath=ancestor::section")
    expect(wishes.get_by_text("liever een vrouw")).to_be_visible()
    expect(wishes.get_by_text("Uit de aanmelding").first).to_be_visible()
    expect(wishes.get_by_text("Uit de intake")).to_be_visible()
    expect(wishes.get_by_text("Heeft zelf ook kinderen.")).to_be_visible()
    expect(page.get_by_text("Nog geen wensen opgeschreven")).to_have_count(0)
    best = page.locator("#best-title").locator("xpath=ancestor::section").locator("ol > li")
    expect(best.first).to_contain_text("Ingrid Veenstra")
    _both_sizes(page, screenshot, "carried-matching-wishes")
    axe_check(page)

    page.get_by_role("link", name=re.compile("^Wijzigen")).click()
    expect(page.get_by_label("Wil de deelnemer liever een vrouw of een man?")).to_have_value(
        Gender.WOMAN
    )
    expect(page.get_by_text("Uit de aanmelding")).to_be_visible()
    _both_sizes(page, screenshot, "carried-wishes-form")
    axe_check(page)
    assert not MatchWishes.objects.exists()
    page.go_back()

    page.get_by_role("link", name="Direct koppelen, zonder voorstellen").click()
    page.get_by_label(re.compile("Ingrid Veenstra")).check()
    page.get_by_role("button", name="Koppelen", exact=True).click()
    expect(page.locator(".page-head").get_by_text("Gekoppeld")).to_be_visible()
    page.get_by_role("link", name="Start het jaar").click()
    page.get_by_role("button", name="Start het jaar").click()
    expect(page.locator(".page-head").get_by_text("Actief jaar")).to_be_visible()

    start = page.locator("#assessments .list__row").filter(has_text="Begin")
    expect(start.locator(".badge--done")).to_be_visible()
    expect(page.get_by_text("Begin gepland")).to_have_count(0)
    _both_sizes(page, screenshot, "carried-household-start")
    axe_check(page)

    page.get_by_role("link", name="Meting vastleggen").click()
    expect(page.get_by_label("halverwege")).to_be_checked()
    expect(page.get_by_text("Uit de vorige meting").first).to_be_visible()
    first_domain = page.locator("fieldset.domain-fieldset").first
    expect(first_domain.get_by_label("Waar wil je staan?")).to_have_value("3")
    _both_sizes(page, screenshot, "carried-next-assessment")
    axe_check(page)

    assert page.url.startswith(household_url)
    intake = Intake.objects.get(trajectory__household__display_name="Noor Haddad")
    assert intake.stress_now == "Een brief over huisuitzetting, en de energierekening."
    start_assessment = Assessment.objects.get(trajectory=intake.trajectory)
    assert start_assessment.moment == Moment.START
