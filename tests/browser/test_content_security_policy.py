"""Under the strict Content-Security-Policy every role's pages load without a single violation,
and htmx still swaps the household list in place."""

import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.people.models import User

from .helpers import PASSWORD, log_in, log_out, wait_for_htmx

pytestmark = pytest.mark.django_db(transaction=True)

VIOLATION = "Content Security Policy"


class Watcher:
    """Collects what the browser reports: CSP violations on the console, and script errors."""

    def __init__(self, page: Page) -> None:
        self.violations: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.violations.append(f"script error: {error}"))

    def _console(self, message) -> None:
        if VIOLATION in message.text:
            self.violations.append(f"{message.page.url if message.page else ''}: {message.text}")

    def visit(self, page: Page, path: str) -> None:
        response = page.goto(path)
        assert response is not None
        assert "'unsafe-inline'" not in (response.headers.get("content-security-policy") or "")
        page.wait_for_load_state("networkidle")


@pytest.fixture
def watched(phone: Page) -> tuple[Page, Watcher]:
    return phone, Watcher(phone)


@pytest.fixture
def assessed_household(paired_household, cast):
    """Fatima's household with a start assessment, so the progress and the chart show."""
    from kansrijk.assessments.choices import Moment
    from kansrijk.assessments.services import assessment_record

    codes = ["home", "wellbeing", "finances", "education", "work"]
    assessment_record(
        trajectory=paired_household,
        by=cast["buddy"],
        moment=Moment.START,
        held_on=paired_household.matched_on,
        levels={code: (level, 5) for level, code in enumerate(codes, start=1)},
    )
    return paired_household


def test_the_watcher_notices_a_violation(watched):
    page, watcher = watched
    watcher.visit(page, "/login/")

    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.wait_for_timeout(200)

    assert any(VIOLATION in v for v in watcher.violations)


def test_every_role_sees_its_pages_without_a_policy_violation(watched, assessed_household):
    page, watcher = watched
    household = f"/households/{assessed_household.household.uuid}/"

    watcher.visit(page, "/login/")
    watcher.visit(page, "/no-such-page/")

    log_in(page, "marloes")
    for path in (
        "/programmes/kansrijk-oost/",
        "/programmes/kansrijk-oost/households/",
        "/programmes/kansrijk-oost/refer/",
        household,
        f"{household}drop-out/",
    ):
        watcher.visit(page, path)
    log_out(page)

    log_in(page, "ingrid")
    for path in ("/my-households/", household, f"{household}contacts/new/"):
        watcher.visit(page, path)
    watcher.visit(page, household)
    # The chart's colours come from the style sheet (no inline styles), its sizes from the SVG.
    bars = page.locator("svg.chart__svg .chart__bar--latest")
    expect(bars).to_have_count(5)
    assert bars.first.evaluate("e => getComputedStyle(e).fill") == "rgb(11, 85, 102)"
    width = bars.nth(2).evaluate("e => e.getBoundingClientRect().width")
    track = (
        page.locator("svg.chart__svg .chart__track")
        .nth(2)
        .evaluate("e => e.getBoundingClientRect().width")
    )
    assert width == pytest.approx(track * 0.6, abs=1)
    watcher.visit(page, f"{household}assessments/new/")
    log_out(page)

    log_in(page, "anouk")
    watcher.visit(page, "/backup/")
    log_out(page)

    log_in(page, "npg")
    watcher.visit(page, "/figures/")
    log_out(page)

    assert watcher.violations == []


def test_the_admin_works_under_the_policy(watched, cast):
    page, watcher = watched
    User.objects.create_superuser("beheer", password=PASSWORD, first_name="Bo")

    log_in(page, "beheer")
    for path in ("/admin/", "/admin/people/user/", "/admin/people/programme/add/"):
        watcher.visit(page, path)
        expect(page.locator("#content")).to_be_visible()
    user = User.objects.get(username="marloes")
    watcher.visit(page, f"/admin/people/user/{user.pk}/change/")
    expect(page.locator("#content")).to_be_visible()

    assert watcher.violations == []


def test_the_household_filter_still_swaps_the_list_under_the_policy(watched, paired_household):
    page, watcher = watched
    log_in(page, "marloes")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Huishoudens").click()
    household_list = page.locator("#household-list")
    expect(household_list.get_by_role("link", name="Fatima El Amrani")).to_be_visible()
    wait_for_htmx(page)

    with page.expect_response(re.compile("/households/\\?")) as swap:
        page.get_by_label("Fase").select_option(label="Intake")

    assert swap.value.request.headers.get("hx-request") == "true"
    expect(household_list.get_by_text("Er zijn geen huishoudens bij deze keuze.")).to_be_visible()
    expect(household_list.get_by_role("link", name="Fatima El Amrani")).to_have_count(0)
    expect(page).to_have_url(re.compile("/programmes/kansrijk-oost/households/$"))
    assert watcher.violations == []


def test_the_not_found_page_is_calm_on_a_phone(watched, screenshot, axe_check, db):
    page, watcher = watched

    watcher.visit(page, "/no-such-page/")

    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
    expect(page.get_by_role("link", name="Naar de startpagina")).to_be_visible()
    screenshot(page, "not-found")
    axe_check(page)
    assert watcher.violations == []
