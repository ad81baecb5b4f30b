"""The A4 document every PDF of kansrijk starts from (fpdf2): font, margins, footer, Latin-1.

The document embeds settings.RIGHTS_PDF_FONT when that TrueType file exists, so every name prints
as it is written; otherwise it uses the built-in Helvetica, which knows only Latin-1, and
`latin1_safe` writes other characters as their nearest Latin-1 letters (Ş → S, ł → l, – → -).
"""

import logging
import unicodedata
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from fpdf import FPDF

# Typographic characters the built-in fonts lack, with what to print instead.
_REPLACEMENTS = {
    "‘": "'",
    "’": "'",
    "‚": ",",
    "“": '"',
    "”": '"',
    "„": '"',
    "–": "-",
    "—": "-",
    "…": "...",
    "•": "-",
    "→": "->",
    "€": "EUR",
    "ł": "l",
    "Ł": "L",
    "ı": "i",
    "đ": "d",
    "Đ": "D",
    "œ": "oe",
    "Œ": "OE",
    "\u00a0": " ",
    "\u202f": " ",
}

# fontTools logs every table it trims from the embedded font at INFO: one PDF would fill the log.
logging.getLogger("fontTools").setLevel(logging.WARNING)

GREY = (74, 85, 99)
HEADING_FILL = (227, 240, 242)


def latin1_safe(text: str) -> str:
    """The text with every character outside Latin-1 replaced by a close equivalent."""
    out = []
    for char in text:
        if char in _REPLACEMENTS:
            out.append(_REPLACEMENTS[char])
        elif ord(char) < 256:
            out.append(char)
        else:
            # Ş → S + cedilla, ğ → g + breve: keep the letter, drop the mark.
            base = unicodedata.normalize("NFKD", char)
            kept = "".join(c for c in base if ord(c) < 256 and not unicodedata.combining(c))
            out.append(kept or "?")
    return "".join(out)


def _bold_variant(regular: Path) -> Path:
    """DejaVuSans.ttf → DejaVuSans-Bold.ttf, or the regular file when there is no bold one."""
    bold = regular.with_name(f"{regular.stem}-Bold{regular.suffix}")
    return bold if bold.is_file() else regular


class Document(FPDF):
    """A4 portrait with the body font in `body_font` and "title · page n of m" at the foot.

    `footer_line` empty leaves the foot of the page blank (a certificate has none).
    """

    def __init__(self, *, footer_line: str = "", margin: float = 18) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_line = footer_line
        self.set_margins(margin, margin, margin)
        self.set_auto_page_break(auto=True, margin=margin)
        font = Path(settings.RIGHTS_PDF_FONT) if settings.RIGHTS_PDF_FONT else None
        if font is not None and font.is_file():
            self.add_font("body", "", str(font))
            self.add_font("body", "B", str(_bold_variant(font)))
            self.body_font = "body"
        else:
            self.body_font = "helvetica"
        self.set_font(self.body_font, size=10)
        self.set_author("kansrijk")
        self.set_creator("kansrijk")

    def normalize_text(self, text: str) -> str:
        # Every text passes here before it is written: the one place to make it fit the font.
        if not self.is_ttf_font:
            text = latin1_safe(text)
        return super().normalize_text(text)

    def footer(self) -> None:
        if not self.footer_line:
            return
        self.set_y(-12)
        self.set_font(self.body_font, size=8)
        self.set_text_color(*GREY)
        page = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 6, f"{self.footer_line} · {page}", align="C")
        self.set_text_color(0)
