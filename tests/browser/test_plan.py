"""The goal-action plan on a phone: the buddy records the start assessment, makes two goals with
their steps, ticks a step off and records a small success; then the participant sees it all in
her own portal. Every page passes axe; screenshots go to test-results/screenshots/."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.assessments.models import Assessment
from kansrijk.core.dates import today
from kansrijk.frameworks.selectors import framework_for
from kansrijk.plans import services
from kansrijk.plans.models import Action, Goal, ProgressNote

from .helpers import log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


def _record_the_start_assessment(page: Page) -> None:
    page.get_by_role("link", name="Meting vastleggen").click()
    for domain in ("Thuissituatie", "Welzijn", "Financiën", "Opleiding", "Werk"):
        group = page.get_by_role("group", name=domain, exact=True)
        group.locator("input[type=radio][value='2']").check()
        group.locator("select").first.select_option("4")
    page.get_by_role("button", name="Meting opslaan").click()
    expect(page.get_by_text("De meting is opgeslagen.")).to_be_visible()


def _add_step(page: Page, who: str, what: str, due: str, *, another: bool) -> None:
    page.get_by_label(who, exact=True).check()
    page.get_by_label("Wat gaat er gebeuren?").fill(what)
    page.get_by_label("Wanneer klaar?").fill(due)
    button = "Opslaan en nog een stap" if another else "Stap opslaan"
    page.get_by_role("button", name=button).click()
    expect(page.get_by_text("De stap staat erin.")).to_be_visible()


def test_buddy_makes_the_plan_on_a_phone_and_the_participant_sees_it(
    phone: Page, fatima, paired_household, screenshot, axe_check
):
    page = phone
    log_in(page, "ingrid")
    page.get_by_role("link", name="Fatima El Amrani").first.click()
    _record_the_start_assessment(page)
    assert Assessment.objects.filter(trajectory=paired_household).count() == 1

    # The household page leads to the plan; it starts empty and invites the first goal.
    page.get_by_role("link", name="Plan openen").click()
    expect(page.get_by_role("heading", name="Nog geen doelen")).to_be_visible()
    axe_check(page)
    screenshot(page, "plan-empty")
    page.get_by_role("link", name="Eerste doel maken").click()

    # Goal 1 starts from an example of calm at the base, in Fatima's own words.
    page.get_by_text("Begin met een voorbeeld").click()
    page.get_by_role("link", name=re.compile("Bevriezing van de schulden")).click()
    expect(page.get_by_label("Het doel")).to_have_value(re.compile("Bevriezing van de schulden"))
    expect(page.get_by_label(re.compile("Rust aan de basis"))).to_be_checked()
    page.get_by_label("Het doel").fill("Rust in mijn schulden: de schuldeisers moeten even wachten")
    page.get_by_label("Streefdatum").fill("2030-01-01")
    page.get_by_role("button", name="Doel opslaan").click()
    expect(page.get_by_text("Kies een streefdatum binnen anderhalf jaar")).to_be_visible()
    page.get_by_label("Streefdatum").fill(_in_days(paired_household, 45))
    axe_check(page)
    screenshot(page, "plan-new-goal")
    page.get_by_role("button", name="Doel opslaan").click()

    # Its steps: who does what, by when.
    expect(page.get_by_text("Het doel staat erin. Wat is de eerste stap?")).to_be_visible()
    axe_check(page)
    screenshot(page, "plan-new-step")
    _add_step(
        page, "de deelnemer", "De Kredietbank bellen", _in_days(paired_household, 7), another=True
    )
    _add_step(
        page,
        "de achterwacht",
        "Aanmelden voor schuldhulp",
        _in_days(paired_household, 14),
        another=False,
    )

    # Goal 2: work, in Fatima's words, one step together.
    page.get_by_role("link", name="Nieuw doel").click()
    page.get_by_label("Werk", exact=True).check()
    page.get_by_label("Het doel").fill("Een paar uur vrijwilligerswerk in de bieb")
    page.get_by_label("Streefdatum").fill(_in_days(paired_household, 120))
    page.get_by_role("button", name="Doel opslaan").click()
    _add_step(
        page,
        "deelnemer en buddy samen",
        "Samen langs De Oude Bieb",
        _in_days(paired_household, 10),
        another=False,
    )
    assert Goal.objects.count() == 2 and Action.objects.count() == 3

    # On the plan page: tick the first step off (htmx swaps the row in place) ...
    calm_goal = page.locator("article.goal").filter(has_text="Rust in mijn schulden")
    step = calm_goal.locator("li.todo__item").filter(has_text="De Kredietbank bellen")
    step.get_by_role("button", name=re.compile("Gedaan")).click()
    expect(step.get_by_text("Gedaan. Goed zo!")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/plan/(#goal-[0-9a-f-]+)?$"))
    assert Action.objects.get(done_on__isnull=False).done_by.username == "ingrid"

    # ... record a small success in Fatima's own words, and celebrate it.
    calm_goal.get_by_text("Schrijf op hoe het gaat, of een klein succes").click()
    calm_goal.get_by_label("Hoe gaat het?").fill("Fatima belde zelf de Kredietbank. Ze was trots!")
    calm_goal.get_by_label("Dit is een klein succes").check()
    calm_goal.get_by_label("Dit zijn de eigen woorden van de deelnemer").check()
    calm_goal.get_by_role("button", name="Opslaan").click()
    expect(calm_goal.get_by_text("Een klein succes! Het staat nu in het plan.")).to_be_visible()
    calm_goal.get_by_role("button", name="Vier dit").click()
    expect(calm_goal.get_by_text("Samen gevierd")).to_be_visible()
    assert ProgressNote.objects.get().is_celebrated
    axe_check(page)
    screenshot(page, "plan-buddy")

    # The one-page print view.
    page.get_by_role("link", name="Plan afdrukken").click()
    expect(page.get_by_role("heading", name="Ons plan")).to_be_visible()
    axe_check(page)
    screenshot(page, "plan-print")
    log_out(page)

    # Fatima sees her plan in her own portal, marked as her own words.
    log_in(page, "fatima@example.org")
    expect(page.get_by_role("heading", name="Jouw plan")).to_be_visible()
    expect(
        page.get_by_text("Rust in mijn schulden: de schuldeisers moeten even wachten")
    ).to_be_visible()
    expect(page.get_by_text("In jouw woorden").first).to_be_visible()
    expect(page.get_by_role("heading", name="Jouw kleine successen")).to_be_visible()
    expect(page.get_by_text("Samen gevierd").first).to_be_visible()
    axe_check(page)
    screenshot(page, "plan-portal")

    # She ticks off the step that is hers; the backup's step has no button for her.
    together = page.locator("li.todo__item").filter(has_text="Samen langs De Oude Bieb")
    together.get_by_role("button", name=re.compile("Gedaan")).click()
    expect(together.get_by_text("Gedaan. Goed zo!")).to_be_visible()
    backup_step = page.locator("li.todo__item").filter(has_text="Aanmelden voor schuldhulp")
    expect(backup_step.get_by_role("button")).to_have_count(0)

    # And in English, through the language switch.
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Your plan")).to_be_visible()
    expect(page.get_by_text("In your own words").first).to_be_visible()
    screenshot(page, "plan-portal-english")


def test_ticking_a_step_off_works_without_javascript(
    browser, live_server, fatima, paired_household, cast
):
    domain = framework_for(paired_household.household.programme).domains.first()
    goal = services.goal_create(
        trajectory=paired_household,
        by=cast["buddy"],
        domain=domain,
        text="De post op orde",
        target_on=today(),
    )
    services.action_add(goal=goal, by=cast["buddy"], who="buddy", what="Map kopen", due_on=today())
    context = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, locale="nl-NL"
    )
    page = context.new_page()
    log_in(page, "ingrid")
    page.goto(f"/households/{paired_household.household.uuid}/plan/")

    page.get_by_role("button", name=re.compile("Gedaan")).click()
    expect(page.get_by_text("Gedaan. Goed zo!")).to_be_visible()
    page.get_by_text("Schrijf op hoe het gaat, of een klein succes").click()
    page.get_by_label("Hoe gaat het?").fill("Map gekocht")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De notitie is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Map gekocht")).to_be_visible()
    context.close()
    assert Action.objects.get().is_done


def _in_days(trajectory, days: int) -> str:
    return (trajectory.matched_on + dt.timedelta(days=days)).isoformat()
