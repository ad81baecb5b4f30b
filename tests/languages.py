"""Languages the product speaks before their catalogue is written.

Django activates a language (LocaleMiddleware, format modules) only when some catalogue of it
exists. Django has none for Tigrinya; until `locale/ti` is written, `tigrinya_known` puts an
empty catalogue in its place, so its pages and formats can be tested (their words are Dutch).
"""

import struct

import pytest
from django.conf import settings
from django.test.utils import override_settings
from django.utils.formats import reset_format_cache
from django.utils.translation import check_for_language, trans_real


def empty_catalogue(path) -> None:
    """A .mo file holding only its header: enough for Django to know the language."""
    header = b"Content-Type: text/plain; charset=UTF-8\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    # magic, revision, one string, where its original and translation are described, no hash
    # table; then (length, offset) of the empty original and of the header, and the two texts.
    path.write_bytes(
        struct.pack("<7I", 0x950412DE, 0, 1, 28, 36, 0, 44)
        + struct.pack("<2I", 0, 44)
        + struct.pack("<2I", len(header), 45)
        + b"\0"
        + header
        + b"\0"
    )


def _forget() -> None:
    trans_real._get_supported_language_variant.cache_clear()
    reset_format_cache()


@pytest.fixture
def tigrinya_known(tmp_path):
    if check_for_language("ti"):
        yield
        return
    empty_catalogue(tmp_path / "ti" / "LC_MESSAGES" / "django.mo")
    with override_settings(LOCALE_PATHS=[*settings.LOCALE_PATHS, tmp_path]):
        _forget()
        assert check_for_language("ti")
        yield
    _forget()
