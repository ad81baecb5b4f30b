"""Catalogues people can check: complete, not fuzzy, signed off by a named reviewer.

`test_every_participant_message_is_translated` fails for a language with an untranslated or
fuzzy participant-facing message and names them. While the translators' work for a language is
not in yet, this test fails for it: that is its job, not a reason to skip it.
"""

import datetime as dt
import json
import shutil
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

import kansrijk
from kansrijk.core import translations
from kansrijk.core.translations import PARTICIPANT, State, catalogue_path, sign, status

LOCALE = Path(kansrijk.__file__).parent / "locale"
PARTICIPANT_LANGUAGES = [code for code, _name in settings.LANGUAGES]
# gettext's plural forms per language (Django's own catalogues give the same counts; Polish and
# Ukrainian may count a fourth form for fractions).
PLURAL_FORMS = {"nl": {2}, "en": {2}, "ar": {6}, "tr": {2}, "pl": {3, 4}, "uk": {3, 4}, "ti": {2}}


def test_staff_speak_dutch_and_english_and_participants_more():
    assert settings.STAFF_LANGUAGES == ("nl", "en")
    assert {"nl", "en", "ar", "tr", "pl", "uk", "ti"} <= set(PARTICIPANT_LANGUAGES)


@pytest.mark.parametrize("code", PARTICIPANT_LANGUAGES)
def test_every_participant_language_has_a_catalogue_with_the_right_plural_forms(code):
    catalogue = polib.pofile(str(catalogue_path(code)))
    assert catalogue.metadata["Language"] == code
    plural = catalogue.metadata["Plural-Forms"]
    count = int(plural.split("nplurals=")[1].split(";")[0])
    assert count in PLURAL_FORMS.get(code, {count}), f"{code}: {plural}"
    assert catalogue_path(code).with_suffix(".mo").exists(), f"{code}: compile the catalogue"


@pytest.mark.parametrize("code", PARTICIPANT_LANGUAGES)
def test_every_participant_message_is_translated(code):
    row = status(code)
    assert row.messages > 100, f"{code}: the catalogue lacks the participant messages"
    assert not row.missing and not row.fuzzy, (
        f"{code}: {len(row.missing)} participant messages not translated, {len(row.fuzzy)} "
        "fuzzy:\n"
        + "\n".join(f"  missing: {m}" for m in row.missing[:40])
        + "".join(f"\n  fuzzy: {m}" for m in row.fuzzy[:40])
    )


def test_every_language_has_the_same_participant_messages():
    dutch = {(e.msgid, e.msgid_plural) for e in translations.participant_entries("nl")}
    for code in PARTICIPANT_LANGUAGES:
        theirs = {(e.msgid, e.msgid_plural) for e in translations.participant_entries(code)}
        assert theirs == dutch, f"{code}: run `make messages` (makemessages --all)"


def test_the_dutch_catalogue_is_complete_for_every_message():
    catalogue = polib.pofile(str(catalogue_path("nl")))
    live = [e for e in catalogue if not e.obsolete]
    fuzzy = [e.msgid for e in live if "fuzzy" in e.flags]
    missing = [e.msgid for e in live if not translations.is_translated(e)]
    assert not fuzzy and not missing, f"fuzzy: {fuzzy[:20]}\nmissing: {missing[:20]}"


def test_participant_messages_say_the_same_in_english():
    for entry in translations.participant_entries("en"):
        assert entry.msgstr == entry.msgid or entry.msgid_plural, entry.msgid


# ---- review and sign-off, on a copy of the locale folder ----


@pytest.fixture
def locale(tmp_path, settings):
    for code in ("nl", "ar"):
        (tmp_path / code / "LC_MESSAGES").mkdir(parents=True)
        shutil.copy(catalogue_path(code), tmp_path / code / "LC_MESSAGES" / "django.po")
    settings.LOCALE_PATHS = [tmp_path]
    settings.LANGUAGES = [("nl", "Dutch"), ("ar", "Arabic")]
    return tmp_path


