"""The rules of the network map: who may change it, when, and what a copy carries over."""

import datetime as dt

import pytest

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.access.policy import forget_consents
from kansrijk.core.errors import Refused
from kansrijk.network import services
from kansrijk.network.choices import Flow, Moment, Strength, TieKind
from kansrijk.network.models import NetworkMap, Tie
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.encryption import assert_encrypted_at_rest

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_the_buddy_maps_the_network_and_it_is_logged(cast, coached, make_map, make_tie):
    network_map = make_map(coached, strengths="Goed in koken")
    tie = make_tie(network_map, "buurvrouw Els", kind=TieKind.NEIGHBOURS, note="Past op de kids")

    assert (network_map.moment, network_map.created_by) == (Moment.START, cast.buddy)
    assert (tie.kind, tie.strength, tie.flow, tie.is_organisation) == (
        TieKind.NEIGHBOURS,
        Strength.NORMAL,
        Flow.SUPPORT,
        False,
    )
    details = list(
        AuditEntry.objects.filter(household=coached.household, action=AuditAction.CREATE)
        .order_by("id")
        .values_list("detail", "role")
    )
    assert details == [("network map", "buddy"), ("network tie", "buddy")]


def test_names_notes_and_strengths_are_encrypted_at_rest(coached, make_map, make_tie):
    network_map = make_map(coached, strengths="Ze is sterk en eerlijk.")
    tie = make_tie(network_map, "zus Fatma", note="Haar ex belt vaak.")

    assert_encrypted_at_rest(network_map, "strengths", "Ze is sterk en eerlijk.")
    assert_encrypted_at_rest(tie, "name", "zus Fatma")
    assert_encrypted_at_rest(tie, "note", "Haar ex belt vaak.")


def test_a_new_moment_copies_the_earlier_map_with_the_same_threads(
    cast, coached, start_map, make_map
):
    halfway = make_map(coached, moment=Moment.HALFWAY, copy_from=start_map)

    before = {t.thread: t for t in start_map.ties.all()}
    after = {t.thread: t for t in halfway.ties.all()}
    assert before.keys() == after.keys()
    assert {t.pk for t in after.values()}.isdisjoint(t.pk for t in before.values())
    assert [(t.name, t.strength, t.flow) for t in halfway.ties.order_by("id")] == [
        (t.name, t.strength, t.flow) for t in start_map.ties.order_by("id")
    ]
    assert halfway.strengths == "Kookt graag; goed met de kinderen."


def test_changing_the_copy_leaves_the_earlier_map_as_it_was(cast, coached, start_map, make_map):
    halfway = make_map(coached, moment=Moment.HALFWAY, copy_from=start_map)
    sister = halfway.ties.get(name__isnull=False, kind=TieKind.FAMILY)
    sister.network_map = halfway

    services.tie_edit(
        tie=sister,
        by=cast.buddy,
        version=1,
        name="zus",
        kind=TieKind.FAMILY,
        strength=Strength.WEAK,
        flow=Flow.BOTH,
    )

    assert start_map.ties.get(kind=TieKind.FAMILY).strength == Strength.STRONG
    assert Tie.objects.get(pk=sister.pk).strength == Strength.WEAK


def test_a_year_has_one_start_map(coached, start_map, make_map):
    with pytest.raises(Refused, match="has a start map already"):
        make_map(coached, moment=Moment.START)

    make_map(coached, moment=Moment.OTHER)
    make_map(coached, moment=Moment.OTHER)
    assert NetworkMap.objects.filter(trajectory=coached).count() == 3


@pytest.mark.parametrize(
    ("days", "message"),
    [(1, "in the future"), (-61, "before the start of the active year")],
)
def test_a_map_is_drawn_between_the_start_of_the_year_and_today(
    coached, make_map, frozen_today, days, message
):
    with pytest.raises(Refused, match=message):
        make_map(coached, drawn_on=frozen_today + dt.timedelta(days=days))

    assert not NetworkMap.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "  "}, "first name or a role"),
        ({"name": "x" * 41}, "at most 40 characters"),
        ({"note": "x" * 201}, "at most 200 characters"),
        ({"kind": "pets"}, "what kind of tie"),
        ({"strength": "huge"}, "how strong"),
        ({"flow": "maybe"}, "what the tie does"),
    ],
)
def test_a_tie_needs_a_short_name_and_known_choices(start_map, make_tie, change, message):
    before = Tie.objects.count()
    arguments = {"name": "oma", **change}

    with pytest.raises(Refused, match=message):
        make_tie(start_map, **arguments)

    assert Tie.objects.count() == before


def test_a_map_holds_at_most_forty_ties(coached, make_map, make_tie):
    network_map = make_map(coached)
    for n in range(services.MAX_TIES):
        make_tie(network_map, f"vriend {n}", kind=TieKind.FRIENDS)

    with pytest.raises(Refused, match="at most 40 ties"):
        make_tie(network_map, "nog een")


def test_only_a_map_of_this_year_can_be_copied(cast, coached, start_map, journey, make_map):
    other = journey(Phase.ACTIVE, buddy=cast.buddy)

    with pytest.raises(Refused, match="this year only"):
        make_map(other, copy_from=start_map)


def test_the_backup_changes_the_map_only_with_consent_for_the_plan(
    cast, coached, start_map, make_tie, request
):
    with pytest.raises(Refused, match="active year and aftercare"):
        make_tie(start_map, "oma", by=cast.backup)

    request.getfixturevalue("plan_consent")
    forget_consents(start_map.trajectory)  # a new request would read them afresh
    tie = make_tie(start_map, "oma", by=cast.backup)

    assert AuditEntry.objects.get(detail="network tie", actor=cast.backup).role == "backup"
    assert tie.name == "oma"


@pytest.mark.parametrize("who", ["funder", "stranger", "other_coordinator"])
def test_others_cannot_change_the_map(cast, start_map, make_tie, who):
    with pytest.raises(Refused):
        make_tie(start_map, "oma", by=getattr(cast, who))


def test_after_the_year_the_map_stays_as_it_was(cast, coached, start_map, make_tie, make_map):
    Trajectory.objects.filter(pk=coached.pk).update(phase=Phase.CLOSED)
    coached.phase = Phase.CLOSED

    with pytest.raises(Refused, match="active year and aftercare"):
        make_tie(start_map, "oma", by=cast.coordinator)
    with pytest.raises(Refused):
        make_map(coached, moment=Moment.END, by=cast.coordinator)


def test_removing_a_tie_keeps_it_on_the_earlier_map(cast, coached, start_map, make_map):
    halfway = make_map(coached, moment=Moment.HALFWAY, copy_from=start_map)
    tie = halfway.ties.get(kind=TieKind.NEIGHBOURS)
    tie.network_map = halfway

    services.tie_remove(tie=tie, by=cast.buddy, version=1)

    assert not halfway.ties.filter(kind=TieKind.NEIGHBOURS).exists()
    assert start_map.ties.filter(kind=TieKind.NEIGHBOURS).exists()
    assert AuditEntry.objects.filter(detail="network tie removed").exists()
