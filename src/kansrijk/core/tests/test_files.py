"""Uploaded files are judged by what they hold, cleaned of what a camera wrote into them, and
handed back as a download that no browser shows, guesses or keeps."""

import contextlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import StopFutureHandlers
from PIL import Image
from pypdf import PdfReader

from kansrijk.core.files import (
    FileKind,
    InMemoryUploadHandler,
    attachment,
    checked_upload,
    display_name,
)
from tests.files import GPS_PLACE, jpeg_with_exif, pdf_bytes, png_bytes, upload


def _refusal(name: str, content: bytes, content_type: str = "application/pdf") -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        checked_upload(upload(name, content, content_type))
    return refused.value


def test_a_pdf_is_kept_as_it_is_with_a_clean_name():
    content = pdf_bytes("Toestemming")

    checked = checked_upload(upload("toestemming.pdf", content))

    assert (checked.kind, checked.name, checked.content) == (
        FileKind.PDF,
        "toestemming.pdf",
        content,
    )
    assert "Toestemming" in PdfReader(io.BytesIO(checked.content)).pages[0].extract_text()


def test_a_png_renamed_to_pdf_is_taken_for_the_png_it_is():
    checked = checked_upload(upload("scan.pdf", png_bytes(), "application/pdf"))

    assert checked.kind == FileKind.PNG
    assert checked.name == "scan.png"
    with Image.open(io.BytesIO(checked.content)) as image:
        assert image.format == "PNG"


def test_a_text_file_named_pdf_is_refused():
    refusal = _refusal("brief.pdf", b"Dear participant,\nthis is not a PDF.\n")

    assert refusal.code == "kind"
    assert "not a PDF, JPEG or PNG" in refusal.message


def test_a_pdf_that_cannot_be_opened_is_refused():
    refusal = _refusal("brief.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 200)

    assert refusal.code == "broken"


def test_a_picture_that_cannot_be_opened_is_refused():
    refusal = _refusal("foto.png", png_bytes()[:40], "image/png")

    assert refusal.code == "broken"


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings):
    settings.DOCUMENT_MAX_BYTES = 1_000_000

    refusal = _refusal("groot.pdf", pdf_bytes() + b" " * 1_000_000)

    assert refusal.code == "too_big"
    assert "1 MB" in refusal.message


def test_a_photo_loses_its_exif_and_gps_but_keeps_its_picture():
    original = jpeg_with_exif()
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get(0x010F) == "PhoneMaker"  # the test's photo does carry EXIF

    checked = checked_upload(upload("IMG_2041.jpg", original, "image/jpeg"))

    assert checked.kind == FileKind.JPEG
    with Image.open(io.BytesIO(checked.content)) as after:
        assert dict(after.getexif()) == {}
        assert "exif" not in after.info
        assert after.size == (60, 40)
    for trace in (b"Exif", b"PhoneMaker", GPS_PLACE.encode(), b"2026:03:02"):
        assert trace not in checked.content


def test_a_png_loses_its_text_chunks():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Fatima uit Beijum")
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="PNG", pnginfo=info)

    checked = checked_upload(upload("scan.png", buffer.getvalue(), "image/png"))

    assert b"Fatima" not in checked.content


@pytest.mark.parametrize(
    ("original", "shown"),
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\bas\\Brief gemeente.PDF", "Brief gemeente.pdf"),
        ('brief"; filename="x.html', "brief filename x.pdf"),
        ("<b>brief</b>.pdf", "b.pdf"),  # a slash ends a folder's name, wherever it stands
        ("<script>alert(1)<script>.pdf", "script alert(1) script.pdf"),
        ("", "document.pdf"),
        ("...", "document.pdf"),
        ("brief\r\nSet-Cookie: x.pdf", "brief Set-Cookie x.pdf"),
        ("a" * 300 + ".pdf", "a" * 80 + ".pdf"),
    ],
)
def test_a_name_is_cleaned_of_folders_and_signs(original, shown):
    assert display_name(original, FileKind.PDF) == shown


def test_a_download_is_saved_never_shown_sniffed_or_kept():
    response = attachment(b"%PDF-1.4", "pdf", "Brief gemeente.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Brief gemeente.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_name_in_other_letters_is_offered_in_utf8():
    response = attachment(b"\x89PNG", "png", "Toestemming één.png")

    assert "filename*=utf-8''Toestemming%20%C3%A9%C3%A9n.png" in response["Content-Disposition"]


def test_an_upload_past_the_limit_is_counted_but_not_kept_in_memory(settings):
    settings.DOCUMENT_MAX_BYTES = 1_000
    handler = InMemoryUploadHandler()
    handler.handle_raw_input(None, {}, 10_000_000, b"boundary")
    with contextlib.suppress(StopFutureHandlers):  # it takes the file: no other handler needed
        handler.new_file("file", "groot.pdf", "application/pdf", 10_000_000)
    start = 0
    for _ in range(10):
        chunk = b"%" * 600
        handler.receive_data_chunk(chunk, start)
        start += len(chunk)

    upload = handler.file_complete(start)

    assert upload.size == 6_000
    assert len(upload.read()) <= 1_000
    with pytest.raises(ValidationError):
        checked_upload(upload)
