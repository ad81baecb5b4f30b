"""Two moments compared, in words. Pure: no database."""

from kansrijk.network.choices import Flow, Strength, TieKind
from kansrijk.network.comparison import compare
from kansrijk.network.ecomap import TieFacts


def _tie(thread, name, kind=TieKind.FAMILY, strength=Strength.NORMAL, flow=Flow.SUPPORT, **kw):
    return TieFacts(
        key=thread, thread=thread, name=name, kind=kind, strength=strength, flow=flow, **kw
    )


START = [
    _tie("a", "zus", strength=Strength.NORMAL),
    _tie("b", "buurvrouw Els", TieKind.NEIGHBOURS, Strength.WEAK, Flow.COSTS),
    _tie("c", "ex", strength=Strength.WEAK, flow=Flow.COSTS),
    _tie("d", "WIJ-team", TieKind.HELP, is_organisation=True),
]


def test_a_grown_network_in_words():
    end = [
        _tie("a", "zus", strength=Strength.STRONG),
        _tie("b", "buurvrouw Els", TieKind.NEIGHBOURS, Strength.NORMAL, Flow.BOTH),
        _tie("d", "WIJ-team", TieKind.HELP, is_organisation=True),
        _tie("e", "taalmaatje", TieKind.FRIENDS),
        _tie("f", "moeder van Noor", TieKind.FRIENDS),
        _tie("g", "voedselbank", TieKind.WORK, is_organisation=True),
    ]

    result = compare(START, end)

    assert result.difference == 2
    assert [c.after.name for c in result.stronger] == ["zus", "buurvrouw Els"]
    assert [t.name for t in result.new_people] == ["taalmaatje", "moeder van Noor"]
    assert [t.name for t in result.new_organisations] == ["voedselbank"]
    assert [t.name for t in result.gone] == ["ex"]
    assert [c.after.name for c in result.now_supporting] == ["buurvrouw Els"]
    assert result.sentence == (
        "2 ties more, 2 stronger, 2 new people, 1 new organisation, 1 no longer there, "
        "1 now gives support."
    )
    assert result.support_sentence == "Support from 6 ties (was 2)."


def test_the_example_of_the_issue():
    before = [_tie("a", "zus"), _tie("b", "oma")]
    after = [
        _tie("a", "zus", strength=Strength.STRONG),
        _tie("b", "oma", strength=Strength.STRONG),
        _tie("c", "buurman"),
        _tie("d", "neef"),
        _tie("e", "school", TieKind.SCHOOL, is_organisation=True),
    ]

    assert compare(before, after).sentence == (
        "3 ties more, 2 stronger, 2 new people, 1 new organisation."
    )


def test_weaker_fewer_and_now_costing_energy():
    end = [
        _tie("a", "zus", strength=Strength.WEAK, flow=Flow.COSTS),
        _tie("d", "WIJ-team", TieKind.HELP, is_organisation=True),
    ]

    result = compare(START, end)

    assert result.sentence == "2 ties fewer, 1 weaker, 2 no longer there, 1 now costs energy."


def test_no_differences():
    result = compare(START, list(START))

    assert result.unchanged
    assert result.sentence == "No differences: the same ties, just as strong."


def test_maps_drawn_apart_are_matched_by_kind_and_name():
    before = [_tie("x1", "Zus"), _tie("x2", "juf", TieKind.SCHOOL)]
    after = [_tie("y1", "zus ", strength=Strength.STRONG), _tie("y2", "juf", TieKind.FRIENDS)]

    result = compare(before, after)

    assert [c.after.name for c in result.stronger] == ["zus "]
    # the same name in another kind is another tie
    assert [t.name for t in result.new] == ["juf"]
    assert [t.name for t in result.gone] == ["juf"]


def test_a_tie_copied_and_renamed_is_still_the_same_tie():
    result = compare([_tie("a", "buurvrouw")], [_tie("a", "buurvrouw Els")])

    assert result.unchanged
