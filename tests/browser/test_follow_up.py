"""Did it last? On a phone: the coordinator records a 12-month follow-up from her list, and a
participant answers her own follow-up in her portal. Every page passes axe; screenshots go to
test-results/screenshots/."""

import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.outcomes.followup.choices import Answer, RecordedBy
from kansrijk.outcomes.models import FollowUp
from kansrijk.outcomes.services import Details, outcome_record
from tests.factories import TrajectoryFactory, months_ago, outcome_type_of

from .helpers import log_in, log_out, portal_account

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def closed_a_year_ago(cast, programme_oost):
    """Two households of Oost whose year and aftercare ended 13 months ago, each with a home
    and part-time work found: their 12-month follow-up is due."""

    def make(name: str):
        trajectory = TrajectoryFactory(
            closed=True,
            household__programme=programme_oost,
            household__area=programme_oost.areas.get(slug="beijum"),
            household__display_name=name,
            household__language="nl",
            buddy=cast["buddy"],
            backup=cast["backup"],
            matched_on=months_ago(31),
            aftercare_started_on=months_ago(19),
            ended_on=months_ago(13),
        )
        for kind, details in (
            ("housing_found", Details()),
            ("paid_work", Details(hours="part_time", welfare="reduced")),
        ):
            outcome_record(
                trajectory=trajectory,
                by=cast["coordinator"],
                outcome_type=outcome_type_of(programme_oost, kind),
                reached_on=months_ago(14),
                details=details,
            )
        return trajectory

    return make("Samira Bouzid"), make("Linda de Vries")


def test_the_coordinator_records_a_12_month_follow_up(
    phone: Page, cast, closed_a_year_ago, screenshot, axe_check
):
    samira, _linda = closed_a_year_ago
    page = phone
    log_in(page, "marloes")
    page.get_by_role("link", name="Nameting").first.click()
    expect(page.get_by_role("heading", name="Nametingen aan de beurt")).to_be_visible()
    expect(page.get_by_text("12 maanden na afsluiting, aan de beurt sinds").first).to_be_visible()
    axe_check(page)
    screenshot(page, "follow-ups-due")

    page.get_by_role("link", name="Samira Bouzid").click()
    expect(page.get_by_role("heading", name="12 maanden na afsluiting")).to_be_visible()
    # Sent without answers: each question says what is missing, nothing is saved.
    page.get_by_role("button", name="Nameting vastleggen").click()
    expect(
        page.get_by_text("Zeg of “Goede huisvesting gevonden” nog steeds zo is.").first
    ).to_be_visible()
    assert not FollowUp.objects.exists()
    axe_check(page)

    page.get_by_role("group", name="Goede huisvesting gevonden").get_by_label(
        "nog steeds zo"
    ).check()
    page.get_by_role("group", name="Betaald werk").get_by_label("niet meer zo").check()
    page.get_by_label("Notitie").fill("Contract niet verlengd, zoekt nieuw werk.")
    screenshot(page, "follow-up-form")
    page.get_by_role("button", name="Nameting vastleggen").click()

    expect(page.get_by_text("De nameting is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("link", name="Samira Bouzid")).to_have_count(0)
    follow_up = FollowUp.objects.get(trajectory=samira)
    answers = {a.outcome.outcome_type.kind: a.answer for a in follow_up.answers.all()}
    assert answers == {"housing_found": Answer.HOLDS, "paid_work": Answer.LOST}
    assert follow_up.note == "Contract niet verlengd, zoekt nieuw werk."

    page.goto(f"/households/{samira.household.uuid}/follow-up/")
    expect(page.get_by_text("niet meer zo")).to_be_visible()
    axe_check(page)
    log_out(page)


def test_the_participant_answers_her_follow_up_in_her_portal(
    phone: Page, cast, closed_a_year_ago, screenshot, axe_check
):
    _samira, linda = closed_a_year_ago
    portal_account(linda, by=cast["coordinator"], email="linda@example.org")
    page = phone
    log_in(page, "linda@example.org")
    expect(page.get_by_role("heading", name="Hoe gaat het nu met je?")).to_be_visible()
    axe_check(page)
    screenshot(page, "follow-up-portal-question")

    page.get_by_role("link", name="Vragen beantwoorden").click()
    page.get_by_role("group", name="Goede huisvesting gevonden").get_by_label(
        "Ja, nog steeds"
    ).check()
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(page.get_by_text("Kies ja of nee bij “Betaald werk”.").first).to_be_visible()
    page.get_by_role("group", name="Betaald werk").get_by_label("Ja, nog steeds").check()
    page.get_by_label("Wil je nog iets vertellen?").fill("Ik werk nu vier dagen.")
    axe_check(page)
    screenshot(page, "follow-up-portal-form")
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()

    expect(page.get_by_text("Dank je wel! Je antwoorden zijn bewaard.")).to_be_visible()
    expect(page.get_by_role("heading", name="Hoe gaat het nu met je?")).to_have_count(0)
    follow_up = FollowUp.objects.get(trajectory=linda)
    assert follow_up.recorded_as == RecordedBy.PARTICIPANT
    assert set(follow_up.answers.values_list("answer", flat=True)) == {Answer.HOLDS}
    assert re.search("/me/", page.url)
