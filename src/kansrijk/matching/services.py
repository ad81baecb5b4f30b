"""Writes of matching: propose a buddy, the participant's choice, the introduction, both answers.

Every function checks that a coordinator of the programme acts, locks the trajectory at the
version the coordinator saw and the proposal in the status they saw, so two people clicking at
once cannot both succeed.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext as _

from kansrijk.academy.services import training_hold_set
from kansrijk.access import policy
from kansrijk.core.dates import long_date, today
from kansrijk.core.errors import Refused
from kansrijk.core.models import VersionedModel, lock_at_version
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, ProgrammeRole, User
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.selectors import buddy_roles_with_load
from kansrijk.trajectories.services import household_changed, trajectory_match

from .choices import ProposalStatus, Side
from .models import BuddyProfile, MatchingWeights, MatchWishes, Proposal
from .scoring import Refusal
from .selectors import consent_ended_on, ranked_buddies, wishes_for

# The participant chooses between at most this many buddies at a time.
MAX_OPEN_PROPOSALS = 2

# Wishes for a buddy can be written down from the referral until a buddy is found.
WISHES_PHASES = (Phase.REFERRED, Phase.INTAKE, Phase.MATCHING)


def _lock(trajectory: Trajectory, by: User, version: int | None) -> Trajectory:
    if not policy.may_manage(by, trajectory.household):
        raise Refused(_("Only a coordinator of this programme can do this."))
    locked = lock_at_version(Trajectory.objects, trajectory.pk, version, household_changed())
    if locked.phase != Phase.MATCHING:
        raise Refused(_("This household is not looking for a buddy now."))
    locked.household = trajectory.household
    return locked


def _lock_proposal(
    proposal: Proposal, by: User, version: int | None, *statuses: ProposalStatus
) -> Proposal:
    trajectory = _lock(proposal.trajectory, by, version)
    locked = Proposal.objects.select_for_update().select_related("buddy").get(pk=proposal.pk)
    if locked.status not in statuses:
        raise Refused(
            _("Someone else changed this proposal in the meantime. Look at the page again.")
        )
    locked.trajectory = trajectory
    return locked


def proposal_make(
    *, trajectory: Trajectory, by: User, buddy: User, version: int | None
) -> Proposal:
    """Propose a buddy to the household, when no hard rule is broken."""
    with transaction.atomic():
        locked = _lock(trajectory, by, version)
        wishes = wishes_for(locked)
        if locked.proposals.filter(buddy=buddy).exclude(status=ProposalStatus.DECLINED).exists():
            raise Refused(_("%(name)s is already proposed.") % {"name": buddy})
        if locked.proposals.exclude(status=ProposalStatus.DECLINED).count() >= MAX_OPEN_PROPOSALS:
            raise Refused(_("Propose at most two buddies at a time."))
        ended = consent_ended_on(locked)
        if ended is not None:
            raise Refused(
                _(
                    "The participant's consent to find a buddy ended on %(date)s. "
                    "Ask again and record the new consent first."
                )
                % {"date": long_date(ended)}
            )
        ranked = {r.role.user_id: r for r in ranked_buddies(locked, wishes)}
        found = ranked.get(buddy.pk)
        if found is None:
            raise Refused(_("%(name)s is not an active buddy in this programme.") % {"name": buddy})
        if found.refusal == Refusal.EXCLUDED:
            raise Refused(_("%(name)s was declined for this household before.") % {"name": buddy})
        if found.refusal == Refusal.NO_ROOM:
            raise Refused(
                _("%(name)s already coaches as many households as they can.") % {"name": buddy}
            )
        if found.refusal is not None:
            raise Refused(
                _("%(name)s cannot be proposed: %(reason)s.")
                % {"name": buddy, "reason": found.refusal.message}
            )
        return Proposal.objects.create(trajectory=locked, buddy=buddy, proposed_by=by)


def proposal_choose(*, proposal: Proposal, by: User, version: int | None) -> Proposal:
    """The participant chose this buddy; the other proposals are closed without blame."""
    with transaction.atomic():
        locked = _lock_proposal(proposal, by, version, ProposalStatus.PROPOSED)
        if locked.trajectory.proposals.exclude(
            status__in=[ProposalStatus.PROPOSED, ProposalStatus.DECLINED]
        ).exists():
            raise Refused(_("The participant already chose a buddy."))
        locked.trajectory.proposals.filter(status=ProposalStatus.PROPOSED).exclude(
            pk=locked.pk
        ).update(
            status=ProposalStatus.DECLINED,
            declined_by=Side.PARTICIPANT,
            decline_reason=_("The participant chose another buddy."),
        )
        locked.status = ProposalStatus.CHOSEN
        locked.save(update_fields=["status"])
        return locked


def proposal_plan_intro(
    *, proposal: Proposal, by: User, on: dt.date, version: int | None
) -> Proposal:
    """Plan the introduction meeting of participant and buddy."""
    with transaction.atomic():
        locked = _lock_proposal(
            proposal, by, version, ProposalStatus.CHOSEN, ProposalStatus.INTRODUCED
        )
        if on < locked.trajectory.referred_on:
            raise Refused(_("The introduction cannot be before the referral."))
        locked.status = ProposalStatus.INTRODUCED
        locked.intro_on = on
        locked.save(update_fields=["status", "intro_on"])
        return locked


def proposal_answer(
    *, proposal: Proposal, by: User, side: Side, yes: bool, reason: str, version: int | None
) -> Proposal:
    """After the introduction, one side says yes or declines with a reason.

    A decline excludes this buddy for this trajectory and the household goes back to the
    proposals. When both said yes, the household is matched today; its year starts at the
    first meeting (`trajectories.services.trajectory_start_year`).
    """
    with transaction.atomic():
        locked = _lock_proposal(proposal, by, version, ProposalStatus.INTRODUCED)
        if not yes:
            if not reason.strip():
                raise Refused(_("Say why, in a few words."))
            locked.status = ProposalStatus.DECLINED
            locked.declined_by = side
            locked.decline_reason = reason.strip()[:300]
            locked.save(update_fields=["status", "declined_by", "decline_reason"])
            wishes = wishes_for(locked.trajectory)
            if wishes.pk is None:
                # The wishes the buddies were scored with (from the referral and the intake)
                # are written down with the exclusion, so the ranking keeps them.
                wishes.save()
            wishes.excluded.add(locked.buddy)
            return locked
        field = "participant_yes" if side == Side.PARTICIPANT else "buddy_yes"
        setattr(locked, field, True)
        fields = [field]
        if locked.participant_yes and locked.buddy_yes:
            trajectory_match(
                trajectory=locked.trajectory,
                by=by,
                buddy=locked.buddy,
                backup=None,
                paired_on=today(),
                version=locked.trajectory.version,
            )
            locked.status = ProposalStatus.ACCEPTED
            fields.append("status")
        locked.save(update_fields=fields)
        return locked


def proposals_withdraw(*, trajectory: Trajectory, reason: str) -> int:
    """Close the household's open proposals without blame (it moved to another programme):
    their buddies are no longer its to propose. Answers how many. Call inside a transaction
    that holds the trajectory's lock."""
    return trajectory.proposals.exclude(
        status__in=[ProposalStatus.DECLINED, ProposalStatus.ACCEPTED]
    ).update(status=ProposalStatus.DECLINED, declined_by="", decline_reason=reason[:300])


