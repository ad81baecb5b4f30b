"""The ecomap's geometry: pure, no database. Sectors per kind, distance and line by strength,
arrows by what a tie does, and labels that stay inside the drawing and clear of each other."""

import itertools
import math

import pytest

from kansrijk.network.choices import Flow, Strength, TieKind
from kansrijk.network.ecomap import (
    CENTRE,
    CENTRE_RADIUS,
    NODE_RADIUS,
    RING,
    SIZE,
    TieFacts,
    build_ecomap,
    sector_kinds,
    wrap,
)


def _tie(n: int, kind=TieKind.FAMILY, strength=Strength.NORMAL, flow=Flow.SUPPORT, **kwargs):
    return TieFacts(
        key=f"t{n}",
        name=kwargs.pop("name", f"tie {n}"),
        kind=kind,
        strength=strength,
        flow=flow,
        **kwargs,
    )


def _map(ties, **kwargs):
    return build_ecomap(ties, title="Network map", centre_name="Fam. Yılmaz", **kwargs)


def _angle(node) -> float:
    return math.degrees(math.atan2(node.y - CENTRE, node.x - CENTRE))


def _distance(node) -> float:
    return math.hypot(node.x - CENTRE, node.y - CENTRE)


def _a_full_map(count: int):
    kinds = TieKind.values
    strengths = [Strength.STRONG, Strength.NORMAL, Strength.WEAK]
    flows = [Flow.SUPPORT, Flow.COSTS, Flow.BOTH]
    return [
        _tie(
            n,
            kind=kinds[(n * 7) % len(kinds)],
            strength=strengths[n % 3],
            flow=flows[(n // 2) % 3],
            name=["oma", "buurvrouw Els", "juf Marieke", "WIJ-team Beijum", "huisarts"][n % 5],
        )
        for n in range(count)
    ]


def test_an_empty_map_has_only_the_household():
    ecomap = _map([])

    assert ecomap.is_empty
    assert ecomap.sectors == [] and ecomap.nodes == []
    assert "no ties" in ecomap.description


def test_each_kind_with_ties_gets_a_sector_in_the_fixed_order():
    ties = [_tie(1, TieKind.CLUBS), _tie(2, TieKind.FAMILY), _tie(3, TieKind.FAMILY)]

    ecomap = _map(ties)

    assert [s.kind for s in ecomap.sectors] == [TieKind.FAMILY, TieKind.CLUBS]
    assert [s.count for s in ecomap.sectors] == [2, 1]
    assert all(s.divider is not None for s in ecomap.sectors)


def test_one_sector_is_a_whole_ring_without_dividers():
    ecomap = _map([_tie(1), _tie(2)])

    assert len(ecomap.sectors) == 1
    assert ecomap.sectors[0].divider is None


def test_a_sector_is_as_wide_as_its_share_of_the_ties():
    ties = [_tie(n, TieKind.FAMILY) for n in range(3)] + [_tie(9, TieKind.SCHOOL)]

    nodes = {n.key: n for n in _map(ties).nodes}

    # From the top, clockwise: three quarters of the circle for family, a quarter for school,
    # each tie in the middle of its own share.
    assert [round(_angle(nodes[f"t{n}"])) for n in range(3)] == [-45, 45, 135]
    assert round(_angle(nodes["t9"])) == -135


def test_stronger_ties_are_closer_to_the_household():
    ties = [_tie(1, strength=Strength.WEAK), _tie(2, strength=Strength.STRONG), _tie(3)]

    nodes = {n.key: n for n in _map(ties).nodes}

    assert _distance(nodes["t2"]) == pytest.approx(RING[Strength.STRONG], abs=0.2)
    assert _distance(nodes["t3"]) == pytest.approx(RING[Strength.NORMAL], abs=0.2)
    assert _distance(nodes["t1"]) == pytest.approx(RING[Strength.WEAK], abs=0.2)
    assert nodes["t2"].strength == Strength.STRONG  # the template draws its line solid


def test_no_two_ties_share_an_angle_so_no_line_runs_through_another_tie():
    ecomap = _map(_a_full_map(24))

    for a, b in itertools.combinations(ecomap.nodes, 2):
        inner = min((a, b), key=_distance)
        gap = math.radians(abs(_angle(a) - _angle(b)) % 360)
        gap = min(gap, 2 * math.pi - gap)
        # how far the inner node's centre is from the line to the outer node
        assert _distance(inner) * math.sin(min(gap, math.pi / 2)) > NODE_RADIUS * 0.6


def test_lines_run_from_the_households_circle_to_the_tie():
    ecomap = _map([_tie(1, flow=Flow.SUPPORT), _tie(2, flow=Flow.COSTS), _tie(3, flow=Flow.BOTH)])

    for node in ecomap.nodes:
        start = math.hypot(node.line.x1 - CENTRE, node.line.y1 - CENTRE)
        end = math.hypot(node.line.x2 - node.x, node.line.y2 - node.y)
        assert start >= CENTRE_RADIUS
        assert end >= NODE_RADIUS


@pytest.mark.parametrize(
    ("flow", "towards_household", "towards_tie", "glyph"),
    [(Flow.SUPPORT, 1, 0, "+"), (Flow.COSTS, 0, 1, "−"), (Flow.BOTH, 1, 1, "±")],
)
def test_arrows_and_signs_say_what_a_tie_does(flow, towards_household, towards_tie, glyph):
    node = _map([_tie(1, flow=flow)]).nodes[0]

    tips = [tuple(map(float, arrow.split()[0].split(","))) for arrow in node.arrows]
    near_centre = [t for t in tips if math.hypot(t[0] - CENTRE, t[1] - CENTRE) < CENTRE_RADIUS + 3]
    near_node = [t for t in tips if math.hypot(t[0] - node.x, t[1] - node.y) < NODE_RADIUS + 3]
    assert (len(near_centre), len(near_node)) == (towards_household, towards_tie)
    assert node.glyph == glyph


def test_a_person_is_a_circle_and_an_organisation_a_square():
    nodes = _map([_tie(1), _tie(2, is_organisation=True)]).nodes

    assert [n.shape for n in nodes] == ["circle", "square"]


@pytest.mark.parametrize("count", [1, 3, 8, 12, 16])
def test_labels_stay_inside_and_clear_of_nodes_and_each_other(count):
    ecomap = _map(_a_full_map(count))

    labels = [n.label.box for n in ecomap.nodes] + [s.label.box for s in ecomap.sectors]
    obstacles = [n.box for n in ecomap.nodes]
    for box in labels:
        assert box.inside(SIZE)
        assert not any(box.overlap(node) for node in obstacles)
    for a, b in itertools.combinations(labels, 2):
        assert a.overlap(b) == 0


def test_a_very_full_map_still_draws_every_tie_inside_the_drawing():
    ecomap = _map(_a_full_map(40))

    assert len(ecomap.nodes) == 40
    for node in ecomap.nodes:
        assert node.box.inside(SIZE)
        assert node.label.box.inside(SIZE)


def test_two_maps_with_the_same_kinds_have_their_sectors_in_the_same_places():
    before = [_tie(1, TieKind.FAMILY)]
    after = [_tie(2, TieKind.FAMILY), _tie(3, TieKind.SCHOOL)]
    kinds = sector_kinds(before, after)

    first, second = _map(before, kinds=kinds), _map(after, kinds=kinds)

    assert [s.kind for s in first.sectors] == [TieKind.FAMILY, TieKind.SCHOOL]
    assert [s.wedge for s in first.sectors] == [s.wedge for s in second.sectors]
    assert first.sectors[1].count == 0


def test_long_names_are_wrapped_on_two_lines_and_cut_with_an_ellipsis():
    assert wrap("buurvrouw Els") == ["buurvrouw", "Els"]
    assert wrap("zus") == ["zus"]
    assert (
        wrap("de voetbalclub van de jongste zoon") == ["de", "voetbalclub…"]
        or len(wrap("de voetbalclub van de jongste zoon")) == 2
    )
    assert wrap("Jeugdsportfondsvrijwilliger")[0] == "Jeugdsportfo"
    assert wrap("de voetbalclub van de jongste zoon")[-1].endswith("…")


def test_the_description_says_what_is_drawn_and_how_to_read_it():
    ecomap = _map([_tie(1), _tie(2, TieKind.SCHOOL, flow=Flow.COSTS)])

    assert "2 ties" in ecomap.description
    assert "family 1" in ecomap.description and "school 1" in ecomap.description
    assert "dotted" in ecomap.description and "arrow" in ecomap.description
    assert ecomap.nodes[1].title == "tie 2, school, normal, costs energy"
