"""Invent a household: who lives in it, where, how to reach them, and why they were referred."""

import random
import unicodedata
from dataclasses import dataclass

from kansrijk.intake.services import NewMember
from kansrijk.people.choices import MemberRelation

from .cast import AreaSpec
from .journeys import Journey
from .texts import BACKGROUNDS, KIND_WEIGHTS, PREFERENCES, SCENARIOS, Background, Scenario

# Letters that read clearly; leaves out SA, SD and SS, which Dutch postcodes never use.
POSTCODE_LETTERS = "ABCEGHJKLMNPRTVWXZ"


def ascii_name(text: str) -> str:
    """'Ayşe El Amrani' → 'ayseelamrani', for usernames and e-mail addresses."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum())


@dataclass
class Profile:
    """Who lives in the household, how to reach them, and why they were referred."""

    participant: NewMember
    others: list[NewMember]
    contact: dict[str, str]
    scenario: Scenario
    preferences: str
    referrer_name: str


def fill_kinds(rng: random.Random, journeys: list[Journey], always: list[str]) -> None:
    """Give each journey without a kind one: `always` once each, the rest by KIND_WEIGHTS."""
    open_slots = [j for j in journeys if not j.kind]
    kinds = always[: len(open_slots)]
    kinds += rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()), k=len(open_slots))
    kinds = kinds[: len(open_slots)]
    rng.shuffle(kinds)
    for journey, kind in zip(open_slots, kinds, strict=True):
        journey.kind = kind


def make_profile(
    rng: random.Random,
    kind: str,
    background_key: str,
    area: AreaSpec,
    number: int,
    year: int,
    taken_names: set[str],
) -> Profile:
    """A household of this kind, as it was in the year it was referred."""
    background = BACKGROUNDS[background_key]
    participant = _participant(rng, kind, background, year, taken_names)
    scenarios = [
        s for s in SCENARIOS if kind in s.fits and not (s.migrants_only and background_key == "nl")
    ]
    return Profile(
        participant=participant,
        others=_others(rng, kind, background, participant, year),
        contact=_contact(rng, participant, background, area, number),
        scenario=rng.choice(scenarios),
        preferences=_preferences(rng, background),
        referrer_name=_referrer_name(rng),
    )


def _is_woman(rng: random.Random, kind: str) -> bool:
    if kind in ("single_mother", "couple"):
        return True
    if kind == "single_father":
        return False
    return rng.random() < 0.6


def _participant(
    rng: random.Random, kind: str, background: Background, year: int, taken_names: set[str]
) -> NewMember:
    given_names = background.women if _is_woman(rng, kind) else background.men
    age = rng.randint(18, 23) if kind == "young" else rng.randint(24, 48)
    while True:
        given, family = rng.choice(given_names), rng.choice(background.family_names)
        if f"{given} {family}" not in taken_names:
            taken_names.add(f"{given} {family}")
            return NewMember(MemberRelation.PARTICIPANT, given, family, year - age)


def _others(
    rng: random.Random, kind: str, background: Background, participant: NewMember, year: int
) -> list[NewMember]:
    if kind in ("working_poor", "young"):
        return []
    members = []
    if kind == "couple":
        partner_name = rng.choice(background.men)
        partner_born = participant.birth_year - rng.randint(-3, 6)
        family_name = rng.choice(background.family_names)
        members.append(NewMember(MemberRelation.PARTNER, partner_name, family_name, partner_born))
    child_count = rng.choices([1, 2, 3, 4], weights=[3, 4, 2, 1])[0]
    first_possible = max(participant.birth_year + 19, year - 17)
    names = rng.sample(background.children, child_count)
    for name in names:
        members.append(
            NewMember(MemberRelation.CHILD, name, birth_year=rng.randint(first_possible, year))
        )
    return members


def _contact(
    rng: random.Random, participant: NewMember, background: Background, area: AreaSpec, number: int
) -> dict[str, str]:
    letters = "".join(rng.choices(POSTCODE_LETTERS, k=2))
    email = ""
    if rng.random() < 0.3:
        local = f"{ascii_name(participant.given_name)}.{ascii_name(participant.family_name)}"
        email = f"{local}@example.com"
    return {
        "street_address": f"{rng.choice(area.streets)} {rng.randint(1, 160)}",
        "postcode": f"{area.postcode_prefix} {letters}",
        # 06-1234 5xxx: numbers that are obviously made up.
        "phone": f"06-1234 5{number:03d}",
        "email": email,
        "languages": rng.choice(background.languages),
    }


def _preferences(rng: random.Random, background: Background) -> str:
    if background.buddy_language and rng.random() < 0.5:
        return f"Spreekt bij voorkeur {background.buddy_language}"
    return rng.choice(PREFERENCES)


def _referrer_name(rng: random.Random) -> str:
    dutch = BACKGROUNDS["nl"]
    return f"{rng.choice(dutch.women + dutch.men)} {rng.choice(dutch.family_names)}"


# The first language a demo household speaks, when the product has pages in it, is the one
# its participant's own pages use; "Nederlands, Arabisch" reads Dutch.
_PAGE_LANGUAGES = {"Arabisch": "ar", "Turks": "tr", "Pools": "pl", "Tigrinya": "ti"}


def page_language(languages: str) -> str:
    first = languages.split(",")[0].strip()
    return _PAGE_LANGUAGES.get(first, "nl")