def _translate_all(locale: Path, code: str) -> None:
    path = locale / code / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    for entry in catalogue:
        if entry.msgctxt == PARTICIPANT:
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            if entry.msgid_plural:
                entry.msgstr_plural = dict.fromkeys(range(6), f"[{code}] {entry.msgid}")
            else:
                entry.msgstr = f"[{code}] {entry.msgid}"
    catalogue.save()


def _untranslate_one(locale: Path, code: str) -> None:
    path = locale / code / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    entry = next(e for e in catalogue if e.msgctxt == PARTICIPANT and not e.msgid_plural)
    entry.msgstr = ""
    catalogue.save()


def test_no_language_in_the_repository_is_marked_reviewed_without_a_reviewer():
    for code in PARTICIPANT_LANGUAGES:
        row = status(code)
        assert (row.state == State.DRAFT) == (row.review is None)


def test_a_language_without_a_review_is_a_draft(locale):
    assert status("ar").state == State.DRAFT
    assert status("nl").state == State.DRAFT


def test_an_incomplete_language_cannot_be_signed_off(locale):
    _untranslate_one(locale, "ar")
    with pytest.raises(translations.NotComplete, match="not translated"):
        sign("ar", reviewer="Amal Haddad", on=dt.date(2026, 12, 1))
    assert not (locale / "ar" / "REVIEW.json").exists()


def test_signing_off_records_who_when_and_a_hash_of_what_was_read(locale):
    _translate_all(locale, "ar")

    sign("ar", reviewer="  Amal   Haddad ", on=dt.date(2026, 12, 1))

    review = json.loads((locale / "ar" / "REVIEW.json").read_text())
    assert review["reviewer"] == "Amal Haddad"
    assert review["reviewed_on"] == "2026-12-01"
    assert review["sha256"] == translations.digest(translations.participant_entries("ar"))
    assert status("ar").state == State.REVIEWED


def test_a_changed_translation_after_the_review_says_so(locale):
    _translate_all(locale, "ar")
    sign("ar", reviewer="Amal Haddad", on=dt.date(2026, 12, 1))
    path = locale / "ar" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    entry = next(e for e in catalogue if e.msgctxt == PARTICIPANT and not e.msgid_plural)
    entry.msgstr = "something else"
    catalogue.save()

    assert status("ar").state == State.CHANGED


def test_a_fuzzy_message_after_the_review_makes_it_changed_and_is_named(locale):
    _translate_all(locale, "ar")
    sign("ar", reviewer="Amal Haddad", on=dt.date(2026, 12, 1))
    path = locale / "ar" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    entry = next(e for e in catalogue if e.msgctxt == PARTICIPANT and not e.msgid_plural)
    entry.flags.append("fuzzy")
    catalogue.save()

    row = status("ar")
    assert row.state == State.CHANGED
    assert row.fuzzy == (translations.label(entry),)


def test_the_command_signs_and_prints_the_status(locale):
    _translate_all(locale, "ar")
    out = StringIO()

    call_command(
        "translations", "sign", "--language", "ar", "--reviewer", "Amal Haddad", stdout=out
    )
    call_command("translations", "status", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("ar: signed off by Amal Haddad")
    ar = next(line for line in lines if line.startswith("ar Arabic"))
    assert "reviewed (Amal Haddad," in ar
    nl = next(line for line in lines if line.startswith("nl Dutch"))
    assert nl.endswith("draft")


def test_the_command_refuses_an_incomplete_language(locale):
    _untranslate_one(locale, "ar")
    with pytest.raises(CommandError, match="not translated"):
        call_command("translations", "sign", "--language", "ar", "--reviewer", "Amal Haddad")


def test_the_command_refuses_a_language_that_is_not_offered(locale):
    with pytest.raises(CommandError, match="not one of the languages"):
        call_command("translations", "sign", "--language", "de", "--reviewer", "Amal Haddad")
