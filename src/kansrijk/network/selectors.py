"""Reads of the household's network: its maps, one map as an ecomap, two maps compared.

Callers pass a trajectory they got through `network_for_user_or_404`. A map page reads in a
fixed number of queries, however many ties the map has.
"""

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.parts import Content
from kansrijk.core.dates import long_date
from kansrijk.people.models import Household, User
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.selectors import trajectory_for_user_or_404

from .choices import STRENGTH_ORDER, TieKind
from .comparison import Comparison, compare
from .ecomap import Ecomap, TieFacts, build_ecomap, sector_kinds
from .models import NetworkMap, Tie

# ---- access ----


def network_for_user_or_404(user: User, household_uuid: UUID | str) -> tuple[Household, Trajectory]:
    """The household and the trajectory whose network this user may see; otherwise 404.

    The network is mapped from the start of the active year; it is part "wishes and plan" of
    the file, so a backup professional needs the participant's consent for that part.
    """
    household, trajectory = trajectory_for_user_or_404(user, household_uuid)
    policy.require(
        trajectory.matched_on is not None and policy.may_see(user, trajectory, Content.NETWORK)
    )
    return household, trajectory


def map_in(trajectory: Trajectory, map_uuid: UUID | str) -> NetworkMap:
    network_map = get_object_or_404(NetworkMap, trajectory=trajectory, uuid=map_uuid)
    network_map.trajectory = trajectory
    return network_map


def tie_in(network_map: NetworkMap, tie_uuid: UUID | str) -> Tie:
    tie = get_object_or_404(Tie, network_map=network_map, uuid=tie_uuid)
    tie.network_map = network_map
    return tie


# ---- maps ----


def maps_of(trajectory: Trajectory) -> list[NetworkMap]:
    """The trajectory's maps, oldest first, each with `tie_count` and `label`: one query."""
    maps = list(
        NetworkMap.objects.filter(trajectory=trajectory)
        .annotate(tie_count=Count("ties"))
        .order_by("drawn_on", "id")
    )
    for network_map in maps:
        network_map.trajectory = trajectory
        network_map.label = map_name(network_map)
    return maps


def map_name(network_map: NetworkMap) -> str:
    """ "Start, 3 March 2025": how a map is named in headings and lists."""
    return _("%(moment)s, %(date)s") % {
        "moment": network_map.get_moment_display().capitalize(),
        "date": long_date(network_map.drawn_on),
    }


def _tie_order(tie: Tie) -> tuple:
    """As the map goes round: by kind, strongest first, then in the order they were added."""
    kind = TieKind.values.index(tie.kind) if tie.kind in TieKind.values else len(TieKind.values)
    strength = STRENGTH_ORDER.index(tie.strength) if tie.strength in STRENGTH_ORDER else 0
    return (kind, -strength, tie.pk)


def ties_of(maps: list[NetworkMap]) -> dict[int, list[Tie]]:
    """The ties of these maps, per map id, in the order of the table: one query."""
    found: dict[int, list[Tie]] = {m.pk: [] for m in maps}
    by_pk = {m.pk: m for m in maps}
    for tie in Tie.objects.filter(network_map__in=maps).order_by("id"):
        tie.network_map = by_pk[tie.network_map_id]
        found[tie.network_map_id].append(tie)
    for ties in found.values():
        ties.sort(key=_tie_order)
    return found


def _facts(ties: list[Tie]) -> list[TieFacts]:
    return [
        TieFacts(
            key=tie.uuid.hex,
            name=tie.name,
            kind=tie.kind,
            strength=tie.strength,
            flow=tie.flow,
            is_organisation=tie.is_organisation,
            thread=tie.thread.hex,
        )
        for tie in ties
    ]


def _drawn(ties: list[Tie]) -> list[TieFacts]:
    """In the order they were added, so a tie keeps its place when another is added."""
    return _facts(sorted(ties, key=lambda t: t.pk))


