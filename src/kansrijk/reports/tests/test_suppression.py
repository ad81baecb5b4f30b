"""Small-cell suppression: small counts hidden, and nothing hidden can be recovered from totals."""

import pytest

from kansrijk.reports.models import ReportSettings
from kansrijk.reports.suppression import DEFAULT_THRESHOLD, suppress, threshold_for
from kansrijk.reports.tables import ReportTable, Suppressed

S = Suppressed(5)


def _table(rows, count_columns=(1, 2), total_columns=(), totals=("Total",)):
    return ReportTable(
        caption="Per area",
        columns=["Area", "Started", "Finished", "Total"][: len(rows[0])],
        rows=rows,
        count_columns=frozenset(count_columns),
        total_labels=frozenset(totals),
        total_columns=frozenset(total_columns),
    )


def test_counts_below_the_threshold_are_hidden_and_larger_ones_shown():
    table = _table([["Beijum", 3, 12], ["Lewenborg", 7, 5]], totals=())

    assert suppress(table, 5).rows == [["Beijum", S, 12], ["Lewenborg", 7, 5]]


def test_zero_and_text_cells_and_columns_that_are_not_counts_are_left_alone():
    table = _table([["Beijum", 0, "n/a"], ["Lewenborg", 2, 3]], count_columns=(1,), totals=())

    assert suppress(table, 5).rows == [["Beijum", 0, "n/a"], ["Lewenborg", S, 3]]


def test_hiding_a_cell_in_a_column_with_a_total_also_hides_the_next_smallest_cell():
    table = _table(
        [["Beijum", 3, 20], ["Lewenborg", 9, 20], ["Oosterpark", 14, 20], ["Total", 26, 60]]
    )

    rows = suppress(table, 5).rows

    # 26 - 9 - 14 would give Beijum's 3 away, so Lewenborg's 9 (the next smallest) goes too.
    assert [row[1] for row in rows] == [S, S, 14, 26]
    assert [row[2] for row in rows] == [20, 20, 20, 60]


def test_complementary_suppression_repeats_until_no_line_holds_a_single_hidden_cell():
    # Row totals in column 3 and a total row: hiding Beijum's 2 hides Beijum's 6 (its row) and
    # Lewenborg's 8 (its column); those open new lines, and so on until every line is safe.
    table = _table(
        [["Beijum", 2, 6, 8], ["Lewenborg", 8, 9, 17], ["Total", 10, 15, 25]],
        count_columns=(1, 2, 3),
        total_columns=(3,),
    )

    rows = suppress(table, 5).rows

    assert rows == [["Beijum", S, S, 8], ["Lewenborg", S, S, 17], ["Total", 10, 15, 25]]
    _assert_no_line_has_one_hidden_cell(rows)


def test_a_small_total_is_hidden_together_with_a_cell_that_would_give_it_away():
    table = _table([["Beijum", 2, 10], ["Total", 2, 10]])

    assert suppress(table, 5).rows == [["Beijum", S, 10], ["Total", S, 10]]


def test_a_threshold_of_one_hides_nothing_and_the_original_table_is_not_changed():
    rows = [["Beijum", 1, 2], ["Total", 1, 2]]
    table = _table(rows)

    assert suppress(table, 1).rows == rows
    suppress(table, 5)
    assert table.rows == [["Beijum", 1, 2], ["Total", 1, 2]]


def test_every_hidden_cell_reads_the_same_whatever_its_value():
    """A label "< 5" would tell the reader the value is 1 to 4; a cell hidden because it would
    give another away may hold 5 or 50. So every hidden cell says only "hidden"."""
    table = _table([["Beijum", 4, 1], ["Lewenborg", 5, 1], ["Total", 9, 2]], count_columns=(1,))

    rows = suppress(table, 5).rows

    assert [str(row[1]) for row in rows] == ["hidden", "hidden", "9"]
    assert str(Suppressed(5)) == str(Suppressed(10)) == "hidden"


@pytest.mark.django_db
def test_the_threshold_is_five_unless_the_programme_sets_its_own(cast):
    assert threshold_for(cast.programme) == DEFAULT_THRESHOLD == 5

    ReportSettings.objects.create(programme=cast.programme, suppression_threshold=10)

    assert threshold_for(cast.programme) == 10
    assert threshold_for(cast.other_programme) == 5


def _assert_no_line_has_one_hidden_cell(rows):
    body, total = rows[:-1], rows[-1]
    for c in (1, 2):
        hidden = [r[c] for r in [*body, total] if isinstance(r[c], Suppressed)]
        assert len(hidden) != 1
    for row in rows:
        hidden = [v for v in row[1:] if isinstance(v, Suppressed)]
        assert len(hidden) != 1


def test_a_share_computed_from_a_hidden_count_is_hidden_too():
    table = ReportTable(
        caption="Endings",
        columns=["Matches", "Number", "Share"],
        rows=[["Early", 3, "14%"], ["Completed", 18, "86%"], ["Total", 21, "100%"]],
        count_columns=frozenset({1}),
        total_labels=frozenset({"Total"}),
        derived_columns={2: 1},
    )

    rows = suppress(table, 5).rows

    assert [str(cell) for cell in rows[0]] == ["Early", "hidden", "hidden"]
    assert [str(cell) for cell in rows[1]] == ["Completed", "hidden", "hidden"]
    assert rows[2] == ["Total", 21, "100%"]
