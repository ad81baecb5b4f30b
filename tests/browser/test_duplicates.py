"""A coordinator registers a household the programme may already know, in Chromium."""

import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.core.dates import today
from kansrijk.intake.services import NewMember, referral_register
from kansrijk.people.choices import MemberRelation
from kansrijk.people.models import Household, Organisation

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _known(cast, programme_oost) -> Household:
    return referral_register(
        by=cast["coordinator"],
        area=programme_oost.areas.get(slug="lewenborg"),
        organisation=Organisation.objects.get(slug="wij-beijum"),
        participant=NewMember(MemberRelation.PARTICIPANT, "Samira", "Haddou"),
        others=[],
        contact={"phone": "06-1234 5678"},
        reason="Huurachterstand.",
        stress_sources="",
        preferences="",
        consent_on=today(),
        consent_method="in_person",
    ).household


def _refer_samira_again(page: Page) -> None:
    log_in(page, "marloes")
    page.get_by_role("link", name="Aanmelding registreren").click()
    page.get_by_label("Aangemeld door").select_option(label="WIJ Beijum")
    page.get_by_label("Wijk").select_option(label="Beijum")
    page.get_by_label("Voornaam van de deelnemer").fill("samira")
    page.get_by_label("Achternaam van de deelnemer").fill("HADDOU")
    page.get_by_label("Waarom meld je dit huishouden aan?").fill("Schulden.")
    page.get_by_label("De deelnemer geeft toestemming voor deze aanmelding").check()
    page.get_by_label("Op papier getekend").check()
    page.get_by_role("button", name="Aanmelding registreren").click()


def test_the_first_choice_on_a_possible_duplicate_opens_the_known_household(
    phone: Page, cast, programme_oost
):
    known = _known(cast, programme_oost)
    _refer_samira_again(phone)

    notice = phone.get_by_role("region", name="Dit huishouden is misschien al bekend")
    notice.get_by_role("link", name="Open dit huishouden").click()

    expect(phone).to_have_url(re.compile(f"/households/{known.uuid}/$"))
    expect(phone.get_by_role("heading", name="Samira Haddou")).to_be_visible()
    assert Household.objects.count() == 1


def test_a_possible_duplicate_is_shown_and_can_be_registered_anyway(
    phone: Page, cast, programme_oost, axe_check
):
    _known(cast, programme_oost)
    page = phone
    _refer_samira_again(page)

    notice = page.get_by_role("region", name="Dit huishouden is misschien al bekend")
    expect(notice).to_be_visible()
    expect(notice.get_by_text("Samira Haddou", exact=True)).to_be_visible()
    expect(notice.get_by_text("nog niet klaar")).to_be_visible()
    assert Household.objects.count() == 1
    axe_check(page)

    page.get_by_role("button", name="Het is een ander huishouden: toch aanmelden").click()

    expect(page.get_by_text("De aanmelding is geregistreerd.")).to_be_visible()
    expect(page.get_by_role("heading", name="samira HADDOU")).to_be_visible()
    assert Household.objects.count() == 2
