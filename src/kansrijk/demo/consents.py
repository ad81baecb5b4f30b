"""Consents to named organisations in Kansrijk Oost: a few participants let the people of a
partner see part of their file (WIJ Beijum the basic details and the plan, Leger des Heils the
basic details), so a person of WIJ Beijum finds households on their page. Run after the
journeys; adds nothing twice."""

from django.db import transaction

from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.models import Consent
from kansrijk.access.services import consent_record
from kansrijk.core.phases import COACHING_PHASES
from kansrijk.people.models import Organisation, User
from kansrijk.trajectories.models import Trajectory

from .loader import DEMO_LOGINS

PROGRAMME = "kansrijk-oost"
# Which organisation, which parts, and how many households (WIJ Beijum's first: its referrals).
NAMED = (
    ("WIJ Beijum", {FilePart.BASIC, FilePart.PLAN}, 3),
    ("Leger des Heils", {FilePart.BASIC}, 1),
)


def organisation_consent_demo() -> None:
    if Consent.objects.filter(recipient=Recipient.ORGANISATION).exists():
        return
    coordinator = User.objects.get(username=DEMO_LOGINS[0].username)
    coached = list(
        Trajectory.objects.filter(household__programme__slug=PROGRAMME, phase__in=COACHING_PHASES)
        .select_related("household", "referral__organisation")
        .order_by("referred_on", "pk")
    )
    taken: set[int] = set()
    with transaction.atomic():
        for name, parts, count in NAMED:
            organisation = Organisation.objects.filter(name=name).first()
            if organisation is None:
                continue
            # Households it referred first, then others of the programme.
            ranked = sorted(
                (t for t in coached if t.household_id not in taken),
                key=lambda t: _referred_by(t) != organisation.pk,
            )
            for trajectory in ranked[:count]:
                taken.add(trajectory.household_id)
                consent_record(
                    household=trajectory.household,
                    trajectory=trajectory,
                    by=coordinator,
                    recipient=Recipient.ORGANISATION,
                    organisation=organisation,
                    parts=parts,
                    starts_on=trajectory.paired_on or trajectory.referred_on,
                    ends_on=None,
                    method=ConsentMethod.PAPER,
                )


def _referred_by(trajectory: Trajectory) -> int | None:
    referral = getattr(trajectory, "referral", None)
    return referral.organisation_id if referral is not None else None
