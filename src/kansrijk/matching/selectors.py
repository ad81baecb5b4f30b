"""Reads for matching: the programme's buddies as the scorer sees them, ranked for a household.

Callers pass a trajectory whose household they got through `access`.
"""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects

from kansrijk.core.dates import today
from kansrijk.people.models import ProgrammeRole
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.selectors import buddy_roles_with_load

from . import scoring
from .models import MatchWishes, Proposal, split_list


@dataclass(frozen=True)
class Ranked:
    """One buddy for one household: the score and reasons, or why they cannot be proposed."""

    role: ProgrammeRole
    score: scoring.Score | None
    refusal: scoring.Refusal | None


def wishes_for(trajectory: Trajectory) -> MatchWishes:
    """The trajectory's wishes, made empty on first use."""
    wishes, _created = MatchWishes.objects.get_or_create(trajectory=trajectory)
    return wishes


def candidate_for(trajectory: Trajectory, wishes: MatchWishes) -> scoring.Candidate:
    return scoring.Candidate(
        id=trajectory.pk,
        area=str(trajectory.household.area_id),
        languages=split_list(wishes.languages),
        preferred_gender=wishes.preferred_gender or None,
        gender_wish=scoring.Strength(wishes.gender_wish),
        wants_evening=wishes.wants_evening,
        evening_wish=scoring.Strength(wishes.evening_wish),
        lived_experience=split_list(wishes.lived_experience),
        excluded_buddies=frozenset(wishes.excluded.values_list("pk", flat=True)),
    )


def buddy_profile_for(role: ProgrammeRole) -> scoring.BuddyProfile:
    """The scorer's view of a buddy role with `.load` and its profile prefetched.

    A buddy without a profile reaches no area, so they are listed as not possible.
    """
    profile = getattr(role, "matching_profile", None)
    base = scoring.BuddyProfile(
        id=role.user_id, areas=frozenset(), capacity=role.capacity, load=role.load
    )
    if profile is None:
        return base
    return scoring.BuddyProfile(
        id=role.user_id,
        areas=frozenset(str(area.pk) for area in profile.areas.all()),
        languages=split_list(profile.languages),
        gender=profile.gender,
        evening=profile.evening,
        lived_experience=split_list(profile.lived_experience),
        capacity=role.capacity,
        load=role.load,
        unavailable=bool(profile.unavailable_until and profile.unavailable_until >= today()),
        training_complete=profile.training_complete,
    )


def ranked_buddies(trajectory: Trajectory, wishes: MatchWishes) -> list[Ranked]:
    """Every active buddy of the programme, best first; those who cannot be proposed last.

    A fixed number of queries: the roles with their load, their profiles, the profiles' areas.
    """
    roles = buddy_roles_with_load(trajectory.household.programme)
    prefetch_related_objects(roles, "matching_profile__areas")
    candidate = candidate_for(trajectory, wishes)
    weights = scoring.Weights()
    ranked = []
    for role in roles:
        buddy = buddy_profile_for(role)
        ranked.append(
            Ranked(
                role=role,
                score=scoring.score(candidate, buddy, weights),
                refusal=scoring.refusal(candidate, buddy),
            )
        )
    return sorted(ranked, key=lambda r: (r.score is None, -(r.score.total if r.score else 0)))


def open_proposals(trajectory: Trajectory) -> list[Proposal]:
    return list(trajectory.proposals.exclude(status="declined").select_related("buddy"))


def declined_proposals(trajectory: Trajectory) -> list[Proposal]:
    return list(trajectory.proposals.filter(status="declined").select_related("buddy"))
