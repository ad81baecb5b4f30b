"""Browser tests: Playwright drives Debian's Chromium against Django's live server.

Skipped (with the reason shown) where /usr/bin/chromium is missing; CI installs it.
"""

import datetime as dt
import os
from pathlib import Path

import pytest

from kansrijk.people.choices import OrganisationKind, Role
from kansrijk.people.models import Area, Organisation, Programme, ProgrammeRole, User

from .helpers import PASSWORD, portal_account

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"

# Playwright's sync API runs an event loop in this thread; the tests' own ORM calls (setting up
# data) are still plain synchronous code, so tell Django that is intended.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live_server):
    """A fresh phone-sized page (390×844) pointed at the live server."""
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def axe_check():
    """Run axe-core on the page and fail with the list of violations, if any."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page) -> None:
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()

    return check


# ---- the cast: one programme with a coordinator, a buddy, their backup and a funder ----


@pytest.fixture
def programme_oost() -> Programme:
    programme = Programme.objects.create(
        name="Kansrijk Oost",
        slug="kansrijk-oost",
        municipality="Groningen",
        started_on=dt.date(2018, 9, 1),
    )
    Area.objects.create(
        programme=programme, name="Beijum", slug="beijum", joined_on=dt.date(2018, 9, 1)
    )
    Area.objects.create(
        programme=programme, name="Lewenborg", slug="lewenborg", joined_on=dt.date(2018, 9, 1)
    )
    Organisation.objects.create(
        name="WIJ Beijum", slug="wij-beijum", kind=OrganisationKind.NEIGHBOURHOOD_TEAM
    )
    return programme


def _person(
    username: str, first: str, last: str, programme: Programme, role: Role, **extra
) -> User:
    user = User.objects.create_user(username, password=PASSWORD, first_name=first, last_name=last)
    ProgrammeRole.objects.create(user=user, programme=programme, role=role, **extra)
    return user


@pytest.fixture
def cast(programme_oost):
    backup = _person("anouk", "Anouk", "Smit", programme_oost, Role.BACKUP)
    return {
        "coordinator": _person("marloes", "Marloes", "Bakker", programme_oost, Role.COORDINATOR),
        "backup": backup,
        "buddy": _person(
            "ingrid", "Ingrid", "Veenstra", programme_oost, Role.BUDDY, default_backup=backup
        ),
        "funder": _person("npg", "Noor", "Pieters", programme_oost, Role.FUNDER),
    }


@pytest.fixture
def paired_household(cast, programme_oost):
    """Fatima's household, referred, through intake, and paired with buddy Ingrid today."""
    from kansrijk.core.dates import today
    from kansrijk.intake.services import NewMember, intake_record, referral_register
    from kansrijk.people.choices import MemberRelation
    from kansrijk.trajectories import services as journey

    coordinator = cast["coordinator"]
    trajectory = referral_register(
        by=coordinator,
        area=programme_oost.areas.get(slug="lewenborg"),
        organisation=Organisation.objects.get(slug="wij-beijum"),
        participant=NewMember(MemberRelation.PARTICIPANT, "Fatima", "El Amrani"),
        others=[NewMember(MemberRelation.CHILD, "Nour", birth_year=2014)],
        contact={"phone": "06-9876 5432"},
        reason="Huurachterstand.",
        stress_sources="",
        preferences="",
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
    trajectory.refresh_from_db()
    trajectory = journey.trajectory_match(
        trajectory=trajectory,
        by=coordinator,
        buddy=cast["buddy"],
        backup=None,
        paired_on=today(),
        version=trajectory.version,
    )
    return journey.trajectory_start_year(
        trajectory=trajectory, by=coordinator, start_on=today(), version=trajectory.version
    )


@pytest.fixture
def fatima(cast, paired_household) -> User:
    """Fatima, the participant of the paired household, with her own portal login."""
    user = portal_account(paired_household, by=cast["coordinator"], email="fatima@example.org")
    return user
