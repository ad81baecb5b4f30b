"""From application to a buddy who can be matched, on a phone: the coordinator walks a
candidate through the selection, enrols them in the Academie's session of today, marks them
present, makes them an active buddy, and sees them proposable on a waiting household's
proposals page. Then a buddy answers the Buddy Building invitation and opens its agenda.
Every page passes axe; screenshots go to test-results/screenshots/."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from kansrijk.academy import services
from kansrijk.academy.models import Course, Invitation, Session
from kansrijk.core.dates import today
from kansrijk.trajectories.choices import Phase
from tests.factories import CandidateFactory, trajectory_in

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def academie(cast, programme_oost):
    """The introduction is required in Kansrijk Oost, with a valid VOG; a session is today."""
    intro = Course.objects.create(name="Introductie: buddy zijn", slug="introductie", hours=3)
    services.settings_save(
        programme=programme_oost,
        by=cast["coordinator"],
        required_courses=[intro],
        requires_vog=True,
        vog_valid_years=3,
        rejected_retention_days=28,
        version=None,
    )
    return Session.objects.create(
        course=intro,
        on=today(),
        starts_at=dt.time(19, 0),
        place="De Oude Bieb",
        trainer="Mirjam de Boer",
        capacity=12,
        hours=3,
        created_by=cast["coordinator"],
    )


@pytest.fixture
def waiting(programme_oost):
    return trajectory_in(
        Phase.MATCHING,
        household__programme=programme_oost,
        household__area=programme_oost.areas.get(slug="lewenborg"),
        household__display_name="Hanna de Vries",
        household__languages="Nederlands",
    )


def _check(page: Page, axe_check, screenshot, name: str) -> None:
    axe_check(page)
    screenshot(page, name)


def _step(page: Page, heading: str, button: str = "Vastleggen") -> None:
    section = page.locator("section", has=page.get_by_role("heading", name=heading))
    section.get_by_role("button", name=button).click()


def test_a_candidate_becomes_a_buddy_who_can_be_matched(
    phone: Page, cast, programme_oost, academie, waiting, screenshot, axe_check
):
    page = phone
    log_in(page, "marloes")
    page.get_by_role("link", name="Buddyselectie").click()
    expect(page.get_by_role("heading", name="Buddyselectie", level=1)).to_be_visible()
    page.get_by_role("link", name="Aanmelding vastleggen").click()
    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("Achternaam").fill("Dijkstra")
    page.get_by_label("E-mail").fill("sanne@example.org")
    page.get_by_label("Motivatie").fill("Ik weet hoe zwaar geldzorgen zijn.")
    page.get_by_label("Eigen ervaring met stress of schaarste").fill("Schulden na een scheiding.")
    page.get_by_role("textbox", name=re.compile("^Talen")).fill("Nederlands")
    page.get_by_label("Lewenborg").check()
    _check(page, axe_check, screenshot, "academy-application")
    page.get_by_role("button", name="Aanmelding vastleggen").click()
    expect(page.get_by_text("De aanmelding is vastgelegd.")).to_be_visible()
    _check(page, axe_check, screenshot, "academy-candidate-applied")

    page.get_by_label("Notities").fill("Rustig, luistert goed.")
    _step(page, "Gesprek vastleggen")
    expect(page.get_by_text("Het gesprek is vastgelegd.")).to_be_visible()
    page.get_by_label("Reden van het besluit").first.fill("Kent de wijk en de zorgen.")
    _step(page, "Kiezen: door naar de VOG")
    expect(page.get_by_text("Gekozen. Nu: de VOG.")).to_be_visible()
    _step(page, "VOG ontvangen")
    expect(page.get_by_text("De VOG is vastgelegd.")).to_be_visible()
    page.get_by_label("Wat de referenties zeiden").fill("Betrouwbaar en warm.")
    _step(page, "Referenties nagevraagd")
    _step(page, "Vrijwilligersovereenkomst getekend")
    expect(page.get_by_text("De overeenkomst is getekend.")).to_be_visible()
    # Not yet: the required introduction is still to do.
    expect(page.get_by_text("Verplichte cursussen nog niet gevolgd")).to_be_visible()
    _check(page, axe_check, screenshot, "academy-candidate-training")

    page.get_by_role("link", name="Inschrijven bij de Academie").click()
    page.get_by_role("link", name="Introductie: buddy zijn").first.click()
    page.get_by_label("Buddy of deelnemer").select_option(label="Sanne Dijkstra")
    page.locator("section", has=page.get_by_role("heading", name="Buddy inschrijven")).get_by_role(
        "button", name="Inschrijven"
    ).first.click()
    expect(page.get_by_text("Sanne Dijkstra is ingeschreven.")).to_be_visible()
    page.get_by_label("Sanne Dijkstra").check()
    _check(page, axe_check, screenshot, "academy-session-attendance")
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_text("De aanwezigheid is opgeslagen.")).to_be_visible()

    page.goto(reverse("academy_candidates", args=[programme_oost.slug]))
    _check(page, axe_check, screenshot, "academy-board-phone")
    page.get_by_role("link", name="Sanne Dijkstra").click()
    _step(page, "Actieve buddy maken", "Actieve buddy maken")
    expect(page.get_by_text("Welkom! De buddy is actief en kan gekoppeld worden.")).to_be_visible()

    # The coordinator opens the waiting household's proposals: Sanne can be proposed.
    page.goto(reverse("match", args=[waiting.household.uuid]))
    expect(page.get_by_role("button", name="Voorstellen Sanne Dijkstra")).to_be_visible()
    # Ingrid has no Academie record: she is listed as not possible, with the reason in words.
    page.get_by_text("1 buddy niet mogelijk").click()
    expect(page.get_by_text("heeft de buddytraining nog niet afgerond")).to_be_visible()
    _check(page, axe_check, screenshot, "academy-proposals")


def test_a_buddy_answers_the_buddy_building_and_opens_its_agenda(
    browser, live_server, cast, programme_oost, screenshot, axe_check
):
    meeting = services.meeting_plan(
        by=cast["coordinator"],
        programmes=[programme_oost],
        on=today() + dt.timedelta(days=10),
        starts_at=dt.time(19, 0),
        place="De Oude Bieb, Beijum",
        theme="Doorbraaknetwerk",
    )
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_server.url, locale="nl-NL"
    )
    page = context.new_page()
    log_in(page, "ingrid")
    page.goto(reverse("buddy_home"))
    expect(page.get_by_role("heading", name="Je steun en training")).to_be_visible()
    page.get_by_role("button", name="Ik kom").click()
    expect(page.get_by_text("Dank je voor je antwoord.")).to_be_visible()
    assert Invitation.objects.get(meeting=meeting, user=cast["buddy"]).answer == "yes"
    _check(page, axe_check, screenshot, "academy-buddy-home")
    page.get_by_role("link", name="agenda").click()
    expect(page.get_by_role("heading", name="Buddy Building: Doorbraaknetwerk")).to_be_visible()
    _check(page, axe_check, screenshot, "academy-agenda")
    context.close()

    for name, stage in (("Yvonne", "applied"), ("Hamid", "interview"), ("Gerda", "vog")):
        CandidateFactory(
            programme=programme_oost,
            created_by=cast["coordinator"],
            given_name=name,
            family_name="Bakker",
            stage=stage,
        )
    desktop = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server.url, locale="nl-NL"
    )
    page = desktop.new_page()
    log_in(page, "marloes")
    page.goto(reverse("academy_candidates", args=[programme_oost.slug]))
    _check(page, axe_check, screenshot, "academy-board-desktop")
    page.goto(reverse("buddy_building", args=[meeting.uuid]))
    _check(page, axe_check, screenshot, "academy-meeting")
    desktop.close()
