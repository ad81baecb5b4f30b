"""Numbers that know what they are (an amount in euros, a share, a ratio) and how people read them.

A report keeps its figures as numbers, so that a spreadsheet gets numbers it can add up and each
file shows them in its own way: a page or PDF as text in the active language (14.000, 45%, 2,35),
a CSV in its flavour's notation, an XLSX as a number with a number format. `Euros`, `Percent` and
`Ratio` are `Decimal`s, so they go wherever a decimal goes; arithmetic on them gives plain
decimals again.

A negative number is written with a real minus sign (U+2212) wherever people read it, not the
hyphen a keyboard types: it reads as a minus and does not break from its digits at a line end.
"""

from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

from django.utils.formats import number_format

MINUS = "\u2212"


def with_minus(text: str) -> str:
    """The text of a number with its leading hyphen written as a real minus sign."""
    return MINUS + text[1:] if text.startswith("-") else text


class _Kind(Decimal):
    """A decimal of a known kind: shown as people read it (`str`), pickled as its value."""

    def __new__(cls, value: Any = 0) -> "_Kind":
        return super().__new__(cls, cls._normal(Decimal(value)))

    @staticmethod
    def _normal(value: Decimal) -> Decimal:
        return value

    def __str__(self) -> str:
        return shown(self)

    def __format__(self, spec: str, context: Context | None = None, /) -> str:
        # f"{amount}" reads as str(amount); a format spec ("f", ".2f") formats the number.
        if not spec:
            return shown(self)
        return super().__format__(spec) if context is None else super().__format__(spec, context)

    def __repr__(self) -> str:
        return f"{type(self).__name__}('{self:f}')"

    def __reduce__(self):
        # Decimal pickles itself through str(), which here is the text people read.
        return (type(self), (format(self, "f"),))


class Euros(_Kind):
    """An amount in whole euros (rounded half up)."""

    @staticmethod
    def _normal(value: Decimal) -> Decimal:
        return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


class Percent(_Kind):
    """A share of a whole, held as a fraction (0.45) and shown in whole percents (45%)."""

    @classmethod
    def of(cls, part: int, whole: int) -> "Percent":
        return cls(Decimal(part) / Decimal(whole))

    @property
    def whole_percent(self) -> Decimal:
        return (self * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)


class Ratio(_Kind):
    """A number of times, such as the benefit per euro spent: two decimals, no unit."""

    @staticmethod
    def _normal(value: Decimal) -> Decimal:
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def shown(value: int | Decimal | float) -> str:
    """A number as a page or PDF shows it in the active language, with a real minus sign:
    14.000 for euros (the heading names the unit), 45%, 2,35, 1,5; a count as it is."""
    if isinstance(value, Percent):
        text = f"{number_format(value.whole_percent, 0)}%"
    elif isinstance(value, Euros):
        text = number_format(value, 0, force_grouping=True)
    elif isinstance(value, Ratio):
        text = number_format(value, 2)
    elif isinstance(value, Decimal | float):
        text = number_format(value, force_grouping=True)
    else:
        text = str(value)
    return with_minus(text)


def euros(value: int | Decimal | float, cents: bool = True) -> str:
    """An amount of money as people read it: € 1.234,50 (€ 1,234.50 in English), € −25,00 when
    negative; `cents=False` rounds to whole euros (€ 14.000)."""
    decimals = 2 if cents else 0
    amount = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return "€\u00a0" + with_minus(number_format(amount, decimals, force_grouping=True))
