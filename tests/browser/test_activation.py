"""A portal account without e-mail, in the browser: the coordinator prints a letter, and the
participant (another browser, not logged in) makes her own page with its code."""

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import PHONE
from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)

HER_PASSWORD = "blauwe fiets bij de deur"


def test_the_coordinator_prints_a_letter_and_she_activates_her_page_with_it(
    browser, live_server, cast, paired_household, screenshot, axe_check
):
    desk = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page: Page = desk.new_page()
    log_in(page, "marloes")
    page.goto(f"/households/{paired_household.household.uuid}/consent/")
    page.get_by_role("link", name="Een activeringsbrief met een code afdrukken").click()
    page.get_by_role("button", name="De brief maken").click()

    letter = page.locator(".letter")
    expect(letter.get_by_role("heading", name="Je eigen pagina bij kansrijk")).to_be_visible()
    expect(letter.get_by_text("Hallo Fatima,")).to_be_visible()
    expect(letter.get_by_role("img", name=re.compile("QR-code"))).to_be_visible()
    code = letter.locator(".letter__facts dd").nth(1).inner_text()
    username = letter.locator(".letter__facts dd").nth(0).inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert username.startswith("fatima-")
    screenshot(page, "activation-letter")
    axe_check(page)
    page.emulate_media(media="print")
    screenshot(page, "activation-letter-print")
    desk.close()

    # She is somewhere else, on her phone, and not logged in.
    her_phone = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="nl-NL")
    phone = her_phone.new_page()
    phone.goto("/login/")
    phone.get_by_role("link", name="Maak je eigen pagina").click()
    axe_check(phone)
    phone.get_by_label("De code uit je brief").fill(code.lower().replace("-", " "))
    phone.get_by_role("button", name="Verder").click()

    expect(phone).to_have_url(re.compile(r"/activate/password/$"))
    expect(phone.get_by_text(username, exact=True)).to_be_visible()
    screenshot(phone, "activation-password")
    axe_check(phone)
    phone.get_by_label("Kies een wachtwoord").fill(HER_PASSWORD)
    phone.get_by_label("Typ hetzelfde wachtwoord nog een keer").fill(HER_PASSWORD)
    phone.get_by_role("button", name="Opslaan en mijn pagina openen").click()

    expect(phone).to_have_url(re.compile(r"/me/$"))
    expect(phone.get_by_role("heading", name="Hallo Fatima")).to_be_visible()
    expect(phone.get_by_text("Je eigen pagina is klaar")).to_be_visible()
    axe_check(phone)
    her_phone.close()
