"""Finding the way and keeping the focus: the menu per role (also without JavaScript, on a
phone), the error summary that takes the focus and leads to each field, back links that return
to the filtered list, and the focus after ticking a step in place. Pages pass axe."""

import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.core.dates import today
from kansrijk.frameworks.selectors import framework_for
from kansrijk.plans import services

from .conftest import PHONE
from .helpers import log_in, wait_for_htmx

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_empty_referral_puts_the_focus_on_the_summary_whose_links_lead_to_the_fields(
    phone: Page, cast, screenshot, axe_check
):
    page = phone
    log_in(page, "marloes")
    page.get_by_role("link", name="Aanmelding registreren").click()
    page.get_by_role("button", name="Aanmelding registreren").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    links = summary.get_by_role("link")
    expect(links.first).to_have_text(re.compile("^Kies een antwoord bij"))
    # Each missing answer is named, not "Dit veld is verplicht." over and over.
    assert page.get_by_text("Dit veld is verplicht.").count() == 0
    texts = links.all_inner_texts()
    assert len(texts) == len(set(texts)) > 3
    axe_check(page)
    screenshot(page, "referral-errors")

    links.filter(has_text="Voornaam").first.click()
    expect(page.locator("#id_given_name")).to_be_focused()


def test_the_menu_marks_the_page_and_works_on_a_phone_without_javascript(
    browser, live_server, cast, screenshot
):
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    try:
        log_in(page, "marloes")
        menu = page.get_by_role("navigation", name="Hoofdmenu")
        expect(menu.get_by_role("link", name="Kansrijk Oost")).to_have_attribute(
            "aria-current", "page"
        )
        screenshot(page, "menu-coordinator-phone-no-js")

        menu.get_by_role("link", name="Huishoudens").click()

        expect(page).to_have_url(re.compile("/programmes/kansrijk-oost/households/$"))
        expect(page.get_by_role("heading", name="Huishoudens", level=1)).to_be_visible()
        current = page.get_by_role("navigation", name="Hoofdmenu").locator("[aria-current=page]")
        expect(current).to_have_text("Huishoudens")
        # Every item is there to tap: none is hidden behind a script.
        for name in ("Kansrijk Oost", "Buddy's", "Cijfers", "Buddy Academie"):
            expect(menu.get_by_role("link", name=name)).to_be_visible()
    finally:
        context.close()


def test_the_coordinators_home_on_a_phone_starts_with_its_one_primary_action(
    phone: Page, cast, axe_check
):
    page = phone
    log_in(page, "marloes")

    head = page.locator(".page-head")
    expect(head.locator(".button")).to_have_count(1)
    expect(head.get_by_role("link", name="Aanmelding registreren")).to_be_visible()
    axe_check(page)


def test_a_household_opened_from_the_filtered_list_links_back_to_that_list(
    phone: Page, cast, paired_household, axe_check
):
    page = phone
    log_in(page, "marloes")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Huishoudens").click()
    wait_for_htmx(page)
    page.get_by_label("Fase").select_option(label="Actief jaar")
    expect(page.get_by_role("status").filter(has_text="1 huishouden")).to_be_attached()
    axe_check(page)
    page.get_by_role("link", name="Fatima El Amrani").click()

    page.get_by_role("link", name="Terug").click()

    expect(page).to_have_url(re.compile(r"/households/\?phase=active&area=$"))


def test_ticking_a_step_keeps_the_focus_on_the_step(
    phone: Page, cast, paired_household, screenshot, axe_check
):
    domain = framework_for(paired_household.household.programme).domains.first()
    goal = services.goal_create(
        trajectory=paired_household, by=cast["buddy"], domain=domain, text="Rust", target_on=today()
    )
    services.action_add(
        goal=goal, by=cast["buddy"], who="buddy", what="De Kredietbank bellen", due_on=today()
    )
    page = phone
    log_in(page, "ingrid")
    page.goto(f"/households/{paired_household.household.uuid}/plan/")
    wait_for_htmx(page)
    step = page.locator("li.todo__item").filter(has_text="De Kredietbank bellen")

    step.get_by_role("button", name=re.compile("Gedaan")).click()

    expect(step).to_have_class(re.compile("todo__item--done"))
    expect(step).to_be_focused()
    expect(page.locator("#announcer")).not_to_be_empty()
    axe_check(page)
    screenshot(page, "plan-step-ticked")
