"""The buddy's week in Chromium: plan the next meeting from the contact form, find it on the
home page, subscribe to the calendar, and move and cancel the meeting."""

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from kansrijk.contacts.models import Appointment

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _events(page: Page, url: str) -> list:
    response = page.request.get(url)
    assert response.status == 200
    assert response.headers["cache-control"] == "no-store"
    return list(Calendar.from_ical(response.body()).walk("VEVENT"))


def test_buddy_plans_the_next_meeting_and_follows_it_in_her_calendar(
    phone: Page, paired_household, screenshot, axe_check
):
    page = phone
    log_in(page, "ingrid")
    page.get_by_role("link", name="Contact vastleggen").click()
    page.get_by_label("Minuten").fill("60")
    page.get_by_label("Nu de volgende afspraak plannen").check()
    page.get_by_role("button", name="Contact opslaan").click()

    expect(page.get_by_role("heading", name="Volgende afspraak plannen")).to_be_visible()
    page.get_by_label("Tijd").fill("15:30")
    page.get_by_label("Plaats").fill("Thuis")
    page.get_by_label("Waarvoor is het?").fill("Samen de brief van de gemeente lezen")
    screenshot(page, "appointment-plan")
    axe_check(page)
    page.get_by_role("button", name="Afspraak plannen").click()
    expect(page.get_by_text("De afspraak is gepland.")).to_be_visible()
    expect(page.get_by_text("Samen de brief van de gemeente lezen")).to_be_visible()

    page.get_by_role("link", name=re.compile("Mijn huishoudens")).first.click()
    week = page.locator("section", has=page.get_by_role("heading", name="Deze week"))
    expect(week.get_by_text("15:30")).to_be_visible()
    screenshot(page, "appointment-buddy-home")
    axe_check(page)

    week.get_by_role("link", name="Mijn agenda").click()
    page.get_by_role("button", name="Mijn agenda-adres maken").click()
    expect(page.get_by_text("Je nieuwe agenda-adres is klaar.")).to_be_visible()
    feed_url = page.get_by_label("Agenda-adres").input_value()
    screenshot(page, "appointment-calendar-page")
    axe_check(page)
    [event] = _events(page, feed_url)
    assert str(event["summary"]) == "Afspraak met Fatima"
    assert event.decoded("dtstart").strftime("%H:%M") == "15:30"
    uid = str(event["uid"])
    assert "brief" not in page.request.get(feed_url).text()

    page.goto(f"/households/{paired_household.household.uuid}/")
    page.get_by_role("link", name="Verzetten of afzeggen").click()
    page.get_by_label("Tijd").fill("16:00")
    axe_check(page)
    page.get_by_role("button", name="Nieuwe tijd opslaan").click()
    expect(page.get_by_text("De afspraak is verzet.")).to_be_visible()
    [event] = _events(page, feed_url)
    assert (str(event["uid"]), event.decoded("dtstart").strftime("%H:%M")) == (uid, "16:00")

    screenshot(page, "appointment-household")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "appointment-household-wide")
    page.goto("/my-households/")
    screenshot(page, "appointment-buddy-home-wide")
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"/households/{paired_household.household.uuid}/")
    page.get_by_role("link", name="Verzetten of afzeggen").click()
    screenshot(page, "appointment-move")
    page.get_by_role("button", name="Afspraak afzeggen").click()
    expect(page.get_by_text("De afspraak is afgezegd.")).to_be_visible()
    expect(page.get_by_text("Nog geen afspraak gepland.")).to_be_visible()
    assert _events(page, feed_url) == []
    assert Appointment.objects.get().cancelled_at is not None
