"""Network maps for a few of the demo's coached households, made with the product's own services.

Both households of the demo buddy and about one in three of the other coached households get
two maps: one just after the start of the year, and one at halfway (or at the end, in
aftercare; or a recent extra moment for a household not yet halfway). The later map is a copy
of the first that grew, as networks in the programme do: a few new people and places (the
language café, volunteering at the food bank, a neighbour), ties that got stronger, and a tie
that cost energy grown weaker or gone. The services stamp "today"; the days of the maps are
set by the caller and their time stamps moved back to those days (as walks.py does).

Safe to run twice: a household that has a map already is left alone.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from kansrijk.core.dates import today
from kansrijk.network import services
from kansrijk.network.choices import Flow, Moment, Strength, TieKind
from kansrijk.network.models import NetworkMap, Tie
from kansrijk.trajectories.choices import COACHING_PHASES, Phase
from kansrijk.trajectories.models import Trajectory

from .loader import DEMO_BUDDY
from .walks import at

SEED = 2028
# A second moment needs some time to have passed since the first.
MIN_DAYS_COACHED = 45
EVERY_NTH = 3


@dataclass(frozen=True)
class TieRecipe:
    name: str
    kind: TieKind
    strength: Strength
    flow: Flow
    organisation: bool = False
    note: str = ""


T = TieRecipe
F, FR, N, S, W, C, H, G, CL, OT = (
    TieKind.FAMILY,
    TieKind.FRIENDS,
    TieKind.NEIGHBOURS,
    TieKind.SCHOOL,
    TieKind.WORK,
    TieKind.CARE,
    TieKind.HELP,
    TieKind.FAITH,
    TieKind.CLUBS,
    TieKind.OTHER,
)
STRONG, NORMAL, WEAK = Strength.STRONG, Strength.NORMAL, Strength.WEAK
SUPPORT, COSTS, BOTH = Flow.SUPPORT, Flow.COSTS, Flow.BOTH

# fmt: off
# Who is around a household at the start: a few people, the WIJ-team, often a tie that drains.
START_NETWORKS: tuple[tuple[TieRecipe, ...], ...] = (
    (T("zus", F, NORMAL, BOTH), T("moeder", F, WEAK, COSTS, note="Bemoeit zich veel"),
     T("WIJ-team", H, NORMAL, SUPPORT, True), T("school van de kinderen", S, WEAK, BOTH, True),
     T("deurwaarder", OT, NORMAL, COSTS, True)),
    (T("oma", F, STRONG, SUPPORT, note="Past op woensdag op de kinderen"),
     T("ex-partner", F, WEAK, COSTS), T("buurvrouw", N, WEAK, SUPPORT),
     T("WIJ-team", H, NORMAL, SUPPORT, True), T("huisarts", C, NORMAL, SUPPORT, True)),
    (T("broer", F, WEAK, BOTH), T("vriendin Sandra", FR, NORMAL, SUPPORT),
     T("WIJ-team", H, WEAK, SUPPORT, True), T("moskee", G, NORMAL, SUPPORT, True),
     T("woningcorporatie", OT, NORMAL, COSTS, True, "Brieven over de huurachterstand")),
    (T("moeder", F, NORMAL, SUPPORT), T("tante", F, WEAK, SUPPORT),
     T("WIJ-team", H, NORMAL, SUPPORT, True), T("school van de kinderen", S, NORMAL, SUPPORT, True)),
)
# What a year adds: new people and places, one by one.
NEW_TIES: tuple[TieRecipe, ...] = (
    T("taalcafé bibliotheek", CL, NORMAL, SUPPORT, True, "Elke dinsdag"),
    T("voedselbank", W, NORMAL, SUPPORT, True, "Vrijwilligerswerk op vrijdag"),
    T("buurvrouw Els", N, NORMAL, SUPPORT, note="Drinkt koffie, helpt met de post"),
    T("voetbalclub van de zoon", CL, NORMAL, BOTH, True),
    T("moeders van het schoolplein", FR, NORMAL, SUPPORT),
    T("Kredietbank", H, NORMAL, SUPPORT, True),
    T("buurthuis", CL, WEAK, SUPPORT, True),
)
STRENGTHS_START = (
    "Kookt graag en goed. Zorgt goed voor de kinderen.",
    "Doorzetter. Lacht veel, ook als het zwaar is.",
    "Kan goed met geld omgaan als er overzicht is. Handig met naaien.",
    "Is eerlijk over wat niet lukt. Houdt van wandelen.",
)
STRENGTHS_LATER = (
    "Durft nu zelf te bellen met instanties. Helpt anderen in de wijk.",
    "Heeft weer een dagritme. Is trots op het vrijwilligerswerk.",
    "Vraagt eerder om hulp. Spreekt meer Nederlands.",
)
# fmt: on
STRONGER = {WEAK: NORMAL, NORMAL: STRONG, STRONG: STRONG}


def network_demo_households() -> int:
    """Give chosen coached demo households without a map two moments; answer how many."""
    rng = random.Random(SEED)
    now = today()
    trajectories = (
        Trajectory.objects.filter(
            phase__in=COACHING_PHASES,
            network_maps__isnull=True,
            matched_on__lte=now - dt.timedelta(days=MIN_DAYS_COACHED),
        )
        .select_related("household", "buddy")
        .order_by("pk")
    )
    mapped = 0
    with transaction.atomic():
        for index, trajectory in enumerate(trajectories):
            if trajectory.buddy.username == DEMO_BUDDY or index % EVERY_NTH == 0:
                _two_moments(rng, trajectory, now)
                mapped += 1
    return mapped


def _later_moment(trajectory: Trajectory, now: dt.date) -> tuple[Moment, dt.date]:
    if trajectory.phase == Phase.AFTERCARE and trajectory.active_year_ends_on <= now:
        return Moment.END, trajectory.active_year_ends_on
    if trajectory.halfway_on <= now:
        return Moment.HALFWAY, trajectory.halfway_on
    return Moment.OTHER, now - dt.timedelta(days=3)


def _two_moments(rng: random.Random, trajectory: Trajectory, now: dt.date) -> None:
    buddy = trajectory.buddy
    first_day = trajectory.matched_on + dt.timedelta(days=rng.randint(7, 20))
    start = services.network_map_create(
        trajectory=trajectory,
        by=buddy,
        moment=Moment.START,
        drawn_on=first_day,
        strengths=rng.choice(STRENGTHS_START),
    )
    for recipe in rng.choice(START_NETWORKS):
        _add(start, buddy, recipe)
    _backdate(start, first_day)

    moment, later_day = _later_moment(trajectory, now)
    later = services.network_map_create(
        trajectory=trajectory,
        by=buddy,
        moment=moment,
        drawn_on=later_day,
        strengths=rng.choice(STRENGTHS_LATER),
        copy_from=start,
    )
    _grow(rng, later, buddy)
    _backdate(later, later_day)


def _add(network_map: NetworkMap, by, recipe: TieRecipe) -> Tie:
    return services.tie_add(
        network_map=network_map,
        by=by,
        name=recipe.name,
        kind=recipe.kind,
        strength=recipe.strength,
        flow=recipe.flow,
        is_organisation=recipe.organisation,
        note=recipe.note,
    )


def _grow(rng: random.Random, network_map: NetworkMap, by) -> None:
    """Two or three new ties, a few stronger, and what drained grown weaker or gone."""
    for tie in list(network_map.ties.order_by("id")):
        tie.network_map = network_map
        if tie.flow == Flow.COSTS and tie.is_organisation:
            services.tie_remove(tie=tie, by=by, version=tie.version)  # the debt is arranged
            continue
        strength, flow = tie.strength, tie.flow
        if tie.flow == Flow.COSTS:
            strength = Strength.WEAK
            flow = Flow.BOTH if rng.random() < 0.5 else Flow.COSTS
        elif rng.random() < 0.6:
            strength = STRONGER[tie.strength]
            flow = Flow.SUPPORT if tie.flow == Flow.BOTH and rng.random() < 0.5 else tie.flow
        if (strength, flow) != (tie.strength, tie.flow):
            services.tie_edit(
                tie=tie,
                by=by,
                version=tie.version,
                name=tie.name,
                kind=tie.kind,
                strength=strength,
                flow=flow,
                is_organisation=tie.is_organisation,
                note=tie.note,
            )
    taken = {tie.name for tie in network_map.ties.all()}
    fresh = [recipe for recipe in NEW_TIES if recipe.name not in taken]
    for recipe in rng.sample(fresh, k=rng.randint(2, 3)):
        _add(network_map, by, recipe)


def _backdate(network_map: NetworkMap, day: dt.date) -> None:
    NetworkMap.objects.filter(pk=network_map.pk).update(
        created_at=at(day, 20), updated_at=at(day, 20, 30)
    )
    Tie.objects.filter(network_map=network_map).update(created_at=at(day, 20))
