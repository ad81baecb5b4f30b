"""The funder's report on a phone, with the demo programme: a funder opens Kansrijk Oost
for 2021, downloads the PDF for the council and the CSV for Excel in Dutch, and cannot open any
household page; the coordinator changes the cost-benefit model. Every page passes axe; screenshots go to
test-results/screenshots/."""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from kansrijk.demo.loader import DEMO_PASSWORD, load_demo
from kansrijk.people.models import Household
from kansrijk.reports.models import CostBenefitModel

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(live_server):
    load_demo()


def _log_in(page: Page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _check(page: Page, axe_check, screenshot, name: str) -> None:
    axe_check(page)
    screenshot(page, name)


def test_a_funder_reads_and_downloads_the_oost_report_but_never_a_household(
    phone: Page, demo, screenshot, axe_check
):
    page = phone
    _log_in(page, "funder")
    expect(page.get_by_role("heading", name="Cijfers", exact=True)).to_be_visible()
    _check(page, axe_check, screenshot, "reports-funder-home")
    page.get_by_role("link", name="Open de rapportage van Kansrijk Oost", exact=True).click()
    # A funder chooses one year at a time: overlapping periods could be subtracted.
    expect(page.locator("select[name=from]")).to_have_count(0)
    page.get_by_label("Jaar", exact=True).select_option("2021")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_text("2021").first).to_be_visible()
    expect(
        page.get_by_text(re.compile("Aantallen van minder dan 5 mensen zijn verborgen"))
    ).to_be_visible()
    expect(page.get_by_text("verborgen", exact=True).first).to_be_visible()
    expect(page.get_by_text(re.compile("31–38%"))).to_be_visible()
    expect(page.get_by_role("img", name="Huishoudens per wijk")).to_be_visible()
    _check(page, axe_check, screenshot, "reports-funder-dashboard")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF voor de raad").click()
    download = download_info.value
    assert download.suggested_filename == "kansrijk-oost-dashboard-2021.pdf"
    pdf = PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Kansrijk Oost · 2021" in text
    assert "Aantallen van minder dan 5 mensen zijn verborgen" in text
    assert "Huishoudens per wijk" in text

    # The spreadsheet for Excel in Dutch: semicolons, a byte-order mark, the same figures.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV (Excel, Nederlands)").click()
    download = download_info.value
    assert download.suggested_filename == "kansrijk-oost-dashboard-2021.csv"
    content = Path(download.path()).read_bytes()
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert ["Periode", "2021"] in rows
    assert ["Huishoudens per wijk"] in rows
    assert page.get_by_role("link", name="CSV (internationaal)").count() == 1

    page.get_by_role("link", name="Kosten en baten").click()
    expect(page.get_by_role("heading", name="Aannames")).to_be_visible()
    expect(page.get_by_text(re.compile("Berenschot \\(2018\\)"))).to_be_visible()
    assert page.get_by_role("link", name="Kosten en waarden aanpassen").count() == 0
    _check(page, axe_check, screenshot, "reports-funder-cost-benefit")
    page.get_by_role("link", name="Resultaten").click()
    _check(page, axe_check, screenshot, "reports-funder-results")

    names = list(Household.objects.values_list("display_name", flat=True))
    assert not any(name in page.content() for name in names)
    for household in Household.objects.order_by("?")[:3]:
        for path in ("", "timeline/", "plan/"):
            response = page.goto(f"/households/{household.uuid}/{path}")
            assert response.status == 404


def test_the_coordinator_changes_the_cost_benefit_model(phone: Page, demo, screenshot, axe_check):
    page = phone
    _log_in(page, "coordinator")
    page.goto("/programmes/kansrijk-oost/cost-benefit/?from=2019&to=2021")
    expect(page.get_by_role("heading", name="Aannames")).to_be_visible()
    _check(page, axe_check, screenshot, "reports-coordinator-cost-benefit")
    page.get_by_role("link", name="Kosten en waarden aanpassen").click()
    expect(page.get_by_role("heading", name="Kosten en waarden")).to_be_visible()
    page.get_by_label("Vergoeding per buddy per jaar (€)").fill("480")
    welfare = page.get_by_role("group", name="Volledig uit de bijstand")
    welfare.get_by_label("Waarde per jaar (€)").fill("15000")
    _check(page, axe_check, screenshot, "reports-coordinator-edit")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het kosten-batenmodel is opgeslagen.")).to_be_visible()
    expect(page.get_by_text(re.compile("€ 480 per buddy per jaar"))).to_be_visible()
    _check(page, axe_check, screenshot, "reports-coordinator-cost-benefit-saved")
    model = CostBenefitModel.objects.get(programme__slug="kansrijk-oost")
    assert model.buddy_allowance_per_year == 480
    assert model.benefits.get(outcome_code="welfare_ended").value_per_year == 15000

    page.get_by_role("link", name="Cijfers").first.click()
    expect(page.get_by_text("Precieze aantallen, voor de coördinator.")).to_be_visible()
    _check(page, axe_check, screenshot, "reports-coordinator-dashboard")
    # On a desk the chart and its table stand side by side.
    page.set_viewport_size({"width": 1280, "height": 900})
    _check(page, axe_check, screenshot, "reports-coordinator-dashboard-desktop")


def test_the_coordinator_reads_the_pilot_cohort_and_the_reach_of_this_year(
    phone: Page, demo, screenshot, axe_check
):
    page = phone
    _log_in(page, "coordinator")
    expect(page.get_by_role("heading", name="Bereik dit jaar")).to_be_visible()
    expect(page.get_by_text(re.compile(r"huishoudens? aan (hun|zijn) jaar"))).to_be_visible()
    _check(page, axe_check, screenshot, "reports-coordinator-reach-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "reports-coordinator-reach-1280")
    page.set_viewport_size({"width": 390, "height": 844})

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Cijfers").click()
    page.get_by_role("link", name="Resultaten").click()
    page.locator("select[name=cohort_from]").select_option("2019")
    page.locator("select[name=cohort_to]").select_option("2019")
    page.get_by_role("button", name="Tonen").click()
    expect(
        page.get_by_text(
            re.compile("20 huishoudens deden mee; 17 rondden het traject af; 3 stopten eerder")
        )
    ).to_be_visible()
    expect(
        page.get_by_text(re.compile("1 deelnemer is een eigen bedrijf in de Zorg gestart"))
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Waar de huishoudens staan")).to_be_visible()
    _check(page, axe_check, screenshot, "reports-coordinator-pilot-cohort-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "reports-coordinator-pilot-cohort-1280")

    page.get_by_role("main").get_by_role("link", name="Cijfers", exact=True).click()
    expect(
        page.get_by_role("heading", name=re.compile("Groep 2019: waar de huishoudens staan"))
    ).to_be_visible()
    expect(
        page.get_by_role("heading", name="Bereik: huishoudens die aan hun jaar begonnen")
    ).to_be_visible()
    _check(page, axe_check, screenshot, "reports-coordinator-dashboard-cohort-1280")
