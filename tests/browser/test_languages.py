"""Her language, clicked through: she switches her own page, and it stays so on every login."""

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import PHONE
from .helpers import log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


def test_she_switches_her_page_to_english_and_it_sticks_after_logging_in_again(
    phone: Page, browser, live_server, fatima, paired_household, screenshot, axe_check
):
    page = phone
    log_in(page, "fatima@example.org")
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Who looked at my file", exact=True)).to_be_visible()
    paired_household.household.refresh_from_db()
    assert paired_household.household.language == "en"
    page.get_by_role("button", name=re.compile("Log out")).click()
    expect(page).to_have_url(re.compile("/login/"))

    # Another phone, a Dutch browser without her cookie: the language is stored with her.
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="nl-NL")
    other = context.new_page()
    log_in(other, "fatima@example.org")
    expect(other.locator("html")).to_have_attribute("lang", "en")
    expect(other.get_by_role("link", name="Who looked at my file", exact=True)).to_be_visible()
    axe_check(other)
    context.close()


def test_her_page_in_arabic_reads_right_to_left(phone: Page, fatima, screenshot, axe_check):
    page = phone
    log_in(page, "fatima@example.org")

    page.locator('button[lang="ar"]').click()

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    screenshot(page, "participant-portal-arabic")


def test_the_buddy_opens_her_plan_in_her_language_in_one_tap(
    phone: Page, fatima, paired_household, screenshot, axe_check
):
    household = paired_household.household
    household.language = "en"
    household.save(update_fields=["language"])
    page = phone
    log_in(page, "ingrid")
    page.goto(f"/households/{household.uuid}/plan/")
    screenshot(page, "plan-with-her-language")

    page.get_by_role("link", name=re.compile("Toon in de eigen taal")).click()

    expect(page.locator("html")).to_have_attribute("lang", "nl")  # his page stays Dutch
    sheet = page.locator("article.print-sheet")
    expect(sheet).to_have_attribute("lang", "en")
    expect(sheet.get_by_role("heading", name="Our plan")).to_be_visible()
    axe_check(page)
    screenshot(page, "plan-sheet-in-her-language")
    log_out(page)


def test_the_coordinator_reads_how_far_each_language_is(phone: Page, cast, screenshot, axe_check):
    page = phone
    log_in(page, "marloes")
    page.get_by_role("link", name="Talen voor deelnemers").click()

    expect(page.get_by_role("heading", name="Talen voor deelnemers")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Arabisch"))).to_contain_text("Concept")
    axe_check(page)
    screenshot(page, "translation-status")
