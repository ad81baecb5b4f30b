"""A partner's referrer signs a household up; the coordinator accepts one and declines one.

Petra of WIJ Beijum fills in "Nieuwe aanmelding" as a person would, and follows her referrals
in "Mijn aanmeldingen"; Marloes, the coordinator, answers "Is dit hetzelfde huishouden?" in her
inbox and takes the household into the intake, and declines a second referral with a reason
Petra then reads. axe checks every page on the way.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.core.dates import today
from kansrijk.intake.services import NewMember, referral_register
from kansrijk.partners.choices import Decision
from kansrijk.partners.models import PartnerReferral
from kansrijk.partners.services import partner_referral_submit
from kansrijk.people.choices import MemberRelation, Role
from kansrijk.people.models import Household, Organisation, ProgrammeRole, User
from kansrijk.trajectories.choices import DropOutReason, Phase
from kansrijk.trajectories.services import trajectory_drop_out

from .helpers import PASSWORD, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def petra(programme_oost) -> User:
    """The referrer: a social worker of WIJ Beijum who signs households up for Kansrijk Oost."""
    user = User.objects.create_user(
        "petra",
        password=PASSWORD,
        first_name="Petra",
        last_name="de Vries",
        email="petra@wij.example",
        organisation=Organisation.objects.get(slug="wij-beijum"),
    )
    ProgrammeRole.objects.create(user=user, programme=programme_oost, role=Role.REFERRER)
    return user


@pytest.fixture
def samira_before(cast, programme_oost) -> Household:
    """Samira was referred before and stopped; the programme still has her household."""
    coordinator = cast["coordinator"]
    trajectory = referral_register(
        by=coordinator,
        area=programme_oost.areas.get(slug="beijum"),
        organisation=Organisation.objects.get(slug="wij-beijum"),
        participant=NewMember(MemberRelation.PARTICIPANT, "Samira", "Haddou"),
        others=[],
        contact={"phone": "06-1234 5678"},
        reason="Huurachterstand.",
        stress_sources="",
        preferences="",
        consent_on=today(),
        consent_method="in_person",
    )
    trajectory_drop_out(
        trajectory=trajectory,
        by=coordinator,
        reason=DropOutReason.PARTICIPANT_STOPPED,
        on=today(),
        note="",
        version=trajectory.version,
    )
    return trajectory.household


def _sign_samira_up(page: Page) -> None:
    """Petra's "Nieuwe aanmelding", field by field, as she would fill it in."""
    page.get_by_role("link", name="Nieuwe aanmelding").first.click()
    expect(page.get_by_role("heading", name="Nieuwe aanmelding")).to_be_visible()
    page.get_by_label("Wijk").select_option(label="Kansrijk Oost – Beijum")
    page.get_by_label("Voornaam van de deelnemer").fill("Samira")
    page.get_by_label("Achternaam van de deelnemer").fill("Haddou")
    page.get_by_role("textbox", name="Telefoon").fill("06 1234 5678")
    page.get_by_role("textbox", name="Postcode").fill("9736ab")
    page.get_by_label("Waarom meld je dit huishouden aan?").fill(
        "Schulden bij de energieleverancier; ze durft de post niet meer open te maken."
    )
    page.get_by_label("Wat geeft de meeste stress?").fill("De schulden en de huur.")
    page.get_by_label("De deelnemer geeft toestemming voor deze aanmelding").check()
    page.get_by_label("persoonlijk gezegd").check()
    page.get_by_label("basisgegevens").check()
    page.get_by_role("button", name="Aanmelding versturen").click()


def test_a_referral_is_signed_up_accepted_into_the_intake_and_followed(
    phone: Page, petra, samira_before, cast, axe_check
):
    page = phone
    log_in(page, "petra")
    expect(page).to_have_url(re.compile(r"/referrals/$"))
    expect(page.get_by_role("heading", name="Mijn aanmeldingen")).to_be_visible()
    axe_check(page)

    _sign_samira_up(page)

    expect(page.get_by_text("De aanmelding is naar de coördinator gestuurd.")).to_be_visible()
    expect(page.get_by_role("heading", name="Samira Haddou")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Mijn aanmeldingen").first.click()
    row = page.get_by_role("listitem").filter(has_text="Samira Haddou")
    expect(row.get_by_text("Ontvangen", exact=True)).to_be_visible()
    axe_check(page)
    referral = PartnerReferral.objects.get()
    assert (referral.referred_by, referral.postcode) == (petra, "9736 AB")
    log_out(page)

    # The coordinator: the inbox in her menu, the referral, and the question about Samira.
    log_in(page, "marloes")
    page.goto("/")
    page.get_by_role("link", name=re.compile("^Aanmeldingen")).first.click()
    expect(page.get_by_role("heading", name="Aanmeldingen", exact=True)).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Samira Haddou").click()
    question = page.get_by_role("region", name="Is dit hetzelfde huishouden?")
    expect(question).to_be_visible()
    axe_check(page)
    question.get_by_label(re.compile("hetzelfde huishouden als Samira Haddou")).check()
    question.get_by_role("button", name="Aannemen voor de intake").click()

    expect(page.get_by_text("De aanmelding is aangenomen.")).to_be_visible()
    expect(page).to_have_url(re.compile(f"/households/{samira_before.uuid}/intake/"))
    axe_check(page)
    referral.refresh_from_db()
    assert referral.status == Decision.ACCEPTED
    assert referral.trajectory.household == samira_before
    assert referral.trajectory.phase == Phase.INTAKE
    assert Household.objects.count() == 1
    log_out(page)

    # Petra sees her referral at the step "intake".
    log_in(page, "petra")
    page.get_by_role("link", name="Samira Haddou").click()
    current = page.locator("ol.steps [aria-current='step']")
    expect(current).to_have_text(re.compile(r"^Intake"))
    axe_check(page)


def test_a_declined_referral_tells_the_referrer_why(
    phone: Page, petra, cast, programme_oost, axe_check
):
    partner_referral_submit(
        by=petra,
        organisation=petra.organisation,
        area=programme_oost.areas.get(slug="lewenborg"),
        given_name="Dirk",
        family_name="Mulder",
        phone="06 5555 1234",
        reason="Eenzaam sinds zijn vrouw overleed.",
        consent_on=today(),
        consent_method="in_person",
    )
    page = phone
    log_in(page, "marloes")
    page.goto("/programmes/kansrijk-oost/referrals/")
    page.get_by_role("link", name="Dirk Mulder").click()
    page.get_by_label("Waarom neemt u deze aanmelding niet aan?").fill(
        "Kansrijk is er voor gezinnen met kinderen; de ouderenadviseur van WIJ past beter."
    )
    page.get_by_role("button", name="Aanmelding afwijzen").click()

    expect(page.get_by_text("De aanmelding is afgewezen.")).to_be_visible()
    expect(page.get_by_text("Er wachten geen aanmeldingen.")).to_be_visible()
    axe_check(page)
    log_out(page)

    log_in(page, "petra")
    row = page.get_by_role("listitem").filter(has_text="Dirk Mulder")
    expect(row.get_by_text("Niet aangenomen", exact=True)).to_be_visible()
    row.get_by_role("link", name="Dirk Mulder").click()
    expect(page.get_by_text("de ouderenadviseur van WIJ past beter")).to_be_visible()
    expect(page.locator("ol.steps [aria-current='step']")).to_have_text(
        re.compile(r"^Niet aangenomen")
    )
    axe_check(page)
