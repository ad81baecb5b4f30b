"""Who each demo household is (its type, and whether it is "working poor"), and which running
years or aftercare periods were extended. Each choice comes from a generator of its own, seeded
by the household's name, so every other figure of the demo stays as it was."""

import datetime as dt
import random

from kansrijk.core.dates import add_months
from kansrijk.intake.services import household_type_record
from kansrijk.people.choices import HouseholdType, MemberRelation
from kansrijk.people.models import User
from kansrijk.trajectories.choices import ExtensionReason, Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.services import extension_limit, trajectory_extend

from .profiles import Profile
from .texts import EXTENSION_NOTES

# The working poor among the households with children: in Groningen about one in five.
WORKING_POOR_SHARE = {
    HouseholdType.SINGLE_PARENT: 0.2,
    HouseholdType.COUPLE_WITH_CHILDREN: 0.35,
}
# A running year or aftercare that ends within this many days may have been extended.
EXTENDED_WHEN_ENDING_WITHIN = 50
EXTENDED_SHARE = 0.45


def household_type_of(kind: str, profile: Profile) -> HouseholdType:
    """The type the intake records, from the demo's kind of household and its members."""
    if kind == "young":
        return HouseholdType.YOUNG_PERSON
    relations = {member.relation for member in profile.others}
    children = MemberRelation.CHILD in relations
    if MemberRelation.PARTNER in relations:
        return HouseholdType.COUPLE_WITH_CHILDREN if children else HouseholdType.COUPLE
    return HouseholdType.SINGLE_PARENT if children else HouseholdType.SINGLE


def record_household_type(
    trajectory: Trajectory, kind: str, profile: Profile, by: User
) -> Trajectory:
    """The household type and "working poor", as the coordinator records them at the intake."""
    household_type = household_type_of(kind, profile)
    rng = random.Random(f"household type {trajectory.household.display_name}")
    working_poor = kind == "working_poor" or rng.random() < WORKING_POOR_SHARE.get(
        household_type, 0.1
    )
    household_type_record(
        trajectory=trajectory,
        by=by,
        household_type=household_type,
        working_poor=working_poor,
        version=trajectory.version,
    )
    return Trajectory.objects.select_related("household").get(pk=trajectory.pk)


def extend_if_needed(trajectory: Trajectory, today: dt.date, by: User) -> Trajectory:
    """Some households whose year or aftercare ends soon need their buddy a little longer
    ("zo lang als nodig"): the coordinator extended it by two to four months."""
    if trajectory.phase not in (Phase.ACTIVE, Phase.AFTERCARE):
        return trajectory
    active = trajectory.phase == Phase.ACTIVE
    ends_on = trajectory.active_year_ends_on if active else trajectory.aftercare_ends_on
    assert ends_on is not None
    rng = random.Random(f"extension {trajectory.household.display_name}")
    if (ends_on - today).days > EXTENDED_WHEN_ENDING_WITHIN or rng.random() > EXTENDED_SHARE:
        return trajectory
    new_end = max(add_months(ends_on, rng.randint(2, 4)), today + dt.timedelta(days=30))
    reason = rng.choice(
        [
            ExtensionReason.GOALS_UNDER_WAY,
            ExtensionReason.GOALS_UNDER_WAY,
            ExtensionReason.CALM_NOT_YET,
            ExtensionReason.DOORBRAAK_RUNNING,
        ]
    )
    extension = trajectory_extend(
        trajectory=trajectory,
        by=by,
        new_end=min(new_end, extension_limit(trajectory)),
        reason=reason,
        note=EXTENSION_NOTES[reason],
        version=trajectory.version,
    )
    return extension.trajectory
