"""A coordinator's first login where two-step verification is required: scan, type, go on."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from .conftest import PHONE
from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_sets_up_the_app_and_lands_on_the_dashboard(
    phone: Page, cast, settings, screenshot, axe_check
):
    # live_server runs in a thread of this process, so the override reaches its requests.
    settings.REQUIRE_TWO_FACTOR = True
    page = phone
    assert page.viewport_size == PHONE

    log_in(page, "marloes")

    expect(page).to_have_url(re.compile(r"/two-factor/setup/"))
    expect(page.get_by_role("heading", name="Inloggen in twee stappen instellen")).to_be_visible()
    expect(
        page.get_by_role("img", name="QR-code om te scannen met je authenticator-app")
    ).to_be_visible()
    expect(page.locator("code.secret")).to_have_text(re.compile(r"^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$"))
    screenshot(page, "two-factor-setup")
    axe_check(page)

    # Typed into the phone's app by hand, as the page offers next to the QR code.
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    assert not TOTPDevice.objects.filter(user=cast["coordinator"]).exists()
    page.get_by_label("Code uit je app").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Inloggen in twee stappen aanzetten").click()

    expect(page.get_by_role("heading", name="Kansrijk Oost")).to_be_visible()
    expect(page.get_by_text("Inloggen in twee stappen staat aan.")).to_be_visible()
    device = TOTPDevice.objects.get(user=cast["coordinator"])
    assert (device.bin_key, device.confirmed) == (key, True)
