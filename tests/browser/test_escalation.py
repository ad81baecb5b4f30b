"""From a worry to a tailored solution, on a phone: the buddy raises a signal, the backup
professional picks it up and escalates it to Doorbraak, and the Doorbraak professional records
the solution, which shows in the learning register. Every page passes axe; screenshots go to
test-results/screenshots/."""

import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.services import consent_record
from kansrijk.escalation.choices import SignalStatus
from kansrijk.escalation.models import DoorbraakCase, Signal
from kansrijk.people.choices import Role
from kansrijk.people.models import ProgrammeRole, User

from .helpers import PASSWORD, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)

WORRY = "De huurtoeslag is gestopt. Ze kan de huur van deze maand niet betalen."


@pytest.fixture
def fatima(cast, paired_household):
    """Fatima lets her backup professional and Doorbraak professionals see the basic details."""
    for recipient in (Recipient.BACKUP, Recipient.DOORBRAAK):
        consent_record(
            household=paired_household.household,
            trajectory=paired_household,
            by=cast["buddy"],
            recipient=recipient,
            parts={FilePart.BASIC},
            starts_on=paired_household.referred_on,
            ends_on=None,
            method=ConsentMethod.IN_PERSON,
        )
    return paired_household


@pytest.fixture
def ruud(programme_oost):
    user = User.objects.create_user(
        "ruud", password=PASSWORD, first_name="Ruud", last_name="Kuipers"
    )
    ProgrammeRole.objects.create(user=user, programme=programme_oost, role=Role.DOORBRAAK)
    return user


def _check(page: Page, axe_check, screenshot, name: str) -> None:
    axe_check(page)
    screenshot(page, name)


def test_a_worry_becomes_a_doorbraak_case_with_a_solution(
    phone: Page, fatima, ruud, screenshot, axe_check
):
    page = phone

    # The buddy logs this week's visit and ticks that the backup professional should know:
    # saving the contact leads on to raising the signal.
    log_in(page, "ingrid")
    page.get_by_role("link", name="Fatima El Amrani").first.click()
    page.get_by_role("link", name="Contact vastleggen").click()
    page.get_by_label("Huisbezoek").check()
    page.get_by_label("Minuten").fill("45")
    page.get_by_label("Ik maak me zorgen over dit huishouden").check()
    page.get_by_label("De achterwacht moet dit weten").check()
    _check(page, axe_check, screenshot, "contact-log")
    page.get_by_role("button", name="Contact opslaan").click()
    expect(page.get_by_text("Het contact is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", name="Signaal geven")).to_be_visible()
    page.get_by_label("zorg", exact=True).check()
    page.get_by_label("Wat is er aan de hand?").fill(WORRY)
    _check(page, axe_check, screenshot, "signal-raise")
    page.get_by_role("button", name="Naar de achterwacht sturen").click()
    expect(page.get_by_text("Het signaal is verstuurd.")).to_be_visible()
    expect(page.get_by_text("Wacht tot iemand het oppakt")).to_be_visible()
    _check(page, axe_check, screenshot, "signal-raised-buddy")
    log_out(page)

    # The backup professional finds it in the queue, picks it up and escalates it.
    log_in(page, "anouk")
    page.get_by_role("link", name="Mijn signalen openen").click()
    expect(page.get_by_role("heading", name="Signalen aan mij")).to_be_visible()
    _check(page, axe_check, screenshot, "signal-queue")
    page.get_by_role("link", name="Fatima El Amrani").click()
    page.get_by_role("button", name="Oppakken").click()
    expect(page.get_by_text("Je hebt het signaal opgepakt.")).to_be_visible()
    expect(page.get_by_text(re.compile("Reactietijd:"))).to_be_visible()
    _check(page, axe_check, screenshot, "signal-picked-up")
    page.get_by_role("link", name="Naar Doorbraak").click()
    expect(page.get_by_role("heading", name="Doorbraak-casus openen")).to_be_visible()
    expect(page.get_by_text(WORRY)).to_be_visible()
    page.get_by_label("Het knelpunt in gewone woorden").fill(
        "De huurtoeslag is stopgezet omdat haar ex nog op het adres staat ingeschreven."
    )
    page.get_by_label("De regel of instantie die blokkeert").fill(
        "Inschrijving in de BRP; uitschrijven duurt maanden."
    )
    page.get_by_label("Toeslagen", exact=True).check()
    page.get_by_label("Belastingdienst: Toeslagen").check()
    _check(page, axe_check, screenshot, "doorbraak-open")
    page.get_by_role("button", name="Casus openen").click()
    expect(page.get_by_text("De Doorbraak-casus is geopend.")).to_be_visible()
    signal = Signal.objects.get()
    assert signal.status == SignalStatus.ESCALATED
    log_out(page)

    # The Doorbraak professional records the solution and the lesson for policy.
    log_in(page, "ruud")
    expect(page.get_by_role("heading", name="Doorbraak-casussen")).to_be_visible()
    _check(page, axe_check, screenshot, "doorbraak-cases")
    page.get_by_role("link", name="Fatima El Amrani").click()
    page.get_by_role("link", name="Oplossing vastleggen").click()
    page.get_by_label("De oplossing op maat").fill(
        "De gemeente schreef de ex binnen een week uit; de toeslag kwam terug."
    )
    page.get_by_label("Wie besliste het").fill("Teamleider Burgerzaken")
    page.get_by_label("Kosten in euro").fill("0")
    page.get_by_label("Opgelost op").fill(DoorbraakCase.objects.get().opened_on.isoformat())
    page.get_by_label("Thuissituatie").check()
    page.get_by_label("Financiën").check()
    page.get_by_label("Les voor beleid").fill(
        "Een adresonderzoek binnen een week als een toeslag ervan afhangt."
    )
    _check(page, axe_check, screenshot, "doorbraak-solution")
    page.get_by_role("button", name="Casus opslaan").click()
    expect(page.get_by_text("De casus is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("0 dagen")).to_be_visible()
    _check(page, axe_check, screenshot, "doorbraak-solved")
    case = DoorbraakCase.objects.get()
    assert case.solution and case.decided_by == "Teamleider Burgerzaken"
    assert case.freed_domains == ["home", "finances"]

    # The learning register counts it, with the lesson and without any name.
    page.goto("/doorbraak/learning/")
    expect(page.get_by_text("Een adresonderzoek binnen een week").first).to_be_visible()
    assert "Fatima" not in page.content()
    _check(page, axe_check, screenshot, "learning-register")
    log_out(page)

    # Back with the buddy: the signal says where it went.
    log_in(page, "ingrid")
    page.goto(f"/signals/{signal.uuid}/")
    expect(page.get_by_text("Naar Doorbraak").first).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("De Doorbraak-casus, geopend"))).to_be_visible()
    _check(page, axe_check, screenshot, "signal-escalated-buddy")


