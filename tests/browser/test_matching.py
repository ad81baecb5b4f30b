"""A coordinator finds a buddy for a waiting household, on a phone, through to both yeses."""

import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.core.dates import today
from kansrijk.matching.choices import Gender
from kansrijk.matching.models import BuddyProfile, MatchWishes
from kansrijk.people.choices import MemberRelation, Role
from kansrijk.people.models import Organisation, ProgrammeRole
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def waiting_household(cast, programme_oost):
    """Fatima's household, referred and through the intake, waiting for a buddy."""
    from kansrijk.intake.services import NewMember, intake_record, referral_register
    from kansrijk.trajectories import services as journey

    coordinator = cast["coordinator"]
    lewenborg = programme_oost.areas.get(slug="lewenborg")
    trajectory = referral_register(
        by=coordinator,
        area=lewenborg,
        organisation=Organisation.objects.get(slug="wij-beijum"),
        participant=NewMember(MemberRelation.PARTICIPANT, "Fatima", "El Amrani"),
        others=[],
        contact={"phone": "06-9876 5432"},
        reason="Huurachterstand.",
        stress_sources="",
        preferences="Een vrouw die Arabisch spreekt.",
        consent_on=today(),
        consent_method="in_person",
    )
    trajectory = journey.trajectory_start_intake(trajectory=trajectory, by=coordinator, version=1)
    intake_record(
        trajectory=trajectory,
        by=coordinator,
        held_on=today(),
        stress_now="De huur.",
        wishes="Een baan.",
        version=trajectory.version,
    )
    MatchWishes.objects.create(trajectory=trajectory, languages="ar", preferred_gender=Gender.WOMAN)
    role = ProgrammeRole.objects.get(user=cast["buddy"], role=Role.BUDDY)
    profile = BuddyProfile.objects.create(role=role, languages="nl, ar", gender=Gender.WOMAN)
    profile.areas.add(lewenborg)
    return trajectory


def test_the_coordinator_proposes_and_both_say_yes(
    phone: Page, waiting_household, screenshot, axe_check
):
    page = phone
    log_in(page, "marloes")
    page.goto(f"/households/{waiting_household.household.uuid}/")
    page.get_by_role("link", name="Zoek een buddy").click()
    expect(page.get_by_role("heading", name="Beste buddy's voor dit huishouden")).to_be_visible()
    expect(page.get_by_text("spreekt Arabisch")).to_be_visible()
    axe_check(page)
    screenshot(page, "proposals")

    page.get_by_role("button", name=re.compile("Voorstellen Ingrid Veenstra")).click()
    page.get_by_role("button", name=re.compile("De deelnemer kiest deze buddy")).click()
    axe_check(page)
    page.get_by_role("button", name="Kennismaking plannen").click()
    axe_check(page)
    page.get_by_role("button", name="Ja van de deelnemer").click()
    expect(page.get_by_text("Ja van de deelnemer.")).to_be_visible()
    page.get_by_role("button", name="Ja van de buddy").click()
    # Both said yes: paired, and the year starts when they first meet.
    expect(page.locator(".page-head").get_by_text("Gekoppeld")).to_be_visible()
    page.get_by_role("link", name="Start het jaar").click()
    page.get_by_role("button", name="Start het jaar").click()

    expect(page.locator(".page-head").get_by_text("Actief jaar")).to_be_visible()
    axe_check(page)
    waiting_household.refresh_from_db()
    assert waiting_household.phase == Phase.ACTIVE
    assert Trajectory.objects.get(pk=waiting_household.pk).buddy == waiting_household.buddy
