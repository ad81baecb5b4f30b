"""The audit log in words, in Dutch: the participant's "who looked" and the coordinator's log."""

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _both_widths(page: Page, screenshot, axe_check, name: str) -> None:
    for size, suffix in ((PHONE, "390"), (WIDE, "1280")):
        page.set_viewport_size(size)
        screenshot(page, f"{name}-{suffix}")
    axe_check(page)


def test_the_participant_and_the_coordinator_read_who_did_what_in_plain_dutch(
    phone: Page, fatima, cast, paired_household, screenshot, axe_check
):
    page = phone
    household = paired_household.household
    log_in(page, "ingrid")  # the buddy opens the file and the plan
    page.goto(f"/households/{household.uuid}/")
    page.get_by_role("link", name="Plan openen").click()
    expect(page).to_have_url(re.compile("/plan/"))
    page.context.clear_cookies()

    log_in(page, "fatima@example.org")
    page.get_by_role("link", name="Wie heeft mijn dossier bekeken?").click()
    line = page.locator(".log-day").filter(has_text="Ingrid Veenstra (buddy)")
    expect(line).to_contain_text("vandaag: bekeek de pagina van het huishouden en het plan")
    expect(line).to_contain_text("Delen van het dossier: basisgegevens, wensen en plan")
    expect(line).not_to_contain_text("IP-adres")
    expect(page.get_by_text("household page")).to_have_count(0)
    _both_widths(page, screenshot, axe_check, "audit-words-portal")
    page.context.clear_cookies()

    log_in(page, "marloes")
    page.goto("/programmes/kansrijk-oost/audit/")
    line = page.locator(".log-day").filter(has_text="Ingrid Veenstra (buddy)")
    expect(line).to_contain_text("bekeek de pagina van het huishouden en het plan")
    expect(line).to_contain_text(f"Huishouden: {household}")
    page.get_by_label("Zoeken").fill("het plan")
    page.get_by_role("button", name="Zoeken").click()
    found = page.locator(".log-day").filter(has_text="Ingrid Veenstra (buddy)")
    expect(found).to_contain_text("bekeek het plan")
    expect(found).not_to_contain_text("pagina van het huishouden")
    _both_widths(page, screenshot, axe_check, "audit-words-coordinator")
