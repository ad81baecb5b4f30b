"""Every PDF of kansrijk: a Django template rendered by WeasyPrint into a tagged A4 PDF.

One engine for the council's report, the participant's own export and the buddy's certificate.
A document extends `core/pdf/base.html`, which sets the page (A4, margins, "title · page n of m"
at the foot), the print style (the design tokens of the web pages) and, on the `<html>` element,
the active language and its writing direction, so Arabic runs right to left.

The PDF is tagged: it has a structure tree (headings, paragraphs, lists, tables with their
header cells, figures with their alternative text from an SVG's `<title>` or an image's `alt`),
`/MarkInfo` marked, `/Lang` the active language and the document's title shown as its title.
That serves screen readers and the accessibility rules for government publications; no claim to
a certified conformance (PDF/UA) is made or written into the file.

Fonts are embedded (subset). Arabic and Ge'ez (Tigrinya) letters come from the Noto Sans Arabic
and Noto Sans Ethiopic subsets shipped in the static files (`SCRIPT_FONTS`, the same files the web
pages use), so a PDF in Arabic or Tigrinya needs no font installed on the machine. Everything else
is in the body font, settings.RIGHTS_PDF_FONT (Debian's DejaVu Sans by default, which holds Latin,
Greek and Cyrillic) with its bold twin when that exists; a letter neither has comes from the fonts
fontconfig knows. Without that file the fonts fontconfig finds are used.

Nothing is fetched from outside: the only addresses a document may load are the font files and
`data:` URLs.
"""

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

# After the body font, for letters it lacks; fontconfig also falls back on its own.
FALLBACK_FAMILIES = (
    '"DejaVu Sans", "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", '
    '"Noto Sans Ethiopic", "Abyssinica SIL", "Liberation Sans", sans-serif'
)


# The shipped fonts for scripts the body font lacks or writes poorly: (family, static file of the
# regular and bold weight, the letters it serves). The web pages' @font-face rules (kansrijk.css)
# name the same files and ranges.
SCRIPT_FONTS = (
    (
        "kansrijk Arabic",
        "kansrijk/fonts/NotoSansArabic-Regular.woff2",
        "kansrijk/fonts/NotoSansArabic-Bold.woff2",
        "U+0600-06FF, U+200C-200F, U+25CC",
    ),
    (
        "kansrijk Ethiopic",
        "kansrijk/fonts/NotoSansEthiopic-Regular.woff2",
        "kansrijk/fonts/NotoSansEthiopic-Bold.woff2",
        "U+1200-137F",
    ),
)


def _static_file(name: str) -> Path:
    found = finders.find(name)
    if not found:
        raise FileNotFoundError(f"the static file {name} is missing")
    return Path(found if isinstance(found, str) else found[0])


def script_font_faces() -> list[tuple[str, str, Path, str]]:
    """(family, weight, file, unicode-range) of every shipped script font."""
    return [
        (family, weight, _static_file(name), letters)
        for family, regular, bold, letters in SCRIPT_FONTS
        for weight, name in (("normal", regular), ("bold", bold))
    ]


def body_font() -> Path | None:
    """The TrueType file named by settings.RIGHTS_PDF_FONT, when it exists."""
    font = Path(settings.RIGHTS_PDF_FONT) if settings.RIGHTS_PDF_FONT else None
    return font if font is not None and font.is_file() else None


def _bold_variant(regular: Path) -> Path:
    """DejaVuSans.ttf → DejaVuSans-Bold.ttf, or the regular file when there is no bold one."""
    bold = regular.with_name(f"{regular.stem}-Bold{regular.suffix}")
    return bold if bold.is_file() else regular


def _css_string(text: str) -> str:
    """Text as a quoted CSS string."""
    escaped = re.sub(r"[\r\n\f]", " ", text.replace("\\", "\\\\").replace('"', '\\"'))
    return f'"{escaped}"'


def _footer_css(footer: str) -> str:
    """ "footer · Page n of m" at the foot of every page, in the active language."""
    if not footer:
        return ""
    page_of = _("Page %(page)s of %(pages)s") % {"page": "\x00", "pages": "\x01"}
    before, rest = page_of.split("\x00")
    between, after = rest.split("\x01")
    content = " ".join(
        (
            _css_string(f"{footer} · {before}"),
            "counter(page)",
            _css_string(between),
            "counter(pages)",
            _css_string(after),
        )
    )
    return (
        "@page { @bottom-center { content: " + content + "; font-size: 7.5pt; "
        "color: #4a5563; vertical-align: top; padding-top: 4mm; } }\n"
    )


def _font_css(font: Path | None) -> str:
    faces = "".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
        f'src: url("{path.as_uri()}"); unicode-range: {letters}; }}\n'
        for family, weight, path, letters in script_font_faces()
    )
    scripts = ", ".join(f'"{family}"' for family, *_rest in SCRIPT_FONTS)
    if font is not None:
        faces += "".join(
            f'@font-face {{ font-family: "kansrijk body"; font-weight: {weight}; '
            f'src: url("{path.as_uri()}"); }}\n'
            for weight, path in (("normal", font), ("bold", _bold_variant(font)))
        )
        families = f'{scripts}, "kansrijk body", {FALLBACK_FAMILIES}'
    else:
        families = f"{scripts}, {FALLBACK_FAMILIES}"
    return f"{faces}html {{ font-family: {families}; }}\n@page {{ font-family: {families}; }}\n"


class _LocalOnly(URLFetcher):
    """Loads the font files and `data:` URLs, nothing else (no file or host a text could name)."""

    def __init__(self, allowed: set[str]) -> None:
        super().__init__(allowed_protocols={"file", "data"})
        self._allowed = allowed

    def fetch(self, url, headers=None):
        if url.startswith("file:") and url.split("?")[0] not in self._allowed:
            raise ValueError(f"not a font of kansrijk: {url}")
        return super().fetch(url, headers)


def document_context(title: str) -> dict[str, str]:
    """What `core/pdf/base.html` needs: the title, the active language and its direction."""
    return {
        "pdf_title": title,
        "pdf_lang": translation.get_language() or settings.LANGUAGE_CODE,
        "pdf_dir": "rtl" if translation.get_language_bidi() else "ltr",
    }


def render_pdf(
    template_name: str,
    context: dict[str, Any],
    *,
    title: str,
    footer: str = "",
    stylesheets: Sequence[str] = (),
) -> bytes:
    """The template rendered as a tagged A4 PDF with `title` as its document title, in the
    active language (its `lang` and direction on the document), with `footer` and the page
    number at the foot of every page (none when empty). The style is `core/pdf/print.css` and
    the `stylesheets` named after it (template names: the templates hold no style element)."""
    html = render_to_string(template_name, {**context, **document_context(title)})
    font = body_font()
    allowed = {p.as_uri() for p in (font, _bold_variant(font))} if font else set()
    allowed |= {path.as_uri() for _family, _weight, path, _letters in script_font_faces()}
    fonts = FontConfiguration()
    fetcher = _LocalOnly(allowed)
    document = HTML(string=html, url_fetcher=fetcher)
    css = "\n".join(render_to_string(name) for name in ("core/pdf/print.css", *stylesheets))
    stylesheet = CSS(
        string=css + _font_css(font) + _footer_css(footer),
        font_config=fonts,
        url_fetcher=fetcher,
    )
    return document.write_pdf(
        stylesheets=[stylesheet],
        font_config=fonts,
        # The HTML's own width attributes (a table's columns) count, as in a browser.
        presentational_hints=True,
        pdf_tags=True,
        pdf_version="1.7",
    )
