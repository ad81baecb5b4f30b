import pytest

from kansrijk.core.errors import Refused
from kansrijk.core.text import checked_text


def test_it_strips_surrounding_spaces():
    assert checked_text("  a goal \n", 10) == "a goal"


def test_it_allows_empty_text_without_a_message_for_it():
    assert checked_text("   ", 10) == ""
    assert checked_text(None, 10) == ""


def test_it_refuses_empty_text_with_the_message_given():
    with pytest.raises(Refused, match="Write the goal"):
        checked_text("  ", 10, "Write the goal.")


def test_it_counts_the_text_after_stripping():
    assert checked_text(" " + "x" * 10 + " ", 10) == "x" * 10


def test_it_refuses_text_over_the_limit_and_says_both_numbers():
    with pytest.raises(Refused) as refusal:
        checked_text("x" * 11, 10, "Write something.")
    assert str(refusal.value) == "Keep it shorter: at most 10 characters (now 11)."
