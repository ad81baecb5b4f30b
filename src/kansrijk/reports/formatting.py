"""Numbers as people read them in the active language: 14.000 and 2,5 in Dutch, −300 with a
real minus sign. A report's cells keep their numbers (`core.numbers`: `Euros`, `Percent`,
`Ratio`); `cell_text` is how a page and the PDF show one."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

from kansrijk.core.numbers import Euros, Percent, Ratio, shown, with_minus

from .tables import Suppressed

__all__ = ["Euros", "Percent", "Ratio", "cell_text", "euros", "number", "ratio"]


def euros(amount: Decimal) -> str:
    """Whole euros with the language's grouping: 14.000 in Dutch, 14,000 in English."""
    whole = Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return with_minus(number_format(whole, 0, force_grouping=True))


def number(value: Decimal) -> str:
    """A decimal without trailing zeros: 3, 1,5."""
    return with_minus(number_format(Decimal(value).normalize(), force_grouping=True))


def ratio(value: Decimal) -> str:
    """A ratio with two decimals and no unit: 2,35."""
    return shown(Ratio(value))


def cell_text(cell) -> str:
    """A table cell as text: numbers in the language's notation, nothing as "–"."""
    if cell is None:
        return "–"
    if isinstance(cell, Suppressed):
        return str(cell)
    if isinstance(cell, int | Decimal | float) and not isinstance(cell, bool):
        return shown(cell)
    return str(cell)
