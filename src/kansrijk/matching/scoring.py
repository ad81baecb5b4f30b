"""How well one buddy fits one household, with the reasons in words.

Pure computation: no models and no queries, so the batch assignment and the proposal pages share
one rule book, and the benchmark runs without a database.
"""

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .languages import language_name

Location = tuple[float, float]  # (latitude, longitude) in degrees

EARTH_RADIUS_KM = 6371.0


class Strength(StrEnum):
    """How hard a participant holds to a wish: a must is a hard constraint, a nice earns points."""

    MUST = "must"
    NICE = "nice"


class Refusal(StrEnum):
    """Why a buddy cannot be proposed to a household at all."""

    UNAVAILABLE = "unavailable"
    TRAINING = "training"
    VOG = "vog"
    EXCLUDED = "excluded"
    NO_ROOM = "no_room"
    OUT_OF_REACH = "out_of_reach"
    GENDER = "gender"
    EVENING = "evening"

    @property
    def message(self) -> Promise:
        return _REFUSAL_MESSAGES[self]


_REFUSAL_MESSAGES: dict[Refusal, Promise] = {
    Refusal.UNAVAILABLE: _("is on holiday or taking a break"),
    Refusal.TRAINING: _("has not finished the buddy training"),
    Refusal.VOG: _("has no valid certificate of conduct (VOG)"),
    Refusal.EXCLUDED: _("the participant does not want this buddy"),
    Refusal.NO_ROOM: _("has no room for another household"),
    Refusal.OUT_OF_REACH: _("cannot reach the household's neighbourhood"),
    Refusal.GENDER: _("is not the gender the participant asked for"),
    Refusal.EVENING: _("cannot visit in the evening, which the participant needs"),
}

# Lived experience a buddy may share; a tag not listed here is shown as it is.
LIVED_EXPERIENCE: dict[str, Promise] = {
    "debt": _("debt stress"),
    "single_parent": _("raising children alone"),
    "migration": _("starting over in a new country"),
    "unemployment": _("looking for work"),
    "illness": _("long-term illness"),
    "housing": _("housing insecurity"),
}

# Built once: a lazy plural message is a new class each time it is made, which a round of
# thousands of households would feel.
_SPEAKS = _("speaks %(language)s")
_LIVES_AWAY = _("lives about %(km).1f km away")
_SAME_SPOT = _("lives in the same neighbourhood")
_REACHES = _("can reach the neighbourhood")
# Locations are neighbourhood centres: closer than this, they are one neighbourhood.
SAME_SPOT_KM = 0.5
_HAS_ROOM = ngettext_lazy(
    "has room for one more household", "has room for %(count)d more households", "count"
)
_EVENING = _("can visit in the evening")
_KNOWS = _("knows %(experience)s from own life")
_PREFERRED_GENDER = _("is the gender the participant prefers")

_PREFERS_GENDER: dict[str, Promise] = {
    "woman": _("participant prefers a woman"),
    "man": _("participant prefers a man"),
}


@dataclass(frozen=True, slots=True)
class Seeker:
    """A waiting household as the matcher sees it."""

    id: int
    area: str
    location: Location | None = None
    languages: frozenset[str] = frozenset()
    preferred_gender: str | None = None
    gender_wish: Strength = Strength.NICE
    wants_evening: bool = False
    evening_wish: Strength = Strength.NICE
    lived_experience: frozenset[str] = frozenset()
    excluded_buddies: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Buddy:
    """A buddy as the matcher sees them."""

    id: int
    areas: frozenset[str]
    location: Location | None = None
    languages: frozenset[str] = frozenset()
    gender: str = ""
    evening: bool = False
    lived_experience: frozenset[str] = frozenset()
    capacity: int = 1
    load: int = 0
    unavailable: bool = False
    training_complete: bool = True
    # Required by the programme (see `academy`) and missing or expired.
    vog_missing: bool = False

    @property
    def room(self) -> int:
        return max(self.capacity - self.load, 0)


@dataclass(frozen=True, slots=True)
class Weights:
    """Points per criterion. A programme may set its own; these defaults favour language and the
    participant's own wishes over convenience."""

    language: float = 3.0  # per shared language
    distance: float = 4.0  # at distance zero, falling linearly to nothing at max_km
    max_km: float = 10.0
    same_area: float = 2.0  # when a location is missing, reaching the neighbourhood stands in
    room: float = 1.0  # per free place, so a buddy with no household yet comes first
    gender: float = 3.0
    evening: float = 2.0
    lived_experience: float = 2.5  # per shared experience


