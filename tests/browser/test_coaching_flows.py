"""The buddy's and coordinator's other everyday flows, clicked through in Chromium."""

import datetime as dt
import re

import pytest
import time_machine
from playwright.sync_api import Page, expect

from kansrijk.assessments.models import Assessment
from kansrijk.trajectories.choices import Phase

from .helpers import log_in, log_out, wait_for_htmx

pytestmark = pytest.mark.django_db(transaction=True)


def test_buddy_records_the_start_assessment_together_with_the_participant(
    phone: Page, paired_household, screenshot, axe_check
):
    page = phone
    log_in(page, "ingrid")
    page.get_by_role("link", name="Fatima El Amrani").click()
    page.get_by_role("link", name="Meting vastleggen").click()
    expect(page.get_by_role("radio", name="begin", exact=True)).to_be_checked()
    for domain in ("Thuissituatie", "Welzijn", "Financiën", "Opleiding", "Werk"):
        group = page.get_by_role("group", name=domain, exact=True)
        group.get_by_role("radio", name=re.compile(r"^2 · ")).check()
        group.get_by_label("Waar wil je staan?").select_option("4")
    page.get_by_label("De achterwacht", exact=True).check()
    screenshot(page, "buddy-assessment-form")
    axe_check(page)
    page.get_by_role("button", name="Meting opslaan").click()
    expect(page.get_by_text("De meting is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("2 van 5: Wankel")).to_have_count(5)
    expect(page.get_by_role("img", name="Leefgebieden door het jaar")).to_be_visible()
    assessment = Assessment.objects.get()
    assert assessment.moment == "start"
    assert assessment.with_backup
    assert assessment.scores.count() == 5


def test_an_unfinished_assessment_form_says_what_is_missing(phone: Page, paired_household):
    page = phone
    log_in(page, "ingrid")
    page.get_by_role("link", name="Fatima El Amrani").click()
    page.get_by_role("link", name="Meting vastleggen").click()
    page.get_by_role("button", name="Meting opslaan").click()
    expect(page.get_by_text("Nog niet opgeslagen.")).to_be_visible()
    assert not Assessment.objects.exists()


def test_buddy_starts_the_aftercare_when_the_year_is_over(phone: Page, paired_household):
    page = phone
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=367)):
        log_in(page, "ingrid")
        page.get_by_role("link", name="Fatima El Amrani").click()
        page.get_by_role("link", name="Nazorg starten").click()
        page.get_by_role("button", name="Nazorg starten").click()
        expect(page.get_by_text("De nazorg is begonnen.")).to_be_visible()
    paired_household.refresh_from_db()
    assert paired_household.phase == Phase.AFTERCARE


def test_coordinator_records_a_drop_out_with_its_reason(phone: Page, paired_household, axe_check):
    page = phone
    log_in(page, "marloes")
    page.goto(f"/households/{paired_household.household.uuid}/")
    page.get_by_role("link", name="Uitval vastleggen").click()
    page.get_by_label("verhuisd uit de wijk").check()
    axe_check(page)
    page.get_by_role("button", name="Uitval vastleggen").click()
    expect(page.locator(".page-head").get_by_text("Uitgevallen")).to_be_visible()
    paired_household.refresh_from_db()
    assert paired_household.phase == Phase.DROPPED_OUT
    assert paired_household.drop_out_reason == "moved"
    log_out(page)

    log_in(page, "ingrid")
    expect(page.get_by_text("Je begeleidt nu geen huishouden")).to_be_visible()


def test_the_household_filter_swaps_the_list_in_place(phone: Page, paired_household, cast):
    page = phone
    log_in(page, "marloes")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Huishoudens").click()
    wait_for_htmx(page)
    page.get_by_label("Fase").select_option(label="Intake")
    expect(page.get_by_text("Er zijn geen huishoudens bij deze keuze.")).to_be_visible()
    # htmx swapped the list in place: the page's address stays as it was
    expect(page).to_have_url(re.compile("/programmes/kansrijk-oost/households/$"))
    page.get_by_label("Fase").select_option(label="Actief jaar")
    expect(page.get_by_role("link", name="Fatima El Amrani").last).to_be_visible()


def test_the_household_filter_works_without_javascript(browser, live_server, paired_household):
    context = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, locale="nl-NL"
    )
    page = context.new_page()
    log_in(page, "marloes")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Huishoudens").click()
    page.get_by_label("Fase").select_option(label="Intake")
    page.get_by_role("button", name="Tonen").click()
    expect(page).to_have_url(re.compile("/households/\\?phase=intake"))
    expect(page.get_by_text("Er zijn geen huishoudens bij deze keuze.")).to_be_visible()
    context.close()


def test_a_user_switches_the_language_to_english(phone: Page, cast):
    page = phone
    log_in(page, "ingrid")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="My households")).to_be_visible()
    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", name="Mijn huishoudens")).to_be_visible()
