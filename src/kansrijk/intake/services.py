"""Signing a household up and holding its intake."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.audit import audit
from kansrijk.access.models import AuditAction
from kansrijk.access.services import household_language_choose
from kansrijk.core.dates import check_plausible, today
from kansrijk.core.errors import Refused
from kansrijk.core.models import bulk_create_checked, lock_at_version
from kansrijk.people.choices import HouseholdType, MemberRelation, Role
from kansrijk.people.models import (
    Area,
    Household,
    HouseholdMember,
    Organisation,
    Programme,
    User,
)
from kansrijk.trajectories import counts
from kansrijk.trajectories.choices import ENDED_PHASES, Phase
from kansrijk.trajectories.models import PhaseChange, Trajectory
from kansrijk.trajectories.services import household_changed, move

from .models import ConsentMethod, Intake, Referral
from .selectors import possible_duplicates
from .steps import STEPS, missing_step


@dataclass(frozen=True)
class NewMember:
    relation: MemberRelation
    given_name: str
    family_name: str = ""
    birth_year: int | None = None


class PossiblyKnown(Refused):
    """The household being referred may be one the programme knows: the coordinator decides."""

    def __init__(self, trajectories: list[Trajectory]):
        super().__init__(_("This household may be known already."))
        self.trajectories = trajectories


def _check_referral(by: User, programme: Programme, consent_on: dt.date) -> None:
    if not policy.has_role(by, Role.COORDINATOR, programme):
        raise Refused(_("Only a coordinator of this programme can register a referral."))
    if consent_on > today():
        raise Refused(_("Consent cannot be given on a future date."))
    # An old consent may be registered (matching then waits for a new yes, see
    # REFERRAL_CONSENT_MONTHS); only a day nobody can mean, like 0001-01-01, is refused.
    check_plausible(consent_on)


def _journey_start(
    *, by: User, household: Household, detail: str, **referral: str | dt.date | Organisation
) -> Trajectory:
    """A new trajectory in the referral phase, with its referral, first phase change and log."""
    trajectory = Trajectory.objects.create(household=household, referred_on=today())
    counts.changed(None, counts.key(trajectory))
    Referral.objects.create(trajectory=trajectory, recorded_by=by, **referral)
    PhaseChange.objects.create(trajectory=trajectory, to_phase=Phase.REFERRED, by=by)
    audit(
        actor=by,
        action=AuditAction.CREATE,
        household=household,
        detail=detail,
        purpose="journey",
        role=Role.COORDINATOR,
    )
    return trajectory


@transaction.atomic
def referral_register(
    *,
    by: User,
    area: Area,
    organisation: Organisation,
    participant: NewMember,
    others: list[NewMember],
    contact: dict[str, str],
    reason: str,
    stress_sources: str,
    preferences: str,
    consent_on: dt.date,
    consent_method: ConsentMethod,
    referrer_name: str = "",
    preferred_gender: str = "",
    check_known: bool = True,
    household_type: str = "",
) -> Trajectory:
    """Create the household, its members and a trajectory in the referral phase.

    `household_type` is who the household is, when the referral already says so (a partner's
    referral may); otherwise the intake asks.

    Unless the coordinator already said it is a different household (`check_known=False`), a
    household of the programme that may be this one refuses with `PossiblyKnown`. The check runs
    under a lock on the programme, so two tabs sending the same new household at one moment
    register it once: the second finds the first.
    """
    _check_referral(by, area.programme, consent_on)
    _check_household_type(household_type)
    Programme.objects.select_for_update().filter(pk=area.programme_id).first()
    if check_known:
        known = possible_duplicates(
            user=by,
            programme=area.programme,
            given_name=participant.given_name,
            family_name=participant.family_name,
            phone=contact.get("phone", ""),
            postcode=contact.get("postcode", ""),
            street_address=contact.get("street_address", ""),
        )
        if known:
            raise PossiblyKnown(known)
    household = Household.objects.create(
        programme=area.programme,
        area=area,
        display_name=f"{participant.given_name} {participant.family_name}".strip(),
        street_address=contact.get("street_address", ""),
        postcode=contact.get("postcode", ""),
        phone=contact.get("phone", ""),
        email=contact.get("email", ""),
        languages=contact.get("languages", ""),
        household_type=household_type,
    )
    bulk_create_checked(
        HouseholdMember(
            household=household,
            relation=member.relation,
            given_name=member.given_name,
            family_name="" if member.relation == MemberRelation.CHILD else member.family_name,
            birth_year=member.birth_year,
        )
        for member in [participant, *others]
    )
    return _journey_start(
        by=by,
        household=household,
        detail="referral",
        organisation=organisation,
        referrer_name=referrer_name,
        reason=reason,
        stress_sources=stress_sources,
        preferences=preferences,
        preferred_gender=preferred_gender,
        consent_on=consent_on,
        consent_method=consent_method,
    )


@transaction.atomic
def rereferral_register(
    *,
    by: User,
    household: Household,
    organisation: Organisation,
    reason: str,
    stress_sources: str,
    preferences: str,
    consent_on: dt.date,
    consent_method: ConsentMethod,
    referrer_name: str = "",
    preferred_gender: str = "",
) -> Trajectory:
    """Refer a household we already know again: a new trajectory, the household stays one.

    Only once its last journey has ended (closed or dropped out); the household's details and
    members are kept as they are, the coordinator updates them on its page if needed.
    """
    _check_referral(by, household.programme, consent_on)
    # Lock the household, so two coordinators cannot start two journeys for it at once.
    Household.objects.select_for_update().filter(pk=household.pk).first()
    if Trajectory.objects.filter(household=household).exclude(phase__in=ENDED_PHASES).exists():
        raise Refused(
            _("This household's journey has not ended yet, so a new referral cannot be added.")
        )
    return _journey_start(
        by=by,
        household=household,
        detail="re-referral",
        organisation=organisation,
        referrer_name=referrer_name,
        reason=reason,
        stress_sources=stress_sources,
        preferences=preferences,
        preferred_gender=preferred_gender,
        consent_on=consent_on,
        consent_method=consent_method,
    )


def _check_intake(trajectory: Trajectory, by: User, held_on: dt.date | None = None) -> None:
    if not policy.may_manage(by, trajectory.household):
        raise Refused(_("Only a coordinator of this programme can record the intake."))
    if held_on is not None and held_on > today():
        raise Refused(_("The intake cannot be held on a future date."))
    if held_on is not None and held_on < trajectory.referred_on:
        raise Refused(_("The intake cannot be held before the referral."))


@transaction.atomic
def intake_save_step(
    *,
    trajectory: Trajectory,
    by: User,
    step: int,
    data: dict[str, Any],
    version: int | None,
    language: str | None = None,
) -> Intake:
    """Save the answers of one step of the intake: the draft is made on the first save.

    `data` holds the step's answers by Intake field name; a step whose answers live elsewhere
    (the first picture is the start assessment) saves none. Each save bumps the trajectory's
    version, so a second coordinator working on an older page is refused, not overwritten.
    """
    if not 1 <= step <= len(STEPS):
        raise ValueError(f"There is no step {step}.")
    fields, household_fields = STEPS[step - 1].fields, STEPS[step - 1].household
    if set(data) - {*fields, *household_fields}:
        unknown = sorted(set(data) - {*fields, *household_fields})
        raise ValueError(f"Step {step} has no answers {unknown}.")
    _check_intake(trajectory, by)
    locked = lock_at_version(Trajectory.objects, trajectory.pk, version, household_changed())
    if locked.phase != Phase.INTAKE:
        raise Refused(_("The intake can only be filled in while the household is in the intake."))
    about_household = {name: data.pop(name) for name in household_fields if name in data}
    if about_household:
        _save_household_type(locked.household, **about_household)
    intake, _created = Intake.objects.get_or_create(trajectory=locked, defaults={"recorded_by": by})
    for name, value in data.items():
        setattr(intake, name, value)
    intake.steps_saved = sorted({*intake.steps_saved, step})
    intake.recorded_by = by
    intake.save(update_fields=[*data, "steps_saved", "recorded_by", "updated_at"])
    if language is not None:
        # The language of her pages and letters (step 1 asks it); kept with the household.
        household_language_choose(household=locked.household, language=language, by=by)
    locked.save_next_version()
    audit(
        actor=by,
        action=AuditAction.CHANGE,
        household=locked.household,
        detail=f"intake step {step}",
        purpose="journey",
        role=Role.COORDINATOR,
    )
    return intake


def _check_household_type(household_type: str) -> None:
    if household_type and household_type not in HouseholdType.values:
        raise Refused(_("Choose one of the household types."))


def _save_household_type(
    household: Household, *, household_type: str, working_poor: bool | None
) -> None:
    _check_household_type(household_type)
    household.household_type = household_type
    household.working_poor = working_poor
    household.save(update_fields=["household_type", "working_poor", "updated_at"])
    counts.figures_changed(household.programme_id)  # the results count per type


@transaction.atomic
def household_type_record(
    *,
    trajectory: Trajectory,
    by: User,
    household_type: str,
    working_poor: bool | None,
    version: int | None,
) -> Household:
    """Record or correct who the household is (its type, and whether it is "working poor"),
    at any point of the journey: the reports count per type. Only the programme's coordinator.
    The household's current trajectory carries the version, as every change of its file."""
    if not policy.may_manage(by, trajectory.household):
        raise Refused(_("Only a coordinator of this programme can change the household type."))
    locked = lock_at_version(Trajectory.objects, trajectory.pk, version, household_changed())
    household = locked.household
    _save_household_type(household, household_type=household_type, working_poor=working_poor)
    locked.save_next_version()
    audit(
        actor=by,
        action=AuditAction.CHANGE,
        household=household,
        detail="household type",
        purpose="journey",
        role=Role.COORDINATOR,
    )
    return household