@dataclass
class BatchOutcome:
    made: list[Proposal] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def proposals_make_batch(
    *, programme: Programme, by: User, pairs: list[tuple[UUID, UUID]]
) -> BatchOutcome:
    """Propose each (household uuid, buddy uuid) pair; skip the ones refused, saying why.

    The pairs come back from a page, so each is checked again: the household must wait in this
    programme, the buddy must be one of its buddies, and no buddy gets more households in one
    round than they have room for.
    """
    if not policy.has_role(by, Role.COORDINATOR, programme):
        raise Refused(_("Only a coordinator of this programme can do this."))
    households = policy.visible_households(by).filter(programme=programme)
    trajectories = {
        t.household.uuid: t
        for t in Trajectory.objects.filter(
            household__in=households,
            household__uuid__in=[h for h, _b in pairs],
            phase=Phase.MATCHING,
        ).select_related("household")
    }
    roles = {r.user.uuid: r for r in buddy_roles_with_load(programme)}
    outcome = BatchOutcome()
    used: dict[UUID, int] = {}
    with transaction.atomic():
        for household_uuid, buddy_uuid in pairs:
            trajectory = trajectories.get(household_uuid)
            role = roles.get(buddy_uuid)
            if trajectory is None or role is None:
                outcome.refused.append(_("A household or buddy of this list was not found."))
                continue
            if used.get(buddy_uuid, 0) >= role.capacity - role.load:  # type: ignore[attr-defined]
                outcome.refused.append(
                    _("%(name)s already coaches as many households as they can.")
                    % {"name": role.user}
                )
                continue
            try:
                made = proposal_make(trajectory=trajectory, by=by, buddy=role.user, version=None)
            except Refused as refusal:
                outcome.refused.append(f"{trajectory.household}: {refusal.message}")
                continue
            used[buddy_uuid] = used.get(buddy_uuid, 0) + 1
            outcome.made.append(made)
    return outcome


