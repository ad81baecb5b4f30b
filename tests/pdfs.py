"""What a test reads of a PDF (with pypdf): its tagging, language, title, fonts and text."""

import io
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject


@dataclass
class Pdf:
    title: str | None
    lang: str | None
    marked: bool
    structure: bool  # the catalogue has a StructTreeRoot
    tags: list[str]  # every structure element's type, in reading order (H1, P, Table, ...)
    alts: list[str]  # the alternative text of every Figure
    fonts: set[str]  # /BaseFont of every font the pages use
    embedded: bool  # every one of those fonts is embedded
    text: str  # the text of every page, its white space made single spaces
    pages: int
    display_title: bool = False
    extra: dict = field(default_factory=dict)


def _walk(node, tags: list[str], alts: list[str]) -> None:
    node = node.get_object()
    if isinstance(node, ArrayObject):
        for kid in node:
            _walk(kid, tags, alts)
        return
    if not isinstance(node, DictionaryObject):
        return  # a marked-content id
    if "/S" in node:
        tags.append(str(node["/S"])[1:])
        if node["/S"] == "/Figure":
            alts.append(str(node.get("/Alt", "")))
    if "/K" in node:
        _walk(node["/K"], tags, alts)


def _fonts(reader: PdfReader) -> tuple[set[str], bool]:
    names, embedded = set(), True
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            names.add(str(font.get("/BaseFont", "")))
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                embedded = False
    return names, embedded


def read_pdf(content: bytes) -> Pdf:
    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    tags: list[str] = []
    alts: list[str] = []
    if "/StructTreeRoot" in root:
        _walk(root["/StructTreeRoot"], tags, alts)
    fonts, embedded = _fonts(reader)
    mark_info = root.get("/MarkInfo", {})
    preferences = root.get("/ViewerPreferences", {})
    return Pdf(
        title=reader.metadata.title if reader.metadata else None,
        lang=str(root["/Lang"]) if "/Lang" in root else None,
        marked=bool(mark_info.get("/Marked", False)),
        structure="/StructTreeRoot" in root,
        tags=tags,
        alts=alts,
        fonts=fonts,
        embedded=embedded,
        text=" ".join(" ".join(page.extract_text() for page in reader.pages).split()),
        pages=len(reader.pages),
        display_title=bool(preferences.get("/DisplayDocTitle", False)),
    )


def assert_tagged(pdf: Pdf, *, lang: str, title: str) -> None:
    """A tagged PDF: structure tree, marked, in `lang`, titled `title` and showing that title,
    with headings and every font embedded."""
    assert pdf.structure, "no StructTreeRoot"
    assert pdf.marked, "MarkInfo /Marked is not true"
    assert pdf.lang == lang
    assert pdf.title == title
    assert pdf.display_title
    assert "H1" in pdf.tags
    assert pdf.fonts and pdf.embedded, pdf.fonts
