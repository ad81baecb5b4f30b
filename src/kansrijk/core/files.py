"""Files people upload (a scanned consent form, an agency's letter, a VOG): checked, cleaned,
kept encrypted and handed back safely. One mechanism for every app that keeps a file.

- A file is a PDF, JPEG or PNG by what it holds, never by its name or the Content-Type the
  browser sent: its first bytes must say so and the whole file must open (pypdf, Pillow).
- A photo or scan is drawn again into a new file, so what the camera wrote into it (EXIF with
  the place and time it was taken, GPS, the phone's name, comments) stays behind.
- The name a person's computer gave the file is never used as a path: it is cleaned into a
  name to show and to suggest when downloading; the file itself lives in the database
  (`StoredFile`), encrypted with the notes' keys (`core.fields.EncryptedBinaryField`).
- An upload never touches the disk unencrypted (`InMemoryUploadHandler`), and what goes past
  `DOCUMENT_MAX_BYTES` is not even kept in memory.
"""

import io
import re
import unicodedata
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.db import models
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .fields import EncryptedBinaryField, EncryptedTextField
from .models import PublicIdModel


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"


MEDIA_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.JPEG: "image/jpeg",
    FileKind.PNG: "image/png",
}
EXTENSIONS = {FileKind.PDF: "pdf", FileKind.JPEG: "jpg", FileKind.PNG: "png"}
# What every such file starts with (its "magic bytes").
_MAGIC = {
    FileKind.PDF: b"%PDF-",
    FileKind.JPEG: b"\xff\xd8\xff",
    FileKind.PNG: b"\x89PNG\r\n\x1a\n",
}
# A scan of an A4 page at 600 dpi is about 35 million pixels; far more is a trick to fill the
# memory of the server ("decompression bomb"), not a letter.
MAX_PIXELS = 60_000_000
NAME_LENGTH = 80


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed: its (cleaned) content, what it is, and a safe name to show."""

    content: bytes
    kind: FileKind
    name: str


def _kind_of(head: bytes) -> FileKind | None:
    return next((kind for kind, magic in _MAGIC.items() if head.startswith(magic)), None)


def _checked_pdf(content: bytes) -> bytes:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise ValidationError(
                _(
                    "This PDF is locked with a password. Save it without the password and try again."
                ),
                code="locked",
            )
        if len(reader.pages) < 1:
            raise ValueError("no pages")
        reader.pages[0].mediabox  # noqa: B018  (reading the first page proves it opens)
    except ValidationError:
        raise
    except Exception:  # pypdf raises many kinds on a broken file; each means the same here
        raise ValidationError(
            _("This PDF cannot be opened. It may be damaged. Scan or save it again."),
            code="broken",
        ) from None
    return content


def _redrawn_image(content: bytes, kind: FileKind) -> bytes:
    """The picture drawn again into a new file: none of the original's metadata comes along."""
    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise ValueError("too many pixels")
                image.load()
                # A phone stores "rotate me" in EXIF; apply it before EXIF goes.
                upright = ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning):
        raise ValidationError(
            _(
                "This picture cannot be opened. It may be damaged or very large. Take or save it again."
            ),
            code="broken",
        ) from None
    upright.info = {}  # nothing of the original's chunks and segments is written again
    output = io.BytesIO()
    if kind == FileKind.JPEG:
        mode = upright.mode if upright.mode in ("RGB", "L") else "RGB"
        upright.convert(mode).save(output, format="JPEG", quality=90)
    else:
        upright.save(output, format="PNG", optimize=True)
    return output.getvalue()


def display_name(original: str, kind: FileKind) -> str:
    """A name to show and to offer when downloading: letters, digits and a few signs of the
    name the file had, without folders, with the extension of what the file really is."""
    base = re.split(r"[\\/]", original or "")[-1]
    base = unicodedata.normalize("NFKC", base)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = "".join(c if c.isalnum() or c in " -_()," else " " for c in stem)
    stem = re.sub(r"\s+", " ", stem).strip(" -_,")[:NAME_LENGTH].strip()
    return f"{stem or _('document')}.{EXTENSIONS[kind]}"


def checked_upload(upload: UploadedFile) -> CheckedFile:
    """The upload as a PDF, JPEG or PNG to keep; anything else raises a ValidationError."""
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("This file is too big. The most is %(size)s MB.") % {"size": limit // 1_000_000},
            code="too_big",
        )
    content = upload.read()
    kind = _kind_of(content[:16])
    if kind is None:
        raise ValidationError(
            _("This is not a PDF, JPEG or PNG file. Scan the paper as a PDF, or take a photo."),
            code="kind",
        )
    content = _checked_pdf(content) if kind == FileKind.PDF else _redrawn_image(content, kind)
    return CheckedFile(content=content, kind=kind, name=display_name(upload.name or "", kind))


def attachment(content: bytes, kind: str, name: str) -> HttpResponse:
    """A download that is saved, never shown or guessed by the browser, and never kept in a
    cache (a shared family phone, a desk at the town hall)."""
    response = HttpResponse(content, content_type=MEDIA_TYPES[FileKind(kind)])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class InMemoryUploadHandler(MemoryFileUploadHandler):
    """Keeps an uploaded file in memory, never in a temporary file on disk (it is personal
    data, stored only encrypted). Past DOCUMENT_MAX_BYTES the rest is counted, not kept: the
    size still says it was too big."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = True

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start + len(raw_data) > settings.DOCUMENT_MAX_BYTES:
            return None
        return super().receive_data_chunk(raw_data, start)


class StoredFile(PublicIdModel):
    """A checked file (`checked_upload`), kept in the database and encrypted, so no file is
    ever served from a path, and erasure, backups and key rotation cover it like any note."""

    name = EncryptedTextField(gettext_lazy("name"))
    kind = models.CharField(gettext_lazy("kind of file"), max_length=4, choices=FileKind.choices)
    size = models.PositiveIntegerField(gettext_lazy("size in bytes"))
    uploaded_at = models.DateTimeField(gettext_lazy("added at"), auto_now_add=True)
    # Each model declares it as its last field (`content_field()`), after its own.
    content: bytes

    class Meta:
        abstract = True

    def keep(self, checked: CheckedFile) -> None:
        """Take the checked file's content and what is known about it."""
        self.name, self.kind = checked.name, checked.kind
        self.content, self.size = checked.content, len(checked.content)


def content_field() -> EncryptedBinaryField:
    """The file itself, declared as a model's last field and given the table's last column (in
    its migration, move it after the relations makemigrations puts last): a list of files
    defers it, and the database then reads nothing of it (SQLite walks a long value only to
    reach a column after it)."""
    return EncryptedBinaryField(gettext_lazy("content"))
