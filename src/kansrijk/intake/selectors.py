"""Reads for signing a household up: is this household perhaps already known?"""

import re
import unicodedata

from django.db.models import F

from kansrijk.access import policy
from kansrijk.access.parts import Content
from kansrijk.people.models import Programme, User
from kansrijk.trajectories.models import Trajectory

from .choices import VisitSlot
from .models import Intake, Referral

# Dutch mobile and landline numbers have 9 digits after the 0 (or +31): compare those only.
PHONE_DIGITS = 9
_HOUSE_NUMBER = re.compile(r"\d+\s*[a-z]?\b")


def name_key(text: str) -> str:
    """A name as we compare it: no accents, lower case, single spaces ("Éva  de Vries" ≈ "eva de
    vries")."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def phone_key(phone: str) -> str:
    """The last 9 digits, so "06-1122 3344" and "+31 6 11223344" are one number; "" if shorter."""
    digits = "".join(char for char in phone if char.isdigit())
    return digits[-PHONE_DIGITS:] if len(digits) >= PHONE_DIGITS else ""


def address_key(postcode: str, street_address: str) -> str:
    """Postcode and house number ("9736 AB", "Beijumerweg 12a" → "9736ab 12a"); "" if either is
    missing, since a postcode alone covers a whole street."""
    code = postcode.replace(" ", "").casefold()
    # The last number: "1e Hunzestraat 5" lives at number 5.
    numbers = _HOUSE_NUMBER.findall(name_key(street_address))
    if not code or not numbers:
        return ""
    return f"{code} {numbers[-1].replace(' ', '')}"


def possible_duplicates(
    *,
    user: User,
    programme: Programme,
    given_name: str,
    family_name: str,
    phone: str = "",
    postcode: str = "",
    street_address: str = "",
) -> list[Trajectory]:
    """Households of the programme this user sees that may be the one being referred.

    Same participant name (ignoring accents, case and spaces), same phone number, or same
    postcode and house number. Each is answered with its latest trajectory (open first), with
    the household and its area. Two queries: the comparison of names without accents is done
    here, not in the database, so it works the same on SQLite and PostgreSQL.
    """
    wanted_name = name_key(f"{given_name} {family_name}")
    wanted_phone = phone_key(phone)
    wanted_address = address_key(postcode, street_address)
    households = policy.visible_households(user).filter(programme=programme)
    matches = [
        pk
        for pk, name, their_phone, their_postcode, their_address in households.values_list(
            "pk", "display_name", "phone", "postcode", "street_address"
        )
        if name_key(name) == wanted_name
        or (wanted_phone and phone_key(their_phone) == wanted_phone)
        or (wanted_address and address_key(their_postcode, their_address) == wanted_address)
    ]
    if not matches:
        return []
    latest: dict[int, Trajectory] = {}
    trajectories = (
        Trajectory.objects.filter(household_id__in=matches)
        .select_related("household", "household__area")
        .order_by(F("ended_on").desc(nulls_first=True), "-referred_on", "-id")
    )
    for trajectory in trajectories:
        latest.setdefault(trajectory.household_id, trajectory)
    return sorted(latest.values(), key=lambda t: (t.household.display_name, t.household_id))


def referral_stress_for(user: User, trajectory: Trajectory) -> str:
    """What the referrer wrote about the household's stress, where the intake's first step
    starts; empty when there is none or this user may not see the referral's reason."""
    if not policy.may_see(user, trajectory, Content.REFERRAL_REASON):
        return ""
    referral = Referral.objects.filter(trajectory=trajectory).only("stress_sources").first()
    return referral.stress_sources if referral else ""


def referral_wishes_for(user: User, trajectory: Trajectory) -> str:
    """The other wishes for the buddy the referrer wrote down, in their words; empty when there
    are none or this user may not see the referral's wishes."""
    if not policy.may_see(user, trajectory, Content.REFERRAL_WISHES):
        return ""
    referral = Referral.objects.filter(trajectory=trajectory).only("preferences").first()
    return referral.preferences if referral else ""


def visiting_times(intake: Intake | None) -> str:
    """When a buddy can visit, as the intake heard it: the times ticked and the participant's
    own words ("weekday evenings, weekend; not on Wednesdays")."""
    if intake is None:
        return ""
    slots = [str(VisitSlot(s).label) for s in intake.availability_slots if s in VisitSlot.values]
    return "; ".join(part for part in (", ".join(slots), intake.availability) if part)
