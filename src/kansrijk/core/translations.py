"""Translations people can check: how complete each participant language is, and who reviewed it.

Everything a participant sees or receives carries the message context "participant"
(`{% translate "…" context "participant" %}`, `pgettext("participant", …)`). For each language
this module counts those messages in its catalogue (locale/<code>/LC_MESSAGES/django.po):
translated, fuzzy (a guess that still needs a person), missing. A named reviewer signs a
complete catalogue off (`kansrijk translations sign`): locale/<code>/REVIEW.json keeps who, when,
and a SHA-256 over exactly the participant entries they read. When a participant message is
added or changed later, the hash no longer fits and the language reads "changed since review".
docs/translations.md tells the whole way.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation import get_language_info

PARTICIPANT = "participant"
REVIEW_FILE = "REVIEW.json"


class State:
    """Where a language's participant messages stand."""

    DRAFT = "draft"  # never signed off (or not complete)
    REVIEWED = "reviewed"  # signed off, and unchanged since
    CHANGED = "changed"  # signed off, but the messages changed since


@dataclass(frozen=True)
class Review:
    reviewer: str
    reviewed_on: str
    sha256: str


@dataclass(frozen=True)
class LanguageStatus:
    code: str
    name: str
    messages: int
    translated: int
    fuzzy: tuple[str, ...]
    missing: tuple[str, ...]
    state: str
    review: Review | None

    @property
    def complete(self) -> bool:
        return not self.fuzzy and not self.missing


def locale_dir(code: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / code


def catalogue_path(code: str) -> Path:
    return locale_dir(code) / "LC_MESSAGES" / "django.po"


def participant_entries(code: str) -> list[polib.POEntry]:
    """The catalogue's live entries with the participant context (none without a catalogue)."""
    path = catalogue_path(code)
    if not path.exists():
        return []
    catalogue = polib.pofile(str(path))
    return [entry for entry in catalogue if entry.msgctxt == PARTICIPANT and not entry.obsolete]


def label(entry: polib.POEntry) -> str:
    """How a message is named in a report: its English text, shortened."""
    text = " ".join(entry.msgid.split())
    return text if len(text) <= 70 else text[:67] + "…"


def is_translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def digest(entries: list[polib.POEntry]) -> str:
    """SHA-256 over the reviewed text: context, English and translation of every entry, sorted,
    so that the order of the file and its line wrapping do not count."""
    rows = sorted(
        json.dumps(
            [
                entry.msgctxt,
                entry.msgid,
                entry.msgid_plural,
                entry.msgstr,
                [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)],
                "fuzzy" in entry.flags,
            ],
            ensure_ascii=False,
        )
        for entry in entries
    )
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def review_of(code: str) -> Review | None:
    path = locale_dir(code) / REVIEW_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Review(data["reviewer"], data["reviewed_on"], data["sha256"])


def status(code: str) -> LanguageStatus:
    """How far the participant messages of one language are, and whether a person signed
    them off."""
    entries = participant_entries(code)
    fuzzy = tuple(label(e) for e in entries if "fuzzy" in e.flags)
    missing = tuple(label(e) for e in entries if not is_translated(e) and "fuzzy" not in e.flags)
    review = review_of(code)
    if review is None or fuzzy or missing:
        state = State.DRAFT if review is None else State.CHANGED
    else:
        state = State.REVIEWED if review.sha256 == digest(entries) else State.CHANGED
    return LanguageStatus(
        code=code,
        name=get_language_info(code)["name"],
        messages=len(entries),
        translated=sum(1 for e in entries if is_translated(e) and "fuzzy" not in e.flags),
        fuzzy=fuzzy,
        missing=missing,
        state=state,
        review=review,
    )


def statuses() -> list[LanguageStatus]:
    """Every participant language (settings.LANGUAGES), the default language first."""
    return [status(code) for code, _name in settings.LANGUAGES]


class NotComplete(Exception):
    """Only a complete catalogue (nothing missing, nothing fuzzy) can be signed off."""


def sign(code: str, *, reviewer: str, on: dt.date) -> Review:
    """Record that `reviewer` read and approved this language's participant messages as they
    are now: writes locale/<code>/REVIEW.json."""
    if code not in dict(settings.LANGUAGES):
        raise NotComplete(f"{code!r} is not one of the languages in settings.LANGUAGES.")
    reviewer = " ".join(reviewer.split())
    if not reviewer:
        raise NotComplete("Name the reviewer: a person signs the translation off.")
    current = status(code)
    if not current.messages:
        raise NotComplete(f"{catalogue_path(code)} holds no participant messages.")
    if not current.complete:
        raise NotComplete(
            f"{code}: {len(current.missing)} participant messages are not translated and "
            f"{len(current.fuzzy)} are fuzzy; translate them before signing off."
        )
    review = Review(reviewer, on.isoformat(), digest(participant_entries(code)))
    data = {
        "language": code,
        "reviewer": review.reviewer,
        "reviewed_on": review.reviewed_on,
        "participant_messages": current.messages,
        "sha256": review.sha256,
    }
    path = locale_dir(code) / REVIEW_FILE
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return review
