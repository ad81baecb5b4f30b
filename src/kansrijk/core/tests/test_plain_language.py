"""The Dutch that participants read is plain: B1, measured with Flesch–Douma.

Flesch–Douma is the Flesch reading ease re-weighted for Dutch (Douma 1960):
206.835 − 0.93 × (words per sentence) − 77 × (syllables per word); textstat computes it with
`set_lang("nl")` (syllables from Dutch hyphenation). Its scale: 0–30 very hard, 30–45 hard,
45–60 fairly hard, 60–70 normal, 70–80 fairly easy, above 80 easy. A text for B1 readers
scores 60 or more; docs/translations.md explains the units and the threshold.

A score needs enough words to mean something, so the units are: every participant message of
at least LONG words on its own (explanations, e-mails, the paragraphs of a page), and all
shorter ones (labels, buttons, headings) together as one text, each a sentence of its own.
The test names every text under the threshold: rewrite its Dutch, do not lower the bar.
"""

import re

import polib
import pytest

from kansrijk.core.translations import PARTICIPANT, catalogue_path

textstat = pytest.importorskip("textstat", reason="textstat is a test dependency (pip .[test])")

B1 = 60
LONG = 12  # words: a message this long is scored on its own


def _plain(text: str) -> str:
    """The words a reader reads: placeholders become a short name, tags go."""
    text = re.sub(r"%\(\w+\)[sd]", "Sam", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.split())


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _dutch_participant_texts() -> list[str]:
    catalogue = polib.pofile(str(catalogue_path("nl")))
    texts = []
    for entry in catalogue:
        if entry.msgctxt != PARTICIPANT or entry.obsolete:
            continue
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        texts += [_plain(form) for form in forms if form]
    return texts


def _score(text: str) -> float:
    textstat.set_lang("nl")
    return textstat.flesch_reading_ease(text)


def _units() -> list[tuple[str, str]]:
    texts = _dutch_participant_texts()
    units = [(text, text) for text in texts if _words(text) >= LONG]
    short = [text if text[-1:] in ".?!:" else text + "." for text in texts if _words(text) < LONG]
    units.append(("all short texts together (labels, buttons, headings)", " ".join(short)))
    return units


def test_textstat_scores_dutch_with_the_douma_formula():
    # 1 sentence of 4 words with 6 syllables (je af-spraak is mor-gen): 206.835 − 0.93 × 4 −
    # 77 × 6/4. English Flesch would give 206.835 − 1.015 × 4 − 84.6 × 6/4 instead.
    expected = 206.835 - 0.93 * 4 - 77 * 6 / 4
    assert _score("Je afspraak is morgen.") == pytest.approx(expected, abs=0.01)


def test_a_hard_text_scores_under_the_threshold():
    hard = (
        "Overeenkomstig de toepasselijke privacywetgeving worden uw persoonsgegevens "
        "uitsluitend verwerkt ten behoeve van de uitvoering van de dienstverleningsovereenkomst."
    )
    assert _score(hard) < B1


def test_the_dutch_texts_participants_read_are_b1():
    units = _units()
    assert len(units) > 10, "no participant texts found in the Dutch catalogue"
    too_hard = [(round(_score(text)), name) for name, text in units if _score(text) < B1]
    assert not too_hard, f"Flesch–Douma under {B1} (rewrite the Dutch in plainer words):\n" + (
        "\n".join(f"  {score}: {name}" for score, name in sorted(too_hard))
    )
