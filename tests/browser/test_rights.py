"""The participant's rights in Chromium: the coordinator downloads the whole file as a PDF."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from kansrijk.access.models import AuditAction, AuditEntry

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_downloads_the_participants_file_as_a_pdf(
    phone: Page, paired_household, screenshot, axe_check
):
    page = phone
    household = paired_household.household
    log_in(page, "marloes")
    page.goto(f"/households/{household.uuid}/")
    page.get_by_role("link", name="Dossier downloaden").click()
    expect(page.get_by_role("heading", name="Rechten van de deelnemer")).to_be_visible()
    screenshot(page, "rights")
    axe_check(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Downloaden als pdf").click()
    download = download_info.value

    assert download.suggested_filename == f"kansrijk-{household.uuid}.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF-")
    entry = AuditEntry.objects.filter(household=household, action=AuditAction.EXPORT).get()
    assert (entry.detail, entry.actor.username) == ("pdf", "marloes")
