"""Dates, amounts and phone numbers as people read them, in the active language."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template import Context, Template
from django.utils import translation

from kansrijk.core.dates import (
    date_and_time,
    day_and_month,
    long_date,
    relative_day,
    short_date,
    weekday_date,
)
from kansrijk.core.numbers import euros
from kansrijk.core.phones import tel_uri

JULY_22 = dt.date(2026, 7, 22)


@pytest.fixture
def dutch():
    with translation.override("nl"):
        yield


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def on_22_july():
    with time_machine.travel(dt.datetime(2026, 7, 22, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))):
        yield


def test_a_date_reads_as_day_month_and_year_in_dutch(dutch):
    assert long_date(JULY_22) == "22 juli 2026"


def test_a_date_reads_in_english_on_english_pages(english):
    assert long_date(JULY_22) == "22 July 2026"


def test_a_date_for_planning_names_the_weekday(dutch):
    assert weekday_date(JULY_22) == "woensdag 22 juli 2026"


def test_a_recent_date_can_leave_out_the_year(dutch):
    assert day_and_month(JULY_22) == "22 juli"


def test_a_short_date_writes_the_dutch_month_in_lower_case(dutch):
    assert short_date(JULY_22) == "22 jul 2026"


def test_a_moment_is_shown_in_dutch_time_not_utc(dutch):
    late = dt.datetime(2026, 7, 21, 22, 30, tzinfo=dt.UTC)
    assert date_and_time(late) == "22 juli 2026, 00:30"
    assert long_date(late) == "22 juli 2026"


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (JULY_22, "vandaag"),
        (dt.date(2026, 7, 21), "gisteren"),
        (dt.date(2026, 7, 23), "morgen"),
        (dt.date(2026, 7, 19), "3 dagen geleden"),
        (dt.date(2026, 7, 25), "over 3 dagen"),
    ],
)
def test_days_near_today_are_said_in_words(dutch, on_22_july, day, words):
    assert relative_day(day) == words


def test_days_near_today_are_english_on_english_pages(english, on_22_july):
    assert relative_day(JULY_22) == "today"
    assert relative_day(dt.date(2026, 7, 19)) == "3 days ago"


def test_an_amount_has_a_euro_sign_dutch_grouping_and_cents(dutch):
    assert euros(Decimal("1234.5")) == "€\u00a01.234,50"


def test_a_negative_amount_has_a_real_minus_sign(dutch):
    assert euros(-25) == "€\u00a0\u221225,00"
    assert "-" not in euros(Decimal("-1234.56"))


def test_an_amount_in_whole_euros_rounds_half_up(dutch):
    assert euros(Decimal("13999.5"), cents=False) == "€\u00a014.000"


def test_an_amount_in_english_groups_with_commas(english):
    assert euros(Decimal("1234.5")) == "€\u00a01,234.50"


@pytest.mark.parametrize(
    ("typed", "link"),
    [
        ("06-2345 6789", "tel:+31623456789"),
        ("0623456789", "tel:+31623456789"),
        ("050 123 4567", "tel:+31501234567"),
        ("+31 6 1234 5678", "tel:+31612345678"),
        ("0031 6 1234 5678", "tel:+31612345678"),
        ("+31 (0)6 1234 5678", "tel:+31612345678"),
        ("(050) 123 45 67", "tel:+31501234567"),
        ("+32 470 12 34 56", "tel:+32470123456"),
    ],
)
def test_a_phone_number_links_in_international_form(typed, link):
    assert tel_uri(typed) == link


@pytest.mark.parametrize(
    "typed",
    ["", "bel de buurvrouw", "06-1234", "06-2345 67890", "+31 6 1234 567", "112", "0800 abc"],
)
def test_a_number_that_cannot_be_read_gets_no_link(typed):
    assert tel_uri(typed) is None


def test_the_phone_filter_keeps_the_typed_text_and_links_the_number():
    html = Template("{{ phone|phone_link }}").render(Context({"phone": "06-2345 6789"}))
    assert html == '<a href="tel:+31623456789">06-2345 6789</a>'


def test_the_phone_filter_shows_an_unreadable_number_as_text_without_a_link():
    html = Template("{{ phone|phone_link }}").render(Context({"phone": "<b>06-12</b>"}))
    assert html == "&lt;b&gt;06-12&lt;/b&gt;"


def test_the_date_filters_show_nothing_for_no_date(dutch):
    assert Template("[{{ day|long_date }}]").render(Context({"day": None})) == "[]"


def test_the_amount_filter_gives_whole_euros_when_asked(dutch):
    html = Template('{{ amount|euros:"whole" }}').render(Context({"amount": Decimal("-1500")}))
    assert html == "€\u00a0\u22121.500"
