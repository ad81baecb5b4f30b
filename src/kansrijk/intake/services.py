"""Signing a household up and holding its intake."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.audit import audit
from kansrijk.access.models import AuditAction
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.people.choices import MemberRelation, Role
from kansrijk.people.models import Area, Household, HouseholdMember, Organisation, User
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import PhaseChange, Trajectory
from kansrijk.trajectories.services import move

from .models import ConsentMethod, Intake, Referral


@dataclass(frozen=True)
class NewMember:
    relation: MemberRelation
    given_name: str
    family_name: str = ""
    birth_year: int | None = None


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
) -> Trajectory:
    """Create the household, its members and a trajectory in the referral phase."""
    if not policy.has_role(by, Role.COORDINATOR, area.programme):
        raise Refused(_("Only a coordinator of this programme can register a referral."))
    if consent_on > today():
        raise Refused(_("Consent cannot be given on a future date."))
    household = Household.objects.create(
        programme=area.programme,
        area=area,
        display_name=f"{participant.given_name} {participant.family_name}".strip(),
        street_address=contact.get("street_address", ""),
        postcode=contact.get("postcode", ""),
        phone=contact.get("phone", ""),
        email=contact.get("email", ""),
        languages=contact.get("languages", ""),
    )
    HouseholdMember.objects.bulk_create(
        HouseholdMember(
            household=household,
            relation=member.relation,
            given_name=member.given_name,
            family_name="" if member.relation == MemberRelation.CHILD else member.family_name,
            birth_year=member.birth_year,
        )
        for member in [participant, *others]
    )
    trajectory = Trajectory.objects.create(household=household, referred_on=today())
    Referral.objects.create(
        trajectory=trajectory,
        organisation=organisation,
        referrer_name=referrer_name,
        reason=reason,
        stress_sources=stress_sources,
        preferences=preferences,
        consent_on=consent_on,
        consent_method=consent_method,
        recorded_by=by,
    )
    PhaseChange.objects.create(trajectory=trajectory, to_phase=Phase.REFERRED, by=by)
    audit(
        actor=by,
        action=AuditAction.CREATE,
        household=household,
        detail="referral",
        purpose="journey",
        role=Role.COORDINATOR,
    )
    return trajectory


def intake_record(
    *,
    trajectory: Trajectory,
    by: User,
    held_on: dt.date,
    stress_now: str,
    wishes: str,
    strengths: str = "",
    availability: str = "",
    notes: str = "",
    version: int | None,
) -> Intake:
    """Record the intake; the household then waits for a buddy (matching)."""
    if not policy.may_manage(by, trajectory.household):
        raise Refused(_("Only a coordinator of this programme can record the intake."))
    if held_on > today():
        raise Refused(_("The intake cannot be held on a future date."))
    if held_on < trajectory.referred_on:
        raise Refused(_("The intake cannot be held before the referral."))
    with transaction.atomic():
        moved = move(trajectory=trajectory, to_phase=Phase.MATCHING, by=by, version=version)
        return Intake.objects.create(
            trajectory=moved,
            held_on=held_on,
            stress_now=stress_now,
            wishes=wishes,
            strengths=strengths,
            availability=availability,
            notes=notes,
            recorded_by=by,
        )
