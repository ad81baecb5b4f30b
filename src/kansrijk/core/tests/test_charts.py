"""The geometry every bar chart shares: rows one below the other, bars as long as their share."""

from django.utils import translation

from kansrijk.core.charts import WIDTH, Amount, Chart, Layout, lay_out

LAYOUT = Layout(
    label_width=60,
    value_width=40,
    bar_height=10,
    bar_gap=5,
    title_height=20,
    title_baseline=14,
    row_gap=10,
    text_rise=3,
    bottom_margin=2,
)


def test_bars_fill_their_share_of_the_track_beside_the_labels():
    rows, _height = lay_out(LAYOUT, [("money", [Amount(1, 4, "1 / 4"), Amount(4, 4, "4")], None)])

    first, second = rows[0].bars
    assert LAYOUT.track_width == WIDTH - 60 - 40
    assert (first.width, second.width) == (65.0, 260.0)
    assert (first.y, second.y) == (20, 35)
    assert first.text_y == 27


def test_rows_stand_one_below_the_other_and_the_drawing_holds_them():
    rows, height = lay_out(
        LAYOUT,
        [("home", [Amount(1, 2, "1")], (1, 2)), ("work", [Amount(0, 2, "–", drawn=False)], None)],
    )

    home, work = rows
    assert (home.title_y, work.title_y) == (14, 14 + 20 + 10 + 10)
    assert (home.mark_x, home.mark_top, home.mark_bottom) == (60 + 130, 17, 33)
    assert work.mark_x is None
    assert height == work.bars[0].y + 10 + 2


def test_right_to_left_the_bars_grow_from_the_right_edge_of_their_track():
    rows, _height = lay_out(LAYOUT, [("money", [Amount(1, 4, "1 / 4")], (3, 4))], rtl=True)

    (bar,) = rows[0].bars
    # The track runs from the values (40 wide, now at the left) to the labels (60, at the right).
    assert bar.width == 65.0
    assert bar.x + bar.width == WIDTH - 60
    assert rows[0].mark_x == WIDTH - (60 + 195)
    ltr, _height = lay_out(LAYOUT, [("money", [Amount(1, 4, "1 / 4")], None)], rtl=False)
    assert ltr[0].bars[0].x == 60


def test_the_active_language_decides_the_direction():
    with translation.override("ar"):
        rows, height = lay_out(LAYOUT, [("money", [Amount(1, 4, "1")], None)])
        chart = Chart("t", "d", height, rows, LAYOUT)
    assert chart.rtl
    assert (chart.direction, chart.start_x, chart.end_x, chart.track_x) == ("rtl", WIDTH, 0, 40)
    assert chart.value_anchor == "start"  # a value reads left to right: "2 / 5", never "5 / 2"
    assert rows[0].bars[0].x == WIDTH - 60 - 65
    with translation.override("nl"):
        chart = Chart(
            "t", "d", height, lay_out(LAYOUT, [("m", [Amount(1, 4, "1")], None)])[0], LAYOUT
        )
    assert (chart.direction, chart.start_x, chart.end_x, chart.track_x) == ("ltr", 0, WIDTH, 60)
