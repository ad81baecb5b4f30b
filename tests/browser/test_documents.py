"""Documents with the file, as people use them: buddy Ingrid photographs the consent form Fatima
signed on paper and keeps it with the file on her phone; coordinator Marloes opens it at her
desk and gets the file to save, without what the phone wrote into the photo. Every page passes
axe; screenshots (390 and 1280 px wide) go to test-results/screenshots/."""

import io

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from kansrijk.access.choices import FilePart
from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.documents.models import Document
from tests.factories import CandidateFactory, DocumentFactory
from tests.files import jpeg_with_exif, pdf_bytes

from .helpers import log_in, log_out, portal_account

pytestmark = pytest.mark.django_db(transaction=True)

DESK = {"width": 1280, "height": 900}


@pytest.fixture
def desk(browser, live_server):
    """A fresh desk-sized page (1280×900) pointed at the live server."""
    context = browser.new_context(
        viewport=DESK, base_url=live_server.url, locale="nl-NL", accept_downloads=True
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_buddy_keeps_a_scanned_consent_and_the_coordinator_opens_it(
    phone: Page, desk: Page, paired_household, screenshot, axe_check
):
    household = paired_household.household
    page = phone
    log_in(page, "ingrid")
    page.goto(f"/households/{household.uuid}/")
    expect(page.get_by_role("heading", name="Documenten")).to_be_visible()
    page.get_by_role("link", name="Document toevoegen").click()

    expect(page.get_by_role("heading", name="Document toevoegen")).to_be_visible()
    axe_check(page)
    screenshot(page, "documents-add-390")
    page.get_by_label("Bestand").set_input_files(
        files=[{"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_exif()}]
    )
    page.get_by_role("radio", name="Basisgegevens", exact=True).check()
    page.get_by_role("button", name="Document bewaren").click()

    expect(page.get_by_text("Het document is bewaard bij het dossier.")).to_be_visible()
    expect(page.get_by_role("link", name="IMG_2041.jpg")).to_be_visible()
    axe_check(page)
    screenshot(page, "documents-list-390")

    # A text file named like a PDF is refused in words; nothing more is kept.
    page.get_by_label("Bestand").set_input_files(
        files=[{"name": "brief.pdf", "mimeType": "application/pdf", "buffer": b"geen pdf"}]
    )
    page.get_by_role("button", name="Document bewaren").click()
    expect(page.get_by_text("Dit is geen PDF, JPEG of PNG.").first).to_be_visible()
    axe_check(page)
    screenshot(page, "documents-refused-390")
    assert Document.objects.count() == 1
    log_out(page)

    log_in(desk, "marloes")
    desk.goto(f"/households/{household.uuid}/")
    section = desk.get_by_role("region", name="Documenten")
    expect(section.get_by_role("link", name="IMG_2041.jpg")).to_be_visible()
    axe_check(desk)
    screenshot(desk, "documents-household-1280")
    with desk.expect_download() as download:
        section.get_by_role("link", name="IMG_2041.jpg").click()

    assert download.value.suggested_filename == "IMG_2041.jpg"
    content = download.value.path().read_bytes()
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == "JPEG" and dict(image.getexif()) == {}
    assert b"PhoneMaker" not in content
    read = AuditEntry.objects.filter(action=AuditAction.VIEW, detail__startswith="document ")
    assert read.get().actor.username == "marloes"
    desk.goto(f"/households/{household.uuid}/documents/")
    axe_check(desk)
    screenshot(desk, "documents-page-1280")


def test_the_participant_finds_her_documents_on_her_own_page(
    phone: Page, paired_household, cast, screenshot, axe_check
):
    portal_account(paired_household, by=cast["coordinator"], email="fatima@example.org")
    DocumentFactory(
        household=paired_household.household,
        part=FilePart.SENSITIVE,
        name="Besluit huurtoeslag.pdf",
        uploaded_by=cast["buddy"],
    )
    page = phone
    log_in(page, "fatima@example.org")

    section = page.get_by_role("region", name="Je documenten")
    expect(section.get_by_role("link", name="Besluit huurtoeslag.pdf")).to_be_visible()
    axe_check(page)
    screenshot(page, "documents-portal-390")
    with page.expect_download() as download:
        section.get_by_role("link", name="Besluit huurtoeslag.pdf").click()

    assert download.value.suggested_filename == "Besluit huurtoeslag.pdf"


def test_the_coordinator_keeps_the_scan_of_a_buddys_vog(
    desk: Page, cast, programme_oost, screenshot, axe_check
):
    candidate = CandidateFactory(programme=programme_oost, created_by=cast["coordinator"])
    page = desk
    log_in(page, "marloes")
    page.goto(f"/programmes/{programme_oost.slug}/academy/candidates/{candidate.uuid}/")
    page.get_by_role("link", name="Scan van de VOG toevoegen").click()

    page.get_by_label("Scan van de VOG").set_input_files(
        files=[{"name": "VOG.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("VOG")}]
    )
    axe_check(page)
    screenshot(page, "vog-scan-add-1280")
    page.get_by_role("button", name="Scan bewaren").click()

    expect(
        page.get_by_text("De scan van de VOG is bewaard bij het dossier van de buddy.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="VOG.pdf")).to_be_visible()
    axe_check(page)
    screenshot(page, "vog-scan-candidate-1280")
