"""She lets a named organisation see part of her file, clicked through: she picks WIJ Beijum,
reads who works there, allows the basic details and the plan, and stops it again. A person of
WIJ Beijum finds her household on their page while it lasts, and not after."""

import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.access.choices import Recipient
from kansrijk.access.models import Consent
from kansrijk.core.dates import today
from kansrijk.people.models import Organisation, User

from .helpers import PASSWORD, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def wendy(programme_oost):
    """Wendy works at WIJ Beijum, without a role in the programme."""
    return User.objects.create_user(
        "wendy",
        password=PASSWORD,
        first_name="Wendy",
        last_name="de Wit",
        organisation=Organisation.objects.get(slug="wij-beijum"),
    )


def _in_force():
    return Consent.objects.in_force(today()).filter(recipient=Recipient.ORGANISATION)


def test_she_lets_wij_beijum_see_her_basic_details_and_plan_and_stops_it(
    phone: Page, fatima, wendy, paired_household, screenshot, axe_check
):
    page = phone
    log_in(page, "fatima@example.org")
    page.get_by_role("link", name="Kies wie wat mag zien").click()
    page.get_by_label("Welke organisatie?").select_option(label="WIJ Beijum")
    page.get_by_role("button", name="Laat zien wie dat is").click()

    expect(page.get_by_role("heading", name="WIJ Beijum", level=1)).to_be_visible()
    expect(page.get_by_text("Wendy de Wit")).to_be_visible()
    axe_check(page)
    screenshot(page, "participant-consent-organisation")

    page.get_by_role("button", name="Toestaan (WIJ Beijum: wensen en plan)").click()
    expect(page.get_by_role("heading", name="Gelukt")).to_be_visible()
    expect(page.get_by_text("Vanaf nu mag WIJ Beijum dit zien:")).to_be_visible()
    consent = _in_force().get()
    assert consent.organisation.slug == "wij-beijum"
    assert [p.value for p in consent.parts] == ["basic", "plan"]
    expect(page.get_by_role("heading", name="WIJ Beijum", level=2)).to_be_visible()
    axe_check(page)
    screenshot(page, "participant-consent-organisation-given")
    log_out(page)

    # Wendy of WIJ Beijum finds Fatima's household on her page and opens it.
    log_in(page, "wendy")
    household = paired_household.household.display_name
    page.get_by_role("link", name=household).click()
    expect(
        page.get_by_text(re.compile("toestemming gaf aan WIJ Beijum om dit te zien"))
    ).to_be_visible()
    axe_check(page)
    log_out(page)

    # Fatima stops it: from the basic details, so nothing is left.
    log_in(page, "fatima@example.org")
    page.get_by_role("link", name="Kies wie wat mag zien").click()
    page.get_by_role("button", name="Stoppen (WIJ Beijum: basisgegevens)").click()
    expect(page.get_by_role("heading", name="Dit stoppen?")).to_be_visible()
    page.get_by_role("button", name="Ja, stop dit").click()
    expect(page.get_by_text("Vanaf nu kan WIJ Beijum niets van je dossier zien.")).to_be_visible()
    assert not _in_force().exists()
    log_out(page)

    log_in(page, "wendy")
    expect(page.get_by_role("link", name=household)).to_have_count(0)


def test_the_coordinator_records_a_consent_naming_wij_beijum(
    phone: Page, wendy, paired_household, screenshot, axe_check
):
    page = phone
    log_in(page, "marloes")
    page.goto(f"/households/{paired_household.household.uuid}/consent/")
    page.get_by_label("een genoemde organisatie").check()
    page.get_by_label("Welke organisatie?").select_option(label="WIJ Beijum")
    page.get_by_label("wensen en plan").check()
    page.get_by_label("op papier getekend").check()
    axe_check(page)
    screenshot(page, "coordinator-consent-organisation")
    page.get_by_role("button", name="Toestemming vastleggen").click()
    expect(page.get_by_text("De toestemming is vastgelegd.")).to_be_visible()
    assert _in_force().get().organisation.slug == "wij-beijum"
    log_out(page)

    log_in(page, "wendy")
    expect(page.get_by_role("heading", name="WIJ Beijum", level=1)).to_be_visible()
    expect(page.get_by_text("basisgegevens, wensen en plan")).to_be_visible()
    axe_check(page)
    screenshot(page, "organisation-home")
