"""The participant's own page, clicked through as the participant would."""

import pytest
from playwright.sync_api import Page, expect

from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.models import Consent
from kansrijk.access.services import consent_record

from .helpers import log_in, portal_account

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fatima(cast, paired_household):
    """Fatima has her own page, and lets her backup professional see her basic details."""
    consent_record(
        household=paired_household.household,
        trajectory=paired_household,
        by=cast["buddy"],
        recipient=Recipient.BACKUP,
        parts={FilePart.BASIC, FilePart.ASSESSMENTS},
        starts_on=paired_household.referred_on,
        ends_on=None,
        method=ConsentMethod.IN_PERSON,
    )
    user = portal_account(paired_household, by=cast["coordinator"], email="fatima@example.org")
    return user


def test_the_participant_sees_her_year_and_stops_the_backups_access(
    phone: Page, fatima, cast, paired_household, screenshot, axe_check
):
    page = phone
    log_in(page, "anouk")  # the backup professional looks at the file first
    page.goto(f"/households/{paired_household.household.uuid}/")
    page.context.clear_cookies()

    log_in(page, "fatima@example.org")
    expect(page.get_by_role("heading", name="Hallo Fatima")).to_be_visible()
    expect(page.get_by_text("Een baan.")).to_be_visible()
    expect(page.get_by_text("Ingrid Veenstra")).to_be_visible()
    screenshot(page, "participant-portal")
    axe_check(page)

    page.get_by_role("link", name="Wie heeft mijn dossier bekeken?").click()
    expect(page.get_by_text("Anouk Smit")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Mijn dossier").first.click()
    page.get_by_role("link", name="Dit stoppen").click()
    # One tap does not stop it: the page first says what changes, and "no" changes nothing.
    expect(page.get_by_role("heading", name="Dit stoppen?")).to_be_visible()
    expect(page.get_by_text("Basisgegevens")).to_be_visible()
    axe_check(page)
    screenshot(page, "participant-stop-consent")
    page.get_by_role("link", name="Nee, terug").click()
    expect(page.get_by_role("heading", name="Hallo Fatima")).to_be_visible()
    assert Consent.objects.get().withdrawn_at is None

    page.get_by_role("link", name="Dit stoppen").click()
    page.get_by_role("button", name="Ja, stop dit").click()
    expect(page.get_by_text("Klaar. Vanaf nu kunnen zij dit niet meer zien.")).to_be_visible()
    expect(page.get_by_text("Verder mag niemand je dossier zien.")).to_be_visible()
    assert Consent.objects.get().withdrawn_by == fatima
