"""Numbers as people read them in the active language: 14.000 and 2,5 in Dutch."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

from .tables import Suppressed


def euros(amount: Decimal) -> str:
    """Whole euros with the language's grouping: 14.000 in Dutch, 14,000 in English."""
    whole = Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return number_format(whole, 0, force_grouping=True)


def number(value: Decimal) -> str:
    """A decimal without trailing zeros: 3, 1,5."""
    return number_format(Decimal(value).normalize(), force_grouping=True)


def whole_euros(amount: Decimal) -> Decimal:
    """An amount rounded to whole euros, kept a number: tables format it (`cell_text`)."""
    return Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def rounded_ratio(value: Decimal) -> Decimal:
    """A ratio to two decimals, kept a number: 0,18."""
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ratio(value: Decimal) -> str:
    return number_format(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), 2)


def cell_text(cell) -> str:
    """A table cell as text: decimals in the language's notation, nothing as "–"."""
    if cell is None:
        return "–"
    if isinstance(cell, Suppressed):
        return str(cell)
    if isinstance(cell, Decimal | float):
        return number_format(cell, force_grouping=True)
    return str(cell)