@dataclass(frozen=True, slots=True)
class Reason:
    """A plain sentence and the points it earned; translated when shown, not when scored."""

    message: Promise
    points: float
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        # A plural message picks its form from the params, so format the lazy text itself.
        return str(self.message % self.params) if self.params else str(self.message)


@dataclass(frozen=True, slots=True)
class Score:
    total: float
    reasons: list[Reason]


def haversine_km(a: Location, b: Location) -> float:
    """Great-circle distance; plenty precise at the scale of a municipality."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def refusal(seeker: Seeker, buddy: Buddy) -> Refusal | None:
    """The first hard constraint this pair breaks, or None when the buddy may be proposed."""
    if buddy.unavailable:
        return Refusal.UNAVAILABLE
    if not buddy.training_complete:
        return Refusal.TRAINING
    if buddy.vog_missing:
        return Refusal.VOG
    if buddy.id in seeker.excluded_buddies:
        return Refusal.EXCLUDED
    if buddy.load >= buddy.capacity:
        return Refusal.NO_ROOM
    if seeker.area not in buddy.areas:
        return Refusal.OUT_OF_REACH
    if (
        seeker.preferred_gender
        and seeker.gender_wish == Strength.MUST
        and buddy.gender != seeker.preferred_gender
    ):
        return Refusal.GENDER
    if seeker.wants_evening and seeker.evening_wish == Strength.MUST and not buddy.evening:
        return Refusal.EVENING
    return None


def score(seeker: Seeker, buddy: Buddy, weights: Weights) -> Score | None:
    """How well this buddy fits this household, or None when a hard constraint is broken."""
    if refusal(seeker, buddy) is not None:
        return None
    reasons: list[Reason] = []
    for code in sorted(seeker.languages & buddy.languages):
        reasons.append(Reason(_SPEAKS, weights.language, {"language": language_name(code)}))
    if seeker.location and buddy.location:
        km = haversine_km(seeker.location, buddy.location)
        points = weights.distance * max(0.0, 1 - km / weights.max_km)
        if km < SAME_SPOT_KM:
            reasons.append(Reason(_SAME_SPOT, points))
        else:
            reasons.append(Reason(_LIVES_AWAY, points, {"km": km}))
    else:
        reasons.append(Reason(_REACHES, weights.same_area))
    reasons.append(Reason(_HAS_ROOM, weights.room * buddy.room, {"count": buddy.room}))
    if seeker.preferred_gender and buddy.gender == seeker.preferred_gender:
        message = _PREFERS_GENDER.get(seeker.preferred_gender, _PREFERRED_GENDER)
        reasons.append(Reason(message, weights.gender))
    if seeker.wants_evening and buddy.evening:
        reasons.append(Reason(_EVENING, weights.evening))
    for tag in sorted(seeker.lived_experience & buddy.lived_experience):
        reasons.append(
            Reason(
                _KNOWS,
                weights.lived_experience,
                {"experience": LIVED_EXPERIENCE.get(tag, tag)},
            )
        )
    return Score(total=sum(r.points for r in reasons), reasons=reasons)


def points(seeker: Seeker, buddy: Buddy, weights: Weights) -> float | None:
    """`score(...).total` without the reasons in words, for rounds of thousands of pairs.

    Building the reasons is most of the cost of scoring, and a round only shows the pairs it
    chose; a property test keeps the two in step.
    """
    if refusal(seeker, buddy) is not None:
        return None
    total = weights.language * len(seeker.languages & buddy.languages)
    if seeker.location and buddy.location:
        km = haversine_km(seeker.location, buddy.location)
        total += weights.distance * max(0.0, 1 - km / weights.max_km)
    else:
        total += weights.same_area
    total += weights.room * buddy.room
    if seeker.preferred_gender and buddy.gender == seeker.preferred_gender:
        total += weights.gender
    if seeker.wants_evening and buddy.evening:
        total += weights.evening
    total += weights.lived_experience * len(seeker.lived_experience & buddy.lived_experience)
    return total
