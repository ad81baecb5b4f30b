"""API connections in Chromium: the coordinator makes one, copies its key once, and stops it."""

import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.api.models import ApiClient

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_makes_a_connection_sees_the_key_once_and_stops_it(
    phone: Page, cast, screenshot, axe_check
):
    page = phone
    log_in(page, "marloes")
    page.goto("/programmes/kansrijk-oost/")
    page.get_by_role("link", name="API-koppelingen").click()
    expect(page.get_by_role("heading", name="API-koppelingen", level=1)).to_be_visible()
    page.get_by_label("Naam van de koppeling").fill("Verwijssysteem WIJ Beijum")
    page.get_by_label("Organisatie").select_option(label="WIJ Beijum")
    page.get_by_label("huishoudens aanmelden").check()
    page.get_by_label("de stand van de eigen aanmeldingen lezen").check()
    page.get_by_role("button", name="Koppeling en sleutel maken").click()

    key = page.get_by_test_id("new-key")
    expect(key).to_have_text(re.compile(r"^kr_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$"))
    client = ApiClient.objects.get()
    assert key.inner_text().startswith(f"kr_{client.key_prefix}_")
    screenshot(page, "api-clients-new-key")
    axe_check(page)

    page.reload()  # a GET: the key is gone for good
    expect(page.get_by_test_id("new-key")).to_have_count(0)
    page.get_by_role("button", name="Verwijssysteem WIJ Beijum stoppen").click()
    expect(page.get_by_text("De koppeling is gestopt.")).to_be_visible()
    expect(page.get_by_text("Gestopt", exact=True)).to_be_visible()
    screenshot(page, "api-clients-stopped")
    client.refresh_from_db()
    assert client.revoked_at is not None