def intake_complete(
    *, trajectory: Trajectory, by: User, held_on: dt.date, version: int | None
) -> Intake:
    """Finish the intake saved step by step; the household then waits for a buddy (matching)."""
    _check_intake(trajectory, by, held_on)
    intake = Intake.objects.filter(trajectory=trajectory).first()
    missing = missing_step(intake)
    if intake is None or missing is not None:
        step = missing or STEPS[0]
        raise Refused(
            _("Step %(number)s, “%(title)s”, is not filled in yet. Fill it in first.")
            % {"number": step.number, "title": step.title}
        )
    with transaction.atomic():
        move(trajectory=trajectory, to_phase=Phase.MATCHING, by=by, version=version)
        intake.held_on = held_on
        intake.completed_at = timezone.now()
        intake.save(update_fields=["held_on", "completed_at", "updated_at"])
        return intake


def intake_record(
    *,
    trajectory: Trajectory,
    by: User,
    held_on: dt.date,
    stress_now: str,
    wishes: str,
    strengths: str = "",
    availability: str = "",
    availability_slots: list[str] | None = None,
    notes: str = "",
    version: int | None,
) -> Intake:
    """Record a whole intake in one go (demo data, imports); the household then waits for a buddy.

    A step saved before (the picture of the life domains, which is the start assessment) stays
    saved."""
    _check_intake(trajectory, by, held_on)
    with transaction.atomic():
        moved = move(trajectory=trajectory, to_phase=Phase.MATCHING, by=by, version=version)
        before = Intake.objects.filter(trajectory=moved).values_list("steps_saved", flat=True)
        saved = {*next(iter(before), []), *(step.number for step in STEPS if step.fields)}
        intake, _created = Intake.objects.update_or_create(
            trajectory=moved,
            defaults={
                "held_on": held_on,
                "stress_now": stress_now,
                "wishes": wishes,
                "strengths": strengths,
                "availability": availability,
                "availability_slots": availability_slots or [],
                "notes": notes,
                "steps_saved": sorted(saved),
                "completed_at": timezone.now(),
                "recorded_by": by,
            },
        )
        return intake


def referral_consent_renew(
    *, trajectory: Trajectory, by: User, on: dt.date, method: ConsentMethod, version: int | None
) -> Referral:
    """The participant said yes again to finding a buddy; the consent counts from `on`."""
    if not policy.may_manage(by, trajectory.household):
        raise Refused(_("Only a coordinator of this programme can do this."))
    if on > today():
        raise Refused(_("Consent cannot be given on a future date."))
    with transaction.atomic():
        locked = lock_at_version(Trajectory.objects, trajectory.pk, version, household_changed())
        referral = Referral.objects.select_for_update().get(trajectory=locked)
        if on < referral.consent_on:
            raise Refused(_("The new consent cannot be older than the one recorded."))
        referral.consent_on = on
        referral.consent_method = method
        referral.save(update_fields=["consent_on", "consent_method", "updated_at"])
        locked.save_next_version()
        audit(
            actor=by,
            action=AuditAction.CHANGE,
            household=trajectory.household,
            detail="referral consent renewed",
            purpose="journey",
        )
    return referral
