"""Batch matching benchmark: optimal against greedy on generated rounds.

Run with `make bench` or `.venv/bin/python bench/matching.py`. Not a test: figures go into
docs/performance.md by hand.
"""

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DEBUG", "1")

from kansrijk.matching.assignment import greedy_assignment, optimal_assignment
from kansrijk.matching.scoring import Buddy, Seeker, Strength, Weights

SEED = 20240501
SIZES = [(500, 250), (5_000, 2_500)]
GRONINGEN = (53.2194, 6.5665)
AREAS = [f"area-{n:02d}" for n in range(40)]  # about the number of Groningen wijken
LANGUAGES = ["nl", "en", "ar", "tr", "pl", "ti", "fa", "uk", "so"]
EXPERIENCE = ["debt", "single_parent", "migration", "unemployment", "illness", "housing"]


def _area_centres(rng: random.Random) -> dict[str, tuple[float, float]]:
    lat, lon = GRONINGEN
    return {a: (lat + rng.uniform(-0.06, 0.06), lon + rng.uniform(-0.1, 0.1)) for a in AREAS}


def _near(rng: random.Random, centre: tuple[float, float]) -> tuple[float, float] | None:
    if rng.random() < 0.1:  # some addresses are not geocoded
        return None
    return (centre[0] + rng.gauss(0, 0.006), centre[1] + rng.gauss(0, 0.01))


def _languages(rng: random.Random) -> frozenset[str]:
    spoken = {"nl"} if rng.random() < 0.8 else set()
    spoken |= set(rng.sample(LANGUAGES[1:], rng.choice([0, 1, 1, 2])))
    return frozenset(spoken or {"en"})


def generate(n: int, m: int, seed: int = SEED) -> tuple[list[Seeker], list[Buddy]]:
    rng = random.Random(seed)
    centres = _area_centres(rng)
    buddies = []
    for j in range(m):
        home = rng.choice(AREAS)
        capacity = rng.choice([1, 2])
        buddies.append(
            Buddy(
                id=j,
                areas=frozenset({home, *rng.sample(AREAS, rng.choice([0, 1, 2]))}),
                location=_near(rng, centres[home]),
                languages=_languages(rng),
                gender=rng.choice(["woman", "woman", "man"]),
                evening=rng.random() < 0.4,
                lived_experience=frozenset(rng.sample(EXPERIENCE, rng.choice([0, 1, 2]))),
                capacity=capacity,
                load=rng.choice(range(capacity + 1)) if rng.random() < 0.5 else 0,
                unavailable=rng.random() < 0.05,
                training_complete=rng.random() < 0.95,
            )
        )
    seekers = []
    for i in range(n):
        area = rng.choice(AREAS)
        seekers.append(
            Seeker(
                id=i,
                area=area,
                location=_near(rng, centres[area]),
                languages=_languages(rng),
                preferred_gender=rng.choice([None, None, "woman", "man"]),
                gender_wish=Strength.MUST if rng.random() < 0.3 else Strength.NICE,
                wants_evening=rng.random() < 0.3,
                evening_wish=Strength.MUST if rng.random() < 0.3 else Strength.NICE,
                lived_experience=frozenset(rng.sample(EXPERIENCE, rng.choice([0, 1, 1, 2]))),
                excluded_buddies=frozenset(rng.sample(range(m), rng.choice([0, 0, 1, 2]))),
            )
        )
    return seekers, buddies


def _timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def main() -> None:
    weights = Weights()
    header = f"{'size':>13} {'places':>7} {'optimal s':>10} {'optimal total':>14} {'matched':>8} {'greedy s':>9} {'greedy total':>13} {'matched':>8} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for n, m in SIZES:
        seekers, buddies = generate(n, m)
        places = sum(b.room for b in buddies if b.training_complete and not b.unavailable)
        best, t_best = _timed(optimal_assignment, seekers, buddies, weights)
        greedy, t_greedy = _timed(greedy_assignment, seekers, buddies, weights)
        print(
            f"{f'{n:,} × {m:,}':>13} {places:>7,} {t_best:>10.2f} {best.total:>14,.1f} {len(best.pairs):>8,} "
            f"{t_greedy:>9.2f} {greedy.total:>13,.1f} {len(greedy.pairs):>8,} {best.total / greedy.total:>7.4f}"
        )


if __name__ == "__main__":
    main()
