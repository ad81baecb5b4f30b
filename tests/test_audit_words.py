"""Every code the application writes into the audit log has words in `access.log_words`.

The log keeps codes; the coordinator's log and the participant's "who looked at my file" show
words. This test reads the source of every app for the calls that write an entry and checks
that what each call writes has words, so a new code without them fails here, not on a page.
"""

import ast
from pathlib import Path

import pytest
from django.utils import translation

from kansrijk.access.log_words import ALONE, SUBJECTS, VERBS, code_of
from kansrijk.access.models import AuditAction

SOURCE = Path(__file__).resolve().parent.parent / "src" / "kansrijk"

# The functions that write an entry, and where their detail goes: a keyword, or the position
# of the argument (the module's own `_log` helpers take the detail last).
WRITERS: dict[str, tuple[str, int | None]] = {
    "audit": ("detail", None),
    "audit_read": ("detail", None),
    "audit_change": ("detail", None),
    "audit_own_read": ("detail", 2),
    "log_read": ("what", 3),
    "_audit_read": ("what", 2),
    "_audit_list": ("what", None),
    "_journey_start": ("detail", None),
    "_log": ("detail", -1),
    "log_call": ("detail", 1),
}


def _name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def _texts(node: ast.expr) -> list[str]:
    """What an argument writes, with each varying piece as one word ("goal x")."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        first = node.values[0]
        if isinstance(first, ast.FormattedValue) and isinstance(first.value, ast.Name):
            return []  # starts with a name passed on: its callers are read too
        return [
            "".join(part.value if isinstance(part, ast.Constant) else "x" for part in node.values)
        ]
    if isinstance(node, ast.IfExp):
        return _texts(node.body) + _texts(node.orelse)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [left + right for left in _texts(node.left) for right in _texts(node.right) or [""]]
    return []  # a name passed on: its callers are read too


def _written_details() -> list[tuple[str, str]]:
    found = []
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts or "scale" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or _name(node) not in WRITERS:
                continue
            keyword, position = WRITERS[_name(node)]
            values = [k.value for k in node.keywords if k.arg == keyword]
            if not values and position is not None and node.args:
                values = node.args[position:][:1] if position >= 0 else node.args[position:]
            for value in values:
                for text in _texts(value):
                    found.append((f"{path.relative_to(SOURCE)}:{node.lineno}", text))
    return found


WRITTEN = _written_details()


def test_the_source_is_read_for_what_it_writes_into_the_log():
    # Guards the reader above: if it found nothing, the test below would pass for nothing.
    texts = {text for _, text in WRITTEN}
    assert {"household page: x", "goal x", "contact", "signal picked up"} <= texts
    assert len(WRITTEN) > 60


@pytest.mark.parametrize(("where", "text"), WRITTEN, ids=[w for w, _ in WRITTEN])
def test_every_code_written_into_the_log_has_words(where, text):
    assert code_of(text) is not None, f"{where} writes {text!r}: give it words in SUBJECTS"


def test_a_code_without_words_is_noticed():
    assert code_of("something new 2026") is None


def test_every_action_has_a_verb():
    assert set(VERBS) == set(AuditAction)
    assert set(ALONE) < set(AuditAction)


@pytest.mark.parametrize("code", list(SUBJECTS))
def test_every_code_has_dutch_words(code):
    subject = SUBJECTS[code]
    with translation.override("en"):
        english = {subject.words % {"count": n} for n in (1, 3)}
    with translation.override("nl"):
        dutch = {subject.words % {"count": n} for n in (1, 3)}
    assert not english & dutch, f"{code!r} is not translated into Dutch"


@pytest.mark.parametrize("action", list(AuditAction))
def test_every_verb_has_dutch_words(action):
    with translation.override("en"):
        english = VERBS[action] % {"things": "x"}
    with translation.override("nl"):
        dutch = VERBS[action] % {"things": "x"}
    assert dutch != english
