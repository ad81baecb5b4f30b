"""The disclosure audit and the protection it drives, on tables built by hand and at random."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kansrijk.reports.disclosure import audit, protect, selections_pattern
from kansrijk.reports.tables import Relation, ReportTable, Suppressed

THRESHOLD = 5


def _hidden(tables: list[ReportTable]) -> set[tuple[int, int, int]]:
    return {
        (t, r, c)
        for t, table in enumerate(tables)
        for r, row in enumerate(table.rows)
        for c, cell in enumerate(row)
        if isinstance(cell, Suppressed)
    }


def _education(mbo: int, hbo: int) -> ReportTable:
    """ "Education 6 / MBO 5 / HBO 1": the levels add up to their parent row."""
    return ReportTable(
        caption="The results list",
        columns=["Outcome", "Participants"],
        rows=[["Education", mbo + hbo], ["– MBO", mbo], ["– HBO", hbo]],
        count_columns=frozenset({1}),
        relations=[Relation((0, 1), ((1, 1), (2, 1)))],
    )


def test_a_sub_row_hidden_alone_is_worked_out_from_its_parent_and_its_sibling():
    table = _education(mbo=5, hbo=1)

    found = audit([table], {(0, 2, 1)}, THRESHOLD)

    assert [(d.cell, d.low, d.high) for d in found] == [((0, 2, 1), 1, 1)]


def test_protection_hides_the_sibling_too_and_the_audit_then_finds_nothing():
    table = _education(mbo=5, hbo=1)

    [shown] = protect([table], THRESHOLD)

    assert [str(row[1]) for row in shown.rows] == ["6", "hidden", "hidden"]
    assert not audit([table], _hidden([shown]), THRESHOLD)


def test_sub_rows_that_may_leave_some_out_are_read_as_a_sum_where_they_add_up():
    """The list cannot promise that every education has a level, but where MBO and HBO do add
    up to it, a reader guessing that they always do would find HBO: the audit guesses too."""
    table = _education(mbo=5, hbo=1)
    table.relations = [Relation((0, 1), ((1, 1), (2, 1)), exact=False)]

    assert audit([table], {(0, 2, 1)}, THRESHOLD)
    [shown] = protect([table], THRESHOLD)
    assert not audit([table], _hidden([shown]), THRESHOLD)


def test_a_weighted_total_with_published_values_pins_hidden_counts_and_is_withheld():
    """Benefits = households × value: three hidden counts and three totals with published
    values have one solution, so more must go (a count, then the totals)."""
    values = [(Decimal(20000), Decimal(28000), Decimal(36000)), (Decimal(8000),) * 3]
    table = ReportTable(
        caption="Benefits",
        columns=["Outcome", "Households", "Low", "Central", "High"],
        rows=[["Welfare ended", 5, 100000, 140000, 180000], ["Reduced", 2, 16000, 16000, 16000]],
        count_columns=frozenset({1}),
        derived_columns={2: 1, 3: 1, 4: 1},
    )
    table.rows.append(["All", None, 116000, 156000, 196000])
    table.relations = [
        Relation((2, c), ((0, 1), (1, 1)), weights=(values[0][k], values[1][k]))
        for k, c in enumerate((2, 3, 4))
    ]

    [shown] = protect([table], THRESHOLD)

    assert not audit([table], _hidden([shown]), THRESHOLD)
    assert str(shown.rows[1][1]) == "hidden"
    assert str(shown.rows[0][1]) == "hidden"  # 5: else the totals minus 5 × value give 2


def test_a_figure_of_one_area_cannot_be_worked_out_from_the_page_of_all_areas():
    def page(rows):
        return [
            ReportTable(
                caption="Found work",
                columns=["Outcome", "Participants"],
                rows=rows,
                count_columns=frozenset({1}),
            )
        ]

    whole = page([["Found work", 9]])
    beijum, lewenborg = page([["Found work", 5]]), page([["Found work", 4]])

    patterns = selections_pattern([whole, beijum, lewenborg], THRESHOLD)

    # Lewenborg's 4 is hidden; Beijum's 5 beside the 9 of all areas would give it back.
    assert patterns[2] == {(0, 0, 1)}
    assert patterns[1] == {(0, 0, 1)} or patterns[0] == {(0, 0, 1)}


def test_figures_that_contradict_each_other_are_refused_not_audited():
    table = ReportTable(
        caption="Broken",
        columns=["Area", "Households"],
        rows=[["Beijum", 2], ["Lewenborg", 3], ["Total", 5]],
        count_columns=frozenset({1}),
        total_labels=frozenset({"Total"}),
    )
    # A relation the real figures do not keep is left out rather than trusted.
    table.relations = [Relation((2, 1), ((0, 1),))]

    assert not audit([table], {(0, 0, 1), (0, 1, 1)}, THRESHOLD)


# ---- at random ----


@st.composite
def tables(draw):
    """A table of areas × counts with a total row, a total column and, sometimes, a parent
    row whose sub-rows add up to it."""
    areas = draw(st.integers(min_value=1, max_value=4))
    columns = draw(st.integers(min_value=1, max_value=3))
    small = st.integers(min_value=0, max_value=12)
    body = [[f"Area {a}", *[draw(small) for _ in range(columns)]] for a in range(areas)]
    for row in body:
        row.append(sum(row[1:]))
    total = ["Total", *[sum(row[c] for row in body) for c in range(1, columns + 2)]]
    rows = [*body, total]
    relations = []
    if areas >= 2 and draw(st.booleans()):
        # Area 0 as a parent of the others: a sub-row breakdown beside the total row.
        parent = ["Parent", *[sum(row[c] for row in body[1:]) for c in range(1, columns + 2)]]
        rows.append(parent)
        parent_row = len(rows) - 1
        relations = [
            Relation((parent_row, c), tuple((r, c) for r in range(1, areas)))
            for c in range(1, columns + 2)
        ]
    return ReportTable(
        caption="Random",
        columns=["Area", *[f"C{c}" for c in range(columns)], "All"],
        rows=rows,
        count_columns=frozenset(range(1, columns + 2)),
        total_labels=frozenset({"Total"}),
        total_columns=frozenset({columns + 1}),
        relations=relations,
    )


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables(), threshold=st.integers(min_value=2, max_value=6))
def test_protected_random_tables_hide_every_small_count_and_disclose_none(table, threshold):
    [shown] = protect([table], threshold)

    hidden = _hidden([shown])
    assert not audit([table], hidden, threshold)
    for r, row in enumerate(table.rows):
        for c in table.count_columns:
            if 0 < row[c] < threshold:
                assert (0, r, c) in hidden
