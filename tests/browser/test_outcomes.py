"""Outcomes on a phone: the coordinator records an outcome in the household's year, then closes
the trajectory through the checklist of the programme's outcomes. Every page passes axe;
screenshots go to test-results/screenshots/."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from kansrijk.core.dates import today
from kansrijk.outcomes.choices import Hours, Level, OutcomeKind, Welfare
from kansrijk.outcomes.models import ClosureCheck, Outcome
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def year_nearly_over(paired_household):
    """Fatima's year started a year ago: it may be closed now."""
    Trajectory.objects.filter(pk=paired_household.pk).update(
        referred_on=today() - dt.timedelta(days=420),
        matched_on=today() - dt.timedelta(days=360),
    )
    return paired_household


def _check(page: Page, axe_check, screenshot, name: str) -> None:
    axe_check(page)
    screenshot(page, name)


def test_the_coordinator_records_an_outcome_and_closes_with_the_checklist(
    phone: Page, year_nearly_over, screenshot, axe_check
):
    page = phone
    household_url = f"/households/{year_nearly_over.household.uuid}/"
    log_in(page, "marloes")
    page.goto(household_url)
    expect(page.get_by_role("heading", name="Resultaten")).to_be_visible()
    page.get_by_role("link", name="Resultaat vastleggen").click()

    # Paid work needs its details: leaving out the welfare answer is named at its field.
    page.get_by_label("Wat is bereikt?").select_option(label="Betaald werk")
    page.get_by_label("Werktijd").select_option(label="parttime")
    page.get_by_label("Bewijs").fill("Arbeidscontract gezien: 24 uur in de kinderopvang.")
    page.get_by_role("button", name="Resultaat vastleggen").click()
    # Named in the error summary, as a link to the field, and beside the field.
    expect(page.get_by_role("link", name="Zeg wat het werk deed met de bijstand.")).to_be_visible()
    expect(page.locator(".errorlist").get_by_text("Zeg wat het werk deed")).to_be_visible()
    _check(page, axe_check, screenshot, "outcome-new-error")
    page.get_by_label("Bijstand daarna").select_option(label="grotendeels uit de bijstand")
    _check(page, axe_check, screenshot, "outcome-new")
    page.get_by_role("button", name="Resultaat vastleggen").click()
    expect(page.get_by_text("Het resultaat is vastgelegd. Goed gedaan!")).to_be_visible()
    expect(page.get_by_text("parttime · grotendeels uit de bijstand")).to_be_visible()
    _check(page, axe_check, screenshot, "outcomes-list")

    # At the end of the year the checklist asks what else was reached.
    page.goto(household_url)
    expect(page.get_by_text("Betaald werk, parttime, grotendeels uit de bijstand")).to_be_visible()
    page.get_by_role("link", name="Traject afsluiten").click()
    expect(page.get_by_text("Al vastgelegd")).to_be_visible()
    page.get_by_role("button", name="Traject afsluiten").click()
    expect(page.get_by_text("Loop de lijst na").first).to_be_visible()
    _check(page, axe_check, screenshot, "close-checklist-unanswered")
    page.get_by_label("Goede huisvesting gevonden").check()
    page.get_by_label("Opleiding gestart").check()
    details = page.get_by_role("group", name="Details van “opleiding gestart”")
    details.get_by_label("Niveau").select_option(label="MBO")
    page.get_by_label("Hoe ging het jaar?").fill("Een goede woning en een mbo-opleiding.")
    _check(page, axe_check, screenshot, "close-checklist")
    page.get_by_role("button", name="Traject afsluiten").click()
    expect(page.get_by_text("Het traject is afgesloten.")).to_be_visible()
    expect(page.get_by_text("Goede huisvesting gevonden").first).to_be_visible()
    _check(page, axe_check, screenshot, "household-closed-outcomes")

    trajectory = Trajectory.objects.get(pk=year_nearly_over.pk)
    assert trajectory.phase == Phase.CLOSED
    outcomes = {o.outcome_type.kind: o for o in Outcome.objects.select_related("outcome_type")}
    assert set(outcomes) == {
        OutcomeKind.PAID_WORK,
        OutcomeKind.HOUSING_FOUND,
        OutcomeKind.EDUCATION_STARTED,
    }
    assert (outcomes[OutcomeKind.PAID_WORK].hours, outcomes[OutcomeKind.PAID_WORK].welfare) == (
        Hours.PART_TIME,
        Welfare.REDUCED,
    )
    assert outcomes[OutcomeKind.EDUCATION_STARTED].level == Level.MBO
    assert outcomes[OutcomeKind.HOUSING_FOUND].at_closure
    assert not ClosureCheck.objects.get(trajectory=trajectory).nothing_reached


def test_the_coordinator_reads_the_results_list(
    phone: Page, year_nearly_over, screenshot, axe_check
):
    page = phone
    log_in(page, "marloes")
    page.goto(f"/programmes/kansrijk-oost/results/?from={today().year - 1}&to={today().year}")
    expect(page.get_by_role("heading", name="Kansrijk Oost: resultaten")).to_be_visible()
    expect(page.get_by_role("heading", name="De resultatenlijst in cijfers")).to_be_visible()
    _check(page, axe_check, screenshot, "results-list")

    # The coordinator words the programme's outcomes in their own way.
    page.get_by_role("link", name="Welke resultaten het programma telt").click()
    expect(page.get_by_role("heading", name="Resultaten van het programma")).to_be_visible()
    page.get_by_role("group", name="Netwerk gegroeid").get_by_label("Eigen woorden").fill(
        "Meer mensen om zich heen"
    )
    page.get_by_label("Eigen resultaat toevoegen").fill("Rijbewijs gehaald")
    _check(page, axe_check, screenshot, "outcome-types")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De resultaten van het programma zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_role("group", name="Rijbewijs gehaald")).to_be_visible()