@dataclass
class MapView:
    """One map as a page shows it: the map, its ties in table order and the ecomap."""

    network_map: NetworkMap
    name: str
    ties: list[Tie]
    ecomap: Ecomap
    # A short prefix for the ids inside the drawing, unique on a page with two maps.
    dom_id: str


def map_view(
    network_map: NetworkMap, ties: list[Tie], household: Household, kinds: list[str] | None = None
) -> MapView:
    name = map_name(network_map)
    return MapView(
        network_map=network_map,
        name=name,
        ties=ties,
        ecomap=build_ecomap(
            _drawn(ties),
            title=_("Network map: %(name)s") % {"name": name},
            centre_name=household.display_name,
            kinds=kinds,
        ),
        dom_id=f"map-{network_map.uuid.hex[:8]}",
    )


@dataclass
class NetworkPage:
    """The network page: every map of the year, the one shown, and what changed before it."""

    maps: list[NetworkMap]
    shown: MapView | None
    previous: NetworkMap | None
    comparison: Comparison | None


def network_page(trajectory: Trajectory, map_uuid: UUID | str | None = None) -> NetworkPage:
    """The map asked for (else the latest) with the comparison to the map before it.

    Three queries whatever the number of maps and ties: the maps, and the ties of the two.
    """
    maps = maps_of(trajectory)
    if map_uuid is None:
        shown = maps[-1] if maps else None
    else:
        shown = next((m for m in maps if m.uuid == UUID(str(map_uuid))), None)
        policy.require(shown is not None)
    if shown is None:
        return NetworkPage(maps=maps, shown=None, previous=None, comparison=None)
    index = maps.index(shown)
    previous = maps[index - 1] if index > 0 else None
    ties = ties_of([m for m in (previous, shown) if m is not None])
    comparison = (
        compare(_facts(ties[previous.pk]), _facts(ties[shown.pk])) if previous is not None else None
    )
    return NetworkPage(
        maps=maps,
        shown=map_view(shown, ties[shown.pk], trajectory.household),
        previous=previous,
        comparison=comparison,
    )


@dataclass
class ComparePage:
    maps: list[NetworkMap]
    before: MapView
    after: MapView
    comparison: Comparison


def compare_page(
    trajectory: Trajectory, before_uuid: str | None, after_uuid: str | None
) -> ComparePage | None:
    """Two maps side by side with what changed, the earlier one first; None with fewer than two.

    Without a (valid) choice: the first map of the year and the latest, to show how the
    network grew over the year. The two are drawn with the same sectors.
    """
    maps = maps_of(trajectory)
    if len(maps) < 2:
        return None
    by_uuid = {m.uuid.hex: m for m in maps}
    before = by_uuid.get(_hex(before_uuid), maps[0])
    after = by_uuid.get(_hex(after_uuid), maps[-1])
    if before.pk == after.pk:
        before, after = maps[0], maps[-1]
    if (after.drawn_on, after.pk) < (before.drawn_on, before.pk):
        before, after = after, before
    ties = ties_of([before, after])
    household = trajectory.household
    kinds = sector_kinds(_drawn(ties[before.pk]), _drawn(ties[after.pk]))
    return ComparePage(
        maps=maps,
        before=map_view(before, ties[before.pk], household, kinds),
        after=map_view(after, ties[after.pk], household, kinds),
        comparison=compare(_facts(ties[before.pk]), _facts(ties[after.pk])),
    )


def _hex(value: str | None) -> str:
    try:
        return UUID(str(value)).hex if value else ""
    except ValueError:
        return ""


def portal_network(trajectory: Trajectory | None) -> MapView | None:
    """The participant's latest network map for her own page: the drawing and who is on it.

    The ecomap carries names, kinds and strengths only; the ties' notes (the professionals'
    words) stay on the staff's pages and are not handed to the portal at all.
    """
    if trajectory is None:
        return None
    maps = maps_of(trajectory)
    if not maps:
        return None
    latest = maps[-1]
    return map_view(latest, ties_of([latest])[latest.pk], trajectory.household)