def wishes_save(
    *, trajectory: Trajectory, by: User, data: dict[str, Any], version: int | None
) -> MatchWishes:
    """Record what the participant wishes of a buddy; the household's version guards it."""
    if not policy.may_manage(by, trajectory.household):
        raise Refused(_("Only a coordinator of this programme can do this."))
    with transaction.atomic():
        locked = lock_at_version(Trajectory.objects, trajectory.pk, version, household_changed())
        if locked.phase not in WISHES_PHASES:
            raise Refused(_("This household is not looking for a buddy now."))
        wishes = wishes_for(locked)
        wishes.preferred_gender = data["preferred_gender"]
        wishes.gender_wish = data["gender_wish"]
        wishes.wants_evening = data["wants_evening"]
        wishes.evening_wish = data["evening_wish"]
        wishes.languages = ", ".join(data["languages"])
        wishes.lived_experience = ", ".join(data["lived_experience"])
        wishes.save()
        # A buddy declined after an introduction stays excluded, whatever the form says.
        declined = User.objects.filter(
            pk__in=locked.proposals.filter(
                status=ProposalStatus.DECLINED, intro_on__isnull=False
            ).values("buddy")
        )
        wishes.excluded.set({*data["excluded"], *declined})
        # The wishes are part of the household's file: a change makes older pages stale.
        locked.save_next_version()
    return wishes


def _lock_or_create(
    model: type[VersionedModel], lookup: dict[str, Any], version: int | None, stale: str
) -> Any:
    """The one settings row of `lookup`, locked at the version the user saw; new when missing."""
    row, created = model._default_manager.get_or_create(**lookup)
    return lock_at_version(
        model._default_manager.all(), row.pk, None if created else version, stale
    )


def buddy_profile_save(
    *, role: ProgrammeRole, by: User, data: dict[str, Any], version: int | None
) -> BuddyProfile:
    """Save what matching knows of a buddy, by the buddy or a coordinator of the programme.

    Only a coordinator sets capacity and training; the areas must be the programme's own.
    """
    by_coordinator = policy.has_role(by, Role.COORDINATOR, role.programme)
    if not (by_coordinator or by.pk == role.user_id):
        raise Refused(_("Only the buddy or a coordinator of this programme can do this."))
    areas = [*data["areas"], *([data["home_area"]] if data["home_area"] else [])]
    if any(area.programme_id != role.programme_id for area in areas):
        raise Refused(_("Choose neighbourhoods of this programme."))
    with transaction.atomic():
        profile = _lock_or_create(
            BuddyProfile,
            {"role": role},
            version,
            _("Someone else changed this profile in the meantime. Look at it again."),
        )
        profile.home_area = data["home_area"]
        profile.languages = ", ".join(data["languages"])
        profile.gender = data["gender"]
        profile.evening = data["evening"]
        profile.lived_experience = ", ".join(data["lived_experience"])
        if by_coordinator:
            # "Trained" is the Academie's to decide; the coordinator's word is kept there.
            training_hold_set(role=role, by=by, held=not data["training_complete"])
            _set_capacity(role, data["capacity"])
        profile.version += 1
        profile.save()
        profile.areas.set(data["areas"])
    return profile


def _set_capacity(role: ProgrammeRole, capacity: int) -> None:
    locked = ProgrammeRole.objects.select_for_update().get(pk=role.pk)
    load = next(r.load for r in buddy_roles_with_load(role.programme) if r.pk == role.pk)  # type: ignore[attr-defined]
    if capacity < load:
        raise Refused(
            _("%(name)s coaches %(load)d households now; the capacity cannot be lower.")
            % {"name": role.user, "load": load}
        )
    locked.capacity = capacity
    locked.save(update_fields=["capacity"])


def weights_save(
    *, programme: Programme, by: User, data: dict[str, Any], version: int | None
) -> MatchingWeights:
    """Set how much each criterion counts in this programme's matching."""
    if not policy.has_role(by, Role.COORDINATOR, programme):
        raise Refused(_("Only a coordinator of this programme can do this."))
    with transaction.atomic():
        weights = _lock_or_create(
            MatchingWeights,
            {"programme": programme},
            version,
            _("Someone else changed the weights in the meantime. Look at them again."),
        )
        for name in MatchingWeights.CRITERIA:
            setattr(weights, name, data[name])
        weights.updated_by = by
        weights.version += 1
        weights.save()
    return weights
