import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

from kansrijk.core.dates import add_months, today


def test_one_month_after_31_january_is_the_last_day_of_february():
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)


def test_one_month_after_31_january_in_a_leap_year_is_29_february():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)


def test_a_day_that_exists_in_the_target_month_is_kept():
    assert add_months(dt.date(2025, 3, 15), 1) == dt.date(2025, 4, 15)


def test_adding_months_crosses_into_the_next_year():
    assert add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)


def test_twelve_months_later_is_the_same_day_a_year_later():
    assert add_months(dt.date(2024, 6, 16), 12) == dt.date(2025, 6, 16)


def test_subtracting_months_goes_back_across_the_year():
    assert add_months(dt.date(2025, 2, 10), -3) == dt.date(2024, 11, 10)


def test_subtracting_a_month_from_31_march_clamps_to_february():
    assert add_months(dt.date(2025, 3, 31), -1) == dt.date(2025, 2, 28)


def test_today_is_the_date_in_the_netherlands_not_in_utc():
    # 23:30 UTC on 9 March is 00:30 on 10 March in Amsterdam: a late visit counts for the 10th.
    with time_machine.travel(dt.datetime(2025, 3, 9, 23, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        assert today() == dt.date(2025, 3, 10)
