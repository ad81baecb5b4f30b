"""Dates and numbers in the participants' languages: the month in the form a date takes, the
language's separators, Western digits in Arabic, and Tigrinya (which Django does not know)
borrowing the default language's month names."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import number_format

from kansrijk.core.dates import day_and_month, long_date, short_date
from kansrijk.core.numbers import Euros, Ratio
from tests.languages import tigrinya_known  # noqa: F401 (a fixture)

JULY_22 = dt.date(2026, 7, 22)


@pytest.mark.parametrize(
    ("language", "long", "short"),
    [
        ("nl", "22 juli 2026", "22 jul 2026"),
        ("en", "22 July 2026", "22 Jul 2026"),
        ("ar", "22 يوليو 2026", "22 يوليو 2026"),
        ("tr", "22 Temmuz 2026", "22 Tem 2026"),
        # Polish and Ukrainian dates take the month's genitive ("lipca", not "lipiec").
        ("pl", "22 lipca 2026", "22 lip 2026"),
        ("uk", "22 липня 2026", "22 лип 2026"),
    ],
)
def test_a_date_uses_the_languages_month_in_the_form_a_date_takes(language, long, short):
    with translation.override(language):
        assert long_date(JULY_22) == long
        assert short_date(JULY_22) == short
        assert day_and_month(JULY_22) == long.removesuffix(" 2026")


def test_arabic_writes_western_digits_with_its_separators():
    """Western digits (as in Morocco and on her Dutch letters), "," before decimals and "."
    between thousands, grouped as Django's own Arabic formats do not."""
    with translation.override("ar"):
        assert str(Euros(14000)) == "14.000"
        assert str(Ratio(Decimal("2.35"))) == "2,35"
        assert number_format(Decimal("1234.5"), 1, force_grouping=True) == "1.234,5"
        assert not any("\u0660" <= char <= "\u0669" for char in long_date(JULY_22))


def test_tigrinya_borrows_the_dutch_month_names_and_writes_numbers_as_in_eritrea(
    tigrinya_known,  # noqa: F811
):
    with translation.override("ti"):
        assert long_date(JULY_22) == "22 juli 2026"
        assert short_date(JULY_22) == "22 jul 2026"
        assert number_format(Decimal("1234.5"), 1, force_grouping=True) == "1,234.5"
        assert str(Ratio(Decimal("2.35"))) == "2.35"
