"""Batch matching: assign a round of waiting households to buddies at once.

The optimum maximises the summed score. A household may stay unmatched when matching it would cost
more score elsewhere than it brings; the greedy assignment is there to compare with, because that is
how a coordinator does it by hand.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from .scoring import Buddy, Seeker, Weights, points

Method = Literal["auto", "dense", "sparse"]

# Above this many cells the dense matrix costs more time and memory than the sparse solver.
DENSE_LIMIT = 2_000_000


@dataclass(frozen=True, slots=True)
class Pair:
    seeker_id: int
    buddy_id: int
    score: float


@dataclass(frozen=True, slots=True)
class Assignment:
    pairs: list[Pair]
    unmatched: list[int] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(p.score for p in self.pairs)


def feasible_pairs(
    seekers: Sequence[Seeker], buddies: Sequence[Buddy], weights: Weights
) -> list[tuple[int, int, float]]:
    """(seeker index, buddy index, score) for every pair that breaks no hard constraint.

    Buddies are looked up by the areas they reach, since out of reach is a hard constraint and this
    keeps a round of thousands from scoring every pair.
    """
    by_area: dict[str, list[int]] = {}
    for j, buddy in enumerate(buddies):
        for area in buddy.areas:
            by_area.setdefault(area, []).append(j)
    pairs = []
    for i, seeker in enumerate(seekers):
        for j in by_area.get(seeker.area, ()):
            found = points(seeker, buddies[j], weights)
            if found is not None:
                pairs.append((i, j, found))
    return pairs


def _result(
    seekers: Sequence[Seeker],
    buddies: Sequence[Buddy],
    chosen: list[tuple[int, int, float]],
) -> Assignment:
    matched = {i for i, _, _ in chosen}
    return Assignment(
        pairs=[Pair(seekers[i].id, buddies[j].id, s) for i, j, s in sorted(chosen)],
        unmatched=[c.id for i, c in enumerate(seekers) if i not in matched],
    )


def greedy_assignment(
    seekers: Sequence[Seeker], buddies: Sequence[Buddy], weights: Weights
) -> Assignment:
    """Best pair first, then the best pair among what is left."""
    room = [b.room for b in buddies]
    taken: set[int] = set()
    chosen = []
    for i, j, s in sorted(feasible_pairs(seekers, buddies, weights), key=lambda p: -p[2]):
        if i not in taken and room[j] > 0:
            taken.add(i)
            room[j] -= 1
            chosen.append((i, j, s))
    return _result(seekers, buddies, chosen)


def optimal_assignment(
    seekers: Sequence[Seeker],
    buddies: Sequence[Buddy],
    weights: Weights,
    *,
    method: Method = "auto",
) -> Assignment:
    """The assignment with the highest total score that breaks no capacity or hard constraint.

    Each buddy becomes one column per free place. Each household also gets a column of its own that
    means "unmatched" and earns nothing, so the solver maximises the total score rather than the
    number of pairs (which could lower the total below greedy's).
    """
    pairs = feasible_pairs(seekers, buddies, weights)
    if not pairs:
        return _result(seekers, buddies, [])
    place_of: list[int] = []  # column -> buddy index
    first_place: list[int] = []
    for j, buddy in enumerate(buddies):
        first_place.append(len(place_of))
        place_of.extend([j] * buddy.room)
    n, places = len(seekers), len(place_of)
    rows, cols, scores = [], [], []
    for i, j, s in pairs:
        for k in range(buddies[j].room):
            rows.append(i)
            cols.append(first_place[j] + k)
            scores.append(s)
    row = np.array(rows, dtype=np.int64)
    col = np.array(cols, dtype=np.int64)
    gain = np.array(scores, dtype=np.float64)
    if method == "dense" or (method == "auto" and n * (places + n) <= DENSE_LIMIT):
        assigned = _solve_dense(n, places, row, col, gain)
    else:
        assigned = _solve_sparse(n, places, row, col, gain)
    by_pair = {(i, j): s for i, j, s in pairs}
    chosen = [(i, place_of[c], by_pair[i, place_of[c]]) for i, c in assigned if c < places]
    return _result(seekers, buddies, chosen)


def _solve_dense(
    n: int, places: int, row: np.ndarray, col: np.ndarray, gain: np.ndarray
) -> list[tuple[int, int]]:
    # An infeasible cell costs more than the household's own "unmatched" column, which no other
    # row can take, so the solver never picks one.
    infeasible = float(gain.max(initial=0.0)) * n + 1.0
    cost = np.full((n, places + n), infeasible)
    cost[row, col] = -gain
    cost[np.arange(n), places + np.arange(n)] = 0.0
    r, c = linear_sum_assignment(cost)
    return list(zip(r.tolist(), c.tolist(), strict=True))


def _solve_sparse(
    n: int, places: int, row: np.ndarray, col: np.ndarray, gain: np.ndarray
) -> list[tuple[int, int]]:
    # A missing entry is a missing edge here, so weights must stay positive: shift every gain
    # below one ceiling, which changes each full matching's cost by the same n * ceiling.
    ceiling = float(gain.max(initial=0.0)) + 1.0
    own = np.arange(n)
    graph = csr_array(
        (
            np.concatenate([ceiling - gain, np.full(n, ceiling)]),
            (np.concatenate([row, own]), np.concatenate([col, places + own])),
        ),
        shape=(n, places + n),
    )
    r, c = min_weight_full_bipartite_matching(graph)
    return list(zip(r.tolist(), c.tolist(), strict=True))
