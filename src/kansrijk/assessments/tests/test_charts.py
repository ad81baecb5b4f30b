"""The chart over the year: geometry and its text alternative, from plain values."""

from kansrijk.assessments.charts import (
    MAX_READINGS,
    TRACK_WIDTH,
    TRACK_X,
    ChartDomain,
    Reading,
    build_chart,
)

DOMAINS = [ChartDomain("home", "home situation", 5), ChartDomain("money", "money", 4)]
START = Reading("Start", "6 Jan 2025", {"home": (2, 4), "money": (1, 3)})
HALFWAY = Reading("Halfway", "7 Jul 2025", {"home": (3, 4), "money": (2, 4)})


def test_nothing_to_draw_without_assessments_or_domains():
    assert build_chart(DOMAINS, []) is None
    assert build_chart([], [START]) is None


def test_each_domain_gets_one_bar_per_assessment_as_long_as_its_level():
    chart = build_chart(DOMAINS, [START, HALFWAY])

    home, money = chart.rows
    assert [row.label for row in chart.rows] == ["home situation", "money"]
    assert [(bar.label, bar.value, bar.width) for bar in home.bars] == [
        ("Start", "2 / 5", TRACK_WIDTH * 2 / 5),
        ("Halfway", "3 / 5", TRACK_WIDTH * 3 / 5),
    ]
    # A scale of four steps: level 2 fills half the track.
    assert [bar.width for bar in money.bars] == [TRACK_WIDTH / 4, TRACK_WIDTH / 2]
    assert [bar.emphasis for bar in home.bars] == [False, True]


def test_the_dashed_goal_marks_the_level_wanted_at_the_latest_assessment():
    chart = build_chart(DOMAINS, [START, HALFWAY])

    home, money = chart.rows
    assert home.mark_x == round(TRACK_X + TRACK_WIDTH * 4 / 5, 1)
    assert money.mark_x == TRACK_X + TRACK_WIDTH


def test_rows_never_overlap_and_the_drawing_holds_them_all():
    chart = build_chart(DOMAINS, [START, HALFWAY])

    home, money = chart.rows
    assert home.bars[-1].y + chart.bar_height < money.title_y - 10
    assert money.bars[-1].y + chart.bar_height <= chart.height
    assert chart.view_box == f"0 0 360 {chart.height:g}"


def test_a_domain_missing_from_an_earlier_assessment_is_said_not_drawn():
    earlier = Reading("Start", "6 Jan 2025", {"home": (2, 4)})

    chart = build_chart(DOMAINS, [earlier, HALFWAY])

    first = chart.rows[1].bars[0]
    assert (first.drawn, first.value, first.width) == (False, "–", 0)
    assert chart.table[1].cells[0] == ("Start (6 Jan 2025)", "–")


def test_the_table_says_the_same_in_words():
    chart = build_chart(DOMAINS, [START, HALFWAY])

    assert chart.columns == ["Start (6 Jan 2025)", "Halfway (7 Jul 2025)", "Wants to reach"]
    assert [(row.name, [value for _c, value in row.cells]) for row in chart.table] == [
        ("home situation", ["2 / 5", "3 / 5", "4 / 5"]),
        ("money", ["1 / 4", "2 / 4", "4 / 4"]),
    ]
    assert chart.title == "Life domains over the year"
    assert "each of the 2 life domains" in chart.description
    assert "Start (6 Jan 2025), Halfway (7 Jul 2025)" in chart.description


def test_a_long_year_draws_the_latest_assessments_and_tables_them_all():
    readings = [Reading(f"Extra {n}", f"{n} Mar", {"home": (2, 3)}) for n in range(9)]

    chart = build_chart(DOMAINS[:1], readings)

    assert [bar.label for bar in chart.rows[0].bars] == [
        f"Extra {n}" for n in range(9 - MAX_READINGS, 9)
    ]
    assert len(chart.table[0].cells) == 9 + 1
    assert f"Only the latest {MAX_READINGS} of 9 assessments are drawn." in chart.description


def _svg(chart) -> str:
    from django.template.loader import render_to_string

    return render_to_string("assessments/_chart.html", {"chart": chart})


def test_in_arabic_the_participants_chart_reads_from_right_to_left():
    """Titles and labels start at the right edge, bars grow leftwards from the right end of
    their track, the values stand at the left; in Dutch all is as it was."""
    import re

    from django.utils import translation

    with translation.override("ar"):
        chart = build_chart(DOMAINS, [START, HALFWAY])
        svg = _svg(chart)
    assert 'direction="rtl"' in svg
    titles = re.findall(r'<text x="([\d.]+)" y="[\d.]+" class="chart__(?:domain|label)', svg)
    assert set(titles) == {str(chart.width)}
    values = re.findall(
        r'<text x="([\d.]+)" y="[\d.]+" text-anchor="start" direction="ltr" class="chart__value"',
        svg,
    )
    assert set(values) == {"0"}
    bars = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*class="chart__bar', svg)
    track_end = chart.width - TRACK_X
    assert bars and all(float(x) + float(w) == track_end for x, w in bars)
    home = chart.rows[0]
    assert home.mark_x == round(chart.width - (TRACK_X + TRACK_WIDTH * 4 / 5), 1)

    with translation.override("nl"):
        svg = _svg(build_chart(DOMAINS, [START, HALFWAY]))
    assert 'direction="ltr"' in svg
    bars = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="[\d.]+"[^>]*class="chart__bar', svg)
    assert set(bars) == {str(TRACK_X)}