def test_an_urgent_signal_shows_what_to_do_before_and_after_sending_it(
    phone: Page, fatima, screenshot, axe_check
):
    page = phone
    log_in(page, "ingrid")
    page.get_by_role("link", name="Fatima El Amrani").first.click()
    page.get_by_role("link", name="Signaal geven").click()
    guidance = page.get_by_role("region", name="Onveilig? Doe eerst dit")
    expect(guidance.get_by_role("link", name="112")).to_have_attribute("href", "tel:112")
    expect(guidance.get_by_role("link", name="0800-2000")).to_have_attribute("href", "tel:08002000")
    expect(guidance).to_contain_text("Bel meteen de achterwacht")
    _check(page, axe_check, screenshot, "signal-raise-guidance")
    page.get_by_label("dringende zorg om veiligheid").check()
    page.get_by_label("Wat is er aan de hand?").fill(
        "Haar ex-partner staat elke avond voor de deur."
    )
    page.get_by_role("button", name="Naar de achterwacht sturen").click()
    expect(page.get_by_text("Het signaal is verstuurd.")).to_be_visible()
    expect(page.get_by_role("region", name="Onveilig? Doe eerst dit")).to_contain_text(
        "Veilig Thuis"
    )
    _check(page, axe_check, screenshot, "signal-urgent-buddy")
    log_out(page)

    # The backup professional reads the same guidance on the signal.
    log_in(page, "anouk")
    page.goto(f"/signals/{Signal.objects.get().uuid}/")
    expect(page.get_by_role("region", name="Onveilig? Doe eerst dit")).to_contain_text("0800-2000")
    _check(page, axe_check, screenshot, "signal-urgent-backup")
