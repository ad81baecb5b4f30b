"""One household's whole journey, clicked through in Chromium as the people involved would."""

import datetime as dt
import re

import pytest
import time_machine
from playwright.sync_api import Page, expect

from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

from .helpers import log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


def register_referral(page: Page) -> None:
    page.get_by_role("link", name="Aanmelding registreren").click()
    page.get_by_label("Aangemeld door").select_option(label="WIJ Beijum")
    page.get_by_label("Wijk").select_option(label="Beijum")
    page.get_by_label("Voornaam van de deelnemer").fill("Samira")
    page.get_by_label("Achternaam van de deelnemer").fill("Haddou")
    page.get_by_role("textbox", name="Telefoon").fill("06-1234 5678")
    page.get_by_label("Postcode").fill("9736ab")
    page.get_by_role("group", name="Kind 1").get_by_label("Voornaam").fill("Yara")
    page.get_by_role("group", name="Kind 1").get_by_label("Geboortejaar").fill("2016")
    page.get_by_label("Waarom meld je dit huishouden aan?").fill(
        "Schulden en een brief over huisuitzetting."
    )
    page.get_by_label("De deelnemer geeft toestemming voor deze aanmelding").check()
    page.get_by_label("Op papier getekend").check()
    page.get_by_role("button", name="Aanmelding registreren").click()


def test_a_household_goes_from_referral_to_closure(phone: Page, cast, screenshot, axe_check):
    page = phone
    log_in(page, "marloes")
    expect(page.get_by_role("heading", name="Kansrijk Oost")).to_be_visible()
    screenshot(page, "coordinator-dashboard")
    axe_check(page)

    register_referral(page)
    expect(page.get_by_text("De aanmelding is geregistreerd.")).to_be_visible()
    expect(page.get_by_role("heading", name="Samira Haddou")).to_be_visible()
    expect(page.get_by_text("Yara")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Intake starten").click()
    page.get_by_role("button", name="Intake starten").click()
    page.get_by_role("link", name="Intake houden").click()
    expect(page.get_by_text("Stap 1 van 5")).to_be_visible()
    page.get_by_label("Wat geeft nu de meeste stress?").fill(
        "Een schuld bij de energieleverancier."
    )
    page.get_by_label("schulden").check()
    axe_check(page)
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Wat wil jij?").fill("Rust in mijn hoofd, en later werk in de zorg.")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("doordeweeks 's avonds").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_role("link", name=re.compile("Deze stap overslaan")).click()
    expect(page.get_by_role("heading", name="Controleren en afronden")).to_be_visible()
    expect(page.get_by_text("Rust in mijn hoofd, en later werk in de zorg.")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Intake afronden").click()
    expect(page.get_by_text("wacht nu op een buddy")).to_be_visible()

    page.get_by_role("link", name="Zoek een buddy").click()
    page.get_by_role("link", name="Direct koppelen, zonder voorstellen").click()
    page.get_by_label(re.compile("Ingrid Veenstra")).check()
    axe_check(page)
    page.get_by_role("button", name="Koppelen", exact=True).click()
    expect(page.locator(".page-head").get_by_text("Gekoppeld")).to_be_visible()
    page.get_by_role("link", name="Start het jaar").click()
    page.get_by_role("button", name="Start het jaar").click()
    expect(page.locator(".page-head").get_by_text("Actief jaar")).to_be_visible()
    household_url = page.url

    # Samira lets her backup professional see the basic details and the assessments.
    page.get_by_role("link", name="Toestemming beheren").click()
    page.get_by_label("de achterwacht").check()
    page.get_by_label("metingen").check()
    page.get_by_label("op papier getekend").check()
    axe_check(page)
    page.get_by_role("button", name="Toestemming vastleggen").click()
    expect(page.get_by_text("De toestemming is vastgelegd.")).to_be_visible()
    log_out(page)

    log_in(page, "ingrid")
    expect(page.get_by_role("heading", name="Mijn huishoudens")).to_be_visible()
    expect(page.get_by_role("link", name="Samira Haddou")).to_be_visible()
    screenshot(page, "buddy-home")
    axe_check(page)
    page.get_by_role("link", name="Contact vastleggen").click()
    page.get_by_label("Huisbezoek").check()
    page.get_by_label("Minuten").fill("60")
    page.get_by_label("Korte notitie").fill("Samen de post doorgenomen.")
    page.get_by_role("button", name="Contact opslaan").click()
    expect(page.get_by_text("Samen de post doorgenomen.")).to_be_visible()
    screenshot(page, "buddy-household")
    axe_check(page)
    log_out(page)

    log_in(page, "anouk")
    expect(page.get_by_role("link", name="Samira Haddou")).to_be_visible()
    screenshot(page, "backup-home")
    axe_check(page)
    log_out(page)

    log_in(page, "npg")
    expect(page.get_by_role("heading", name="Cijfers")).to_be_visible()
    expect(page.get_by_text("Samira")).to_have_count(0)
    screenshot(page, "funder-figures")
    axe_check(page)

    # A year later the coordinator rounds the trajectory off.
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=366)):
        page.context.clear_cookies()
        log_in(page, "marloes")
        page.goto(household_url)
        page.get_by_role("link", name="Traject afsluiten").click()
        page.get_by_label("Hoe ging het jaar?").fill("Schulden geregeld, start met een opleiding.")
        page.get_by_label("Geen van deze is bereikt").check()
        page.get_by_role("button", name="Traject afsluiten").click()
        expect(page.get_by_text("Het traject is afgesloten.")).to_be_visible()

    trajectory = Trajectory.objects.get(household__display_name="Samira Haddou")
    assert trajectory.phase == Phase.CLOSED
    assert list(trajectory.phase_changes.values_list("to_phase", flat=True)) == [
        Phase.REFERRED,
        Phase.INTAKE,
        Phase.MATCHING,
        Phase.MATCHED,
        Phase.ACTIVE,
        Phase.CLOSED,
    ]


def test_bad_referral_input_gets_a_clear_message_and_saves_nothing(phone: Page, cast, axe_check):
    page = phone
    log_in(page, "marloes")
    page.get_by_role("link", name="Aanmelding registreren").click()
    page.get_by_label("Postcode").fill("12345")
    page.get_by_role("button", name="Aanmelding registreren").click()
    expect(
        page.get_by_role("link", name=re.compile("Vul een Nederlandse postcode in"))
    ).to_be_visible()
    expect(
        page.locator(".errorlist").get_by_text("Vul een Nederlandse postcode in")
    ).to_be_visible()
    axe_check(page)
    assert not Trajectory.objects.exists()
