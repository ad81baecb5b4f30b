"""The coordinator records who the household is at the intake, and extends a year that ends
soon, clicked through in Chromium."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from kansrijk.core.dates import add_months, today
from kansrijk.people.models import Household, Organisation
from kansrijk.trajectories.models import Trajectory, TrajectoryExtension

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def in_intake(cast, programme_oost):
    """Samira's household, referred and in the intake."""
    from kansrijk.intake.services import NewMember, referral_register
    from kansrijk.people.choices import MemberRelation
    from kansrijk.trajectories import services as journey

    coordinator = cast["coordinator"]
    trajectory = referral_register(
        by=coordinator,
        area=programme_oost.areas.get(slug="beijum"),
        organisation=Organisation.objects.get(slug="wij-beijum"),
        participant=NewMember(MemberRelation.PARTICIPANT, "Samira", "Haddou"),
        others=[NewMember(MemberRelation.CHILD, "Yara", birth_year=2016)],
        contact={"phone": "06-1234 5678"},
        reason="Schulden.",
        stress_sources="",
        preferences="",
        consent_on=today(),
        consent_method="in_person",
    )
    return journey.trajectory_start_intake(trajectory=trajectory, by=coordinator, version=1)


def test_the_coordinator_records_the_household_type_at_the_intake(
    phone: Page, in_intake, screenshot, axe_check
):
    page = phone
    log_in(page, "marloes")
    page.goto(f"/households/{in_intake.household.uuid}/")
    page.get_by_role("link", name="Intake houden").click()

    page.get_by_label("Alleenstaande ouder met kinderen").check()
    page.get_by_role("group", name="Heeft iemand in het huishouden betaald werk").get_by_label(
        "Ja", exact=True
    ).check()
    page.get_by_label("Wat geeft nu de meeste stress?").fill("Een schuld bij de verhuurder.")
    screenshot(page, "intake-household-type")
    axe_check(page)
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_text("Stap 1 is opgeslagen.")).to_be_visible()

    page.goto(f"/households/{in_intake.household.uuid}/")
    expect(page.get_by_text("Alleenstaande ouder met kinderen")).to_be_visible()
    household = Household.objects.get(pk=in_intake.household_id)
    assert (household.household_type, household.working_poor) == ("single_parent", True)


def test_the_coordinator_extends_a_year_that_ends_soon(
    phone: Page, paired_household, screenshot, axe_check
):
    # The year began eleven months and a week ago: it ends in about three weeks.
    started = add_months(today(), -11) - dt.timedelta(days=7)
    Trajectory.objects.filter(pk=paired_household.pk).update(matched_on=started, paired_on=started)
    new_end = add_months(started, 15)
    page = phone
    log_in(page, "marloes")
    page.goto(f"/households/{paired_household.household.uuid}/")

    page.get_by_role("link", name="Jaar verlengen").click()
    expect(page.get_by_role("heading", name="Jaar of nazorg verlengen")).to_be_visible()
    page.get_by_label("Nieuwe einddatum van het actieve jaar").fill(new_end.isoformat())
    page.get_by_label("de doelen zijn goed op weg en hebben meer tijd nodig").check()
    page.get_by_label("Uitleg").fill("De aanvraag voor de opleiding loopt nog.")
    screenshot(page, "extend-the-year")
    axe_check(page)
    page.get_by_role("button", name="Verlengen").click()

    expect(page.get_by_text("De verlenging is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", name="Verlengingen")).to_be_visible()
    expect(page.get_by_text("De aanvraag voor de opleiding loopt nog.")).to_be_visible()
    screenshot(page, "household-extended")
    axe_check(page)
    extension = TrajectoryExtension.objects.get()
    assert extension.new_end == new_end
    assert Trajectory.objects.get(pk=paired_household.pk).active_year_ends_on == new_end
