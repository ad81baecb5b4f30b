"""The participant's evaluation on a phone: Fatima's year ended, her portal invites her and she
answers in her own words with a mark; the coordinator types in a paper evaluation of another
household and reads both. Every page passes axe; screenshots go to test-results/screenshots/."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.core.dates import today
from kansrijk.evaluations.models import Evaluation
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import TrajectoryFactory

from .helpers import log_in, log_out, portal_account

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fatima(cast, paired_household):
    """Fatima's year ended ten days ago; she has her own page."""
    user = portal_account(paired_household, by=cast["coordinator"], email="fatima@example.org")
    Trajectory.objects.filter(pk=paired_household.pk).update(
        phase=Phase.CLOSED,
        referred_on=today() - dt.timedelta(days=420),
        matched_on=today() - dt.timedelta(days=390),
        ended_on=today() - dt.timedelta(days=10),
    )
    return user


@pytest.fixture
def de_vries(programme_oost):
    """Another household that finished last week, without a portal: it answers on paper."""
    return TrajectoryFactory(
        closed=True,
        ended_on=today() - dt.timedelta(days=7),
        household__programme=programme_oost,
        household__area=programme_oost.areas.get(slug="beijum"),
        household__display_name="Familie De Vries",
    )


def _check(page: Page, axe_check, screenshot, name: str) -> None:
    axe_check(page)
    screenshot(page, name)


def test_the_participant_fills_in_her_evaluation_in_the_portal(
    phone: Page, fatima, paired_household, screenshot, axe_check
):
    page = phone
    log_in(page, "fatima@example.org")
    expect(page.get_by_role("heading", name="Hoe was je jaar?")).to_be_visible()
    _check(page, axe_check, screenshot, "evaluation-portal-invitation")
    page.get_by_role("link", name="Vul de evaluatie in").click()

    # Only the mark is needed: without it the page says so, and keeps her words.
    page.get_by_label("Wat hielp je het meest?").fill("Dat Ingrid naast me stond bij de gemeente.")
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(page.get_by_role("link", name="Kies een cijfer van 1 tot en met 10.")).to_be_visible()
    expect(page.get_by_label("Wat hielp je het meest?")).to_have_value(
        "Dat Ingrid naast me stond bij de gemeente."
    )
    _check(page, axe_check, screenshot, "evaluation-portal-error")

    page.get_by_label("goed", exact=True).check()
    page.get_by_label("Vertel meer over het contact met je buddy").fill("Ze had altijd tijd.")
    page.get_by_label("Wat moet er beter?").fill("Het duurde lang voor ik een buddy had.")
    marks = page.get_by_role("group", name=re.compile("Welk cijfer geef je Kansrijk"))
    marks.get_by_label("8", exact=True).check()
    _check(page, axe_check, screenshot, "evaluation-portal-form")
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()

    expect(page.get_by_text("Dank je wel voor je antwoorden!")).to_be_visible()
    expect(page.get_by_text("Je gaf Kansrijk een 8.")).to_be_visible()
    expect(page.get_by_role("link", name="Vul de evaluatie in")).to_have_count(0)
    evaluation = Evaluation.objects.get(trajectory=paired_household)
    assert (evaluation.mark, evaluation.bond, evaluation.entered) == (8, "good", "participant")


def test_the_coordinator_enters_a_paper_evaluation_and_reads_the_answers(
    phone: Page, fatima, de_vries, screenshot, axe_check
):
    page = phone
    log_in(page, "fatima@example.org")
    page.get_by_role("link", name="Vul de evaluatie in").click()
    page.get_by_label("Wat hielp je het meest?").fill("De rust in mijn hoofd.")
    page.get_by_role("group", name=re.compile("Welk cijfer")).get_by_label("9").check()
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(page.get_by_text("Dank je wel voor je antwoorden!")).to_be_visible()
    log_out(page)

    log_in(page, "marloes")
    page.goto("/programmes/kansrijk-oost/")
    page.get_by_role("link", name="Evaluaties door deelnemers").click()
    expect(page.get_by_role("heading", name="Nog op te halen")).to_be_visible()
    _check(page, axe_check, screenshot, "evaluations-list")
    page.get_by_role("link", name="Papieren evaluatie invoeren (Familie De Vries)").click()

    page.get_by_label("Datum op het papieren formulier").fill(today().isoformat())
    page.get_by_label("Wat moet er beter?").fill("Meer hulp bij werk zoeken.")
    page.get_by_label("gaat wel").check()
    page.get_by_role("group", name=re.compile("Welk cijfer")).get_by_label("6").check()
    _check(page, axe_check, screenshot, "evaluation-paper-form")
    page.get_by_role("button", name="Evaluatie opslaan").click()
    expect(page.get_by_text("De evaluatie is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Meer hulp bij werk zoeken.")).to_be_visible()
    expect(page.get_by_text(re.compile("Van een papieren formulier van"))).to_be_visible()
    _check(page, axe_check, screenshot, "evaluation-answers")

    page.get_by_role("link", name=re.compile("Evaluaties")).first.click()
    expect(page.get_by_text("Niets op te halen")).to_be_visible()
    page.get_by_role("link", name=re.compile("El Amrani")).click()
    expect(page.get_by_text("De rust in mijn hoofd.")).to_be_visible()
    assert Evaluation.objects.get(trajectory=de_vries).entered == "paper"
