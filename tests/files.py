"""Small files for the documents' tests, made on the spot: a PDF with a line of text, a PNG, a
JPEG that a phone would send (with EXIF: where and when it was taken), and an upload of each."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def pdf_bytes(text: str = "Toestemming getekend") -> bytes:
    """A one-page PDF whose text pypdf reads back (plain ASCII, no compression)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def png_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


GPS_PLACE = "Beijum"  # written into the photo's EXIF as where it was taken


def jpeg_with_exif() -> bytes:
    """A photo as a phone sends it: EXIF with the camera, the time and GPS coordinates."""
    image = Image.new("RGB", (60, 40), (200, 180, 150))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    exif[0x0132] = "2026:03:02 10:11:12"  # DateTime
    exif[0x010E] = f"Brief deurwaarder, {GPS_PLACE}"  # ImageDescription
    exif[0x8825] = {1: "N", 2: (53.0, 14.0, 30.0), 3: "E", 4: (6.0, 37.0, 10.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
