"""One way to catch concurrent edits: the versioned base model, `lock_at_version`, `Overtaken`,
the form runner `submit` and the "overtaken" component.

Here with a stand-in row, without a table; each app tests the same through its own page
(plans, network, outcomes, escalation, trajectories, intake, matching: `*stale*`, `*overtaken*`,
`test_concurrent_edits.py`).
"""

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.template import Template
from django.template.loader import render_to_string
from django.test.utils import isolate_apps
from django.utils import translation

from kansrijk.core.errors import Overtaken, Refused
from kansrijk.core.forms import VersionedForm, submit
from kansrijk.core.models import TimeStampedModel, VersionedModel, lock_at_version


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def note_model():
    """A versioned row with a text, as an app would declare it (not in any app's tables)."""
    with isolate_apps("kansrijk.core"):

        class Note(TimeStampedModel, VersionedModel):
            text = models.CharField(max_length=50)

            class Meta:
                app_label = "core"

        yield Note


class Rows:
    """A queryset stand-in that hands out one row (or none) and remembers how it was locked."""

    def __init__(self, row):
        self.row = row
        self.locked_with = None

    def select_for_update(self, **options):
        self.locked_with = options
        return self

    def get(self, pk):
        if self.row is None or self.row.pk != pk:
            raise ObjectDoesNotExist
        return self.row


def test_a_row_at_the_version_the_user_saw_is_locked_and_handed_back(note_model):
    note = note_model(pk=7, text="Bel de woningcorporatie.", version=3)
    rows = Rows(note)

    assert lock_at_version(rows, 7, 3, "stale") is note
    # Only the row itself: PostgreSQL refuses to lock the outer side of a join.
    assert rows.locked_with == {"of": ("self",)}


def test_a_row_saved_since_the_user_saw_it_is_overtaken_with_what_was_saved(note_model):
    note = note_model(pk=7, text="Saved by the coordinator.", version=4)

    with pytest.raises(Overtaken) as overtaken:
        lock_at_version(Rows(note), 7, 3, "Someone else changed this note.")

    assert overtaken.value.message == "Someone else changed this note."
    assert overtaken.value.current is note
    assert isinstance(overtaken.value, Refused)  # callers that only know Refused still refuse


def test_without_a_version_the_row_is_locked_whatever_its_version(note_model):
    note = note_model(pk=7, version=9)

    assert lock_at_version(Rows(note), 7, None, "stale") is note


def test_a_row_removed_meanwhile_is_refused_in_words_not_an_error(english):
    with pytest.raises(Refused, match="Someone else removed this a moment ago"):
        lock_at_version(Rows(None), 7, 1, "stale")


def test_a_save_writes_the_next_version_with_its_fields_and_the_change_time(
    note_model, monkeypatch
):
    note = note_model(pk=7, text="Old", version=2)
    saved = []
    monkeypatch.setattr(note, "save", lambda **kwargs: saved.append(kwargs))

    note.save_next_version(text="New")

    assert (note.text, note.version) == ("New", 3)
    assert saved == [{"update_fields": ["text", "version", "updated_at"]}]


def test_fields_set_before_the_save_are_named_once(note_model, monkeypatch):
    note = note_model(pk=7, text="Old", version=1)
    saved = []
    monkeypatch.setattr(note, "save", lambda **kwargs: saved.append(kwargs))
    note.text = "Set by hand"

    note.save_next_version("text", "version")

    assert note.version == 2
    assert saved == [{"update_fields": ["text", "version", "updated_at"]}]


class NoteForm(VersionedForm):
    text = forms.CharField(max_length=50)


def test_the_runner_hands_what_the_service_saved_to_the_page(note_model):
    form = NoteForm({"version": "2", "text": "Mine"})
    saved = note_model(pk=7, text="Mine", version=3)

    assert submit(form, lambda data: saved) is True
    assert (form.saved, form.overtaken) == (saved, None)


def test_an_overtaken_save_keeps_the_input_and_shows_theirs_at_their_version(note_model):
    theirs = note_model(pk=7, text="Theirs", version=5)
    form = NoteForm({"version": "4", "text": "Mine"})

    def service(data):
        raise Overtaken("Someone else changed this note.", current=theirs)

    assert submit(form, service) is False
    assert form.non_field_errors() == ["Someone else changed this note."]
    assert form.overtaken is theirs
    # Saving again is a choice made with both in view: the form now carries their version.
    assert (form["text"].value(), form["version"].value()) == ("Mine", 5)


def test_a_refused_save_is_an_error_at_the_top_and_nothing_is_handed_on():
    form = NoteForm({"version": "4", "text": "Mine"})

    def service(data):
        raise Refused("Not now.")

    assert submit(form, service) is False
    assert form.non_field_errors() == ["Not now."]
    assert (form.saved, form.overtaken) == (None, None)


def test_an_invalid_form_never_reaches_the_service():
    called = []

    assert submit(NoteForm({"version": "0"}), called.append) is False
    assert called == []


def test_the_overtaken_component_shows_who_saved_when_and_what(note_model, english):
    class Person:
        def __str__(self):
            return "Fatima"

    theirs = note_model(pk=7, text="Theirs", version=5)
    theirs.changed_by = Person()
    theirs.updated_at = dt.datetime(2026, 3, 2, 14, 5)

    html = render_to_string(
        "components/overtaken.html",
        {"current": theirs, "facts": Template("<dl><dd>{{ now.text }}</dd></dl>")},
    )

    assert "Saved just now by someone else" in html
    assert "Fatima, at 14:05" in html
    assert "<dd>Theirs</dd>" in html
    assert "Your own version is still in the form." in html
