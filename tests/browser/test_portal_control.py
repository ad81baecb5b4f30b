"""The participant in control, clicked through: she allows a part and undoes it, stops another
consent, proposes a goal; her buddy takes it into the plan; she sees what became of it."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.models import Consent
from kansrijk.access.services import consent_record
from kansrijk.core.dates import today
from kansrijk.plans.models import Goal

from .helpers import log_in, log_out, portal_account

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fatima(cast, paired_household):
    """Fatima has her own page and lets Doorbraak professionals see her basic details."""
    consent_record(
        household=paired_household.household,
        trajectory=paired_household,
        by=cast["buddy"],
        recipient=Recipient.DOORBRAAK,
        parts={FilePart.BASIC},
        starts_on=paired_household.referred_on,
        ends_on=None,
        method=ConsentMethod.IN_PERSON,
    )
    user = portal_account(paired_household, by=cast["coordinator"], email="fatima@example.org")
    return user


def _in_force(recipient):
    return Consent.objects.in_force(today()).filter(recipient=recipient)


def test_she_decides_who_sees_what_and_proposes_a_goal_her_buddy_takes_into_the_plan(
    phone: Page, fatima, cast, paired_household, screenshot, axe_check
):
    page = phone
    log_in(page, "fatima@example.org")
    page.get_by_role("link", name="Kies wie wat mag zien").click()
    expect(page.get_by_role("heading", name="Wie mag wat zien?", level=1)).to_be_visible()
    axe_check(page)
    screenshot(page, "participant-consents")

    # She lets her backup professional see her plan, and undoes it at once.
    page.get_by_role("button", name="Toestaan (de achterwacht: wensen en plan)").click()
    expect(page.get_by_role("heading", name="Gelukt")).to_be_visible()
    expect(page.get_by_text("Vanaf nu mag de achterwacht dit zien:")).to_be_visible()
    assert _in_force(Recipient.BACKUP).get().parts == (FilePart.BASIC, FilePart.PLAN)
    axe_check(page)
    screenshot(page, "participant-consent-given")
    page.get_by_role("button", name="Ongedaan maken").click()
    expect(page.get_by_text("Ongedaan gemaakt. Het is weer zoals het was.")).to_be_visible()
    assert not _in_force(Recipient.BACKUP).exists()

    # She stops the Doorbraak professionals' consent, after the page that says what changes.
    page.get_by_role("button", name=re.compile(r"Stoppen \(Doorbraakprofessionals")).click()
    expect(page.get_by_role("heading", name="Dit stoppen?")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Ja, stop dit").click()
    expect(
        page.get_by_text("Vanaf nu kan Doorbraakprofessionals niets van je dossier zien.")
    ).to_be_visible()
    assert not _in_force(Recipient.DOORBRAAK).exists()

    # She proposes a goal in her own words.
    page.get_by_role("link", name="Mijn dossier").first.click()
    page.get_by_label("Je doel, in je eigen woorden").fill("Ik wil mijn rijbewijs halen.")
    page.get_by_role("button", name="Stuur naar mijn buddy").click()
    expect(page.get_by_text("Je buddy heeft nog niet gereageerd.")).to_be_visible()
    axe_check(page)
    screenshot(page, "participant-portal-control")
    log_out(page)

    # Her buddy sees it at home and takes it into the plan, her words kept.
    log_in(page, "ingrid")
    expect(page.get_by_text("Ik wil mijn rijbewijs halen.")).to_be_visible()
    page.get_by_role("link", name=re.compile("Reageer op het voorstel")).click()
    page.get_by_role("link", name="Opnemen in het plan").click()
    expect(page.get_by_role("heading", name="Het doel opnemen in het plan")).to_be_visible()
    axe_check(page)
    screenshot(page, "buddy-takes-proposal")
    page.get_by_label("Werk").check()
    page.get_by_label("Streefdatum").fill((today() + dt.timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Zet het in het plan").click()
    expect(page.get_by_text("Het doel staat in het plan")).to_be_visible()
    goal = Goal.objects.get()
    assert goal.text == "Ik wil mijn rijbewijs halen." and goal.in_own_words
    log_out(page)

    log_in(page, "fatima@example.org")
    expect(
        page.get_by_text("Je buddy heeft het in je plan gezet, in je eigen woorden.")
    ).to_be_visible()
