"""The languages kansrijk speaks, and the one place that says which language is hers.

Staff pages speak STAFF_LANGUAGES (Dutch and English). A participant's own pages, and everything
printed for or sent to her (e-mails, letters, the printable plan, the export of her data), speak
the language stored with her household (`Household.language`), any of settings.LANGUAGES: a
catalogue dropped into locale/ adds one (docs/translations.md).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info


def participant_languages() -> list[tuple[str, str]]:
    """(code, name) of every language a participant may choose, the default language first."""
    return list(settings.LANGUAGES)


def participant_language_codes() -> list[str]:
    return [code for code, _name in participant_languages()]


def staff_languages() -> list[tuple[str, str]]:
    """(code, name) of the languages of staff pages."""
    return [(code, name) for code, name in settings.LANGUAGES if code in settings.STAFF_LANGUAGES]


def participant_language(code: str | None) -> str | None:
    """The code if it is a participant language, else None (for input from a URL or a form)."""
    return code if code in participant_language_codes() else None


def local_name(code: str) -> str:
    """The language's name in itself ("العربية", "Türkçe"), as a language switch shows it."""
    return get_language_info(code)["name_local"]


def her_language(household) -> str:
    """The language of everything a participant sees or receives: the one stored with her
    household, or the default language when none (or one no longer offered) is stored."""
    return participant_language(getattr(household, "language", None)) or settings.LANGUAGE_CODE


@contextmanager
def in_her_language(household) -> Iterator[str]:
    """Render what is sent to or printed for her in her language: `with in_her_language(h):`."""
    language = her_language(household)
    with translation.override(language):
        yield language
