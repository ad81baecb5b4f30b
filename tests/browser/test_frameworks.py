"""A coordinator gives Kansrijk West the eleven life areas; a buddy then records an assessment
with those areas on a phone, and sees the progress and the chart of the year."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.assessments.choices import Moment
from kansrijk.assessments.models import Assessment
from kansrijk.frameworks.selectors import framework_for
from kansrijk.people.choices import OrganisationKind, Role
from kansrijk.people.models import Area, Organisation, Programme, ProgrammeRole, User

from .helpers import PASSWORD, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)

# (level now, level wanted) per area of the eleven; the buddy taps these in.
START = {
    "Inkomen": (2, 4),
    "Dagbesteding": (1, 3),
    "Wonen": (3, 4),
    "Relaties thuis": (3, 3),
    "Psychische gezondheid": (2, 4),
    "Lichamelijke gezondheid": (3, 4),
    "Verslaving": (5, 5),
    "Dagelijks leven": (4, 4),
    "Sociaal netwerk": (2, 3),
    "Meedoen in de samenleving": (1, 3),
    "Justitie": (5, 5),
}


def _person(username: str, first: str, last: str, programme: Programme, role: Role) -> User:
    user = User.objects.create_user(username, password=PASSWORD, first_name=first, last_name=last)
    ProgrammeRole.objects.create(user=user, programme=programme, role=role)
    return user


@pytest.fixture
def west_household():
    """Kansrijk West with its coordinator Sanne, buddy Joyce and Amina's household, paired today."""
    from kansrijk.core.dates import today
    from kansrijk.intake.services import NewMember, intake_record, referral_register
    from kansrijk.people.choices import MemberRelation
    from kansrijk.trajectories import services as journey

    west = Programme.objects.create(
        name="Kansrijk West",
        slug="kansrijk-west",
        municipality="Groningen",
        started_on=dt.date(2021, 1, 1),
    )
    selwerd = Area.objects.create(
        programme=west, name="Selwerd", slug="selwerd", joined_on=dt.date(2021, 1, 1)
    )
    wij = Organisation.objects.create(
        name="WIJ Selwerd", slug="wij-selwerd", kind=OrganisationKind.NEIGHBOURHOOD_TEAM
    )
    coordinator = _person("sanne", "Sanne", "de Vries", west, Role.COORDINATOR)
    buddy = _person("joyce", "Joyce", "Mulder", west, Role.BUDDY)
    backup = _person("ruben", "Ruben", "Kok", west, Role.BACKUP)
    trajectory = referral_register(
        by=coordinator,
        area=selwerd,
        organisation=wij,
        participant=NewMember(MemberRelation.PARTICIPANT, "Amina", "Yusuf"),
        others=[],
        contact={"phone": "06-1234 0000"},
        reason="Schulden.",
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
        stress_now="Post.",
        wishes="Werk.",
        version=trajectory.version,
    )
    trajectory.refresh_from_db()
    trajectory = journey.trajectory_match(
        trajectory=trajectory,
        by=coordinator,
        buddy=buddy,
        backup=backup,
        paired_on=today(),
        version=trajectory.version,
    )
    return journey.trajectory_start_year(
        trajectory=trajectory, by=coordinator, start_on=today(), version=trajectory.version
    )


def test_west_switches_to_eleven_life_areas_and_the_buddy_records_them_on_a_phone(
    phone: Page, west_household, screenshot, axe_check
):
    page = phone
    log_in(page, "sanne")
    page.goto("/programmes/kansrijk-west/")
    page.get_by_role("link", name="Leefgebieden").click()
    expect(page.get_by_text("Kansrijk West gebruikt “Vijf leefgebieden” voor nieuwe metingen."))
    page.get_by_text("Meedoen in de samenleving").first.click()  # open its levels
    axe_check(page)
    screenshot(page, "framework-choice")
    page.get_by_role("radio", name=re.compile("^Elf leefgebieden")).check()
    page.get_by_role("button", name="Keuze opslaan").click()
    expect(
        page.get_by_text("Opgeslagen. Nieuwe metingen gebruiken deze leefgebieden")
    ).to_be_visible()
    assert framework_for(west_household.household.programme).slug == "kansrijk-eleven"
    log_out(page)

    log_in(page, "joyce")
    page.get_by_role("link", name="Amina Yusuf").click()
    page.get_by_role("link", name="Meting vastleggen").click()
    for area, (now, wanted) in START.items():
        group = page.get_by_role("group", name=area, exact=True)
        group.get_by_role("radio", name=re.compile(rf"^{now} · ")).check()
        group.get_by_label("Waar wil je staan?").select_option(str(wanted))
    page.get_by_role("group", name="Inkomen", exact=True).get_by_label("Notitie").fill(
        "Schuldhulp is gebeld, de afspraak is volgende week."
    )
    axe_check(page)
    screenshot(page, "assessment-eleven-form")
    page.get_by_role("button", name="Meting opslaan").click()
    expect(page.get_by_text("De meting is opgeslagen.")).to_be_visible()

    start = Assessment.objects.get()
    assert start.framework.slug == "kansrijk-eleven"
    assert start.scores.count() == 11
    assert start.scores.get(domain__code="income").note.startswith("Schuldhulp is gebeld")

    # Later in the year: an extra look together, some areas up, one down.
    from kansrijk.assessments.services import assessment_record

    levels = {s.domain.code: (s.level, s.wanted_level) for s in start.scores.all()}
    levels.update({"income": (3, 4), "daily-activities": (2, 3), "social-network": (1, 3)})
    assessment_record(
        trajectory=west_household,
        by=west_household.buddy,
        moment=Moment.EXTRA,
        held_on=start.held_on,
        levels=levels,
    )
    page.reload()
    expect(page.get_by_text("omhoog (2 → 3)")).to_be_visible()
    expect(page.get_by_text("omlaag (2 → 1)")).to_be_visible()
    expect(page.get_by_text("gelijk gebleven")).to_have_count(8)
    chart = page.get_by_role("img", name="Leefgebieden door het jaar")
    expect(chart).to_be_visible()
    page.get_by_text("Dezelfde cijfers in een tabel").click()
    expect(page.get_by_role("rowheader", name="Meedoen in de samenleving")).to_be_visible()
    axe_check(page)
    chart.scroll_into_view_if_needed()
    screenshot(page, "assessment-eleven-household")
