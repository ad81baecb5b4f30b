"""The demo's referrer: a WIJ Beijum professional who signs households up for Kansrijk Oost.

Her referrals stand at every step: two wait in the Oost coordinator's inbox, one was declined
with a reason, and three were accepted long ago and are now further along (their journeys are
the demo's own Beijum households, referred by WIJ Beijum).
"""

import datetime as dt

from django.utils import timezone

from kansrijk.access.choices import ConsentMethod
from kansrijk.partners.choices import Decision, Source
from kansrijk.partners.models import PartnerReferral
from kansrijk.people.choices import HouseholdType, Role
from kansrijk.people.models import Area, Organisation, ProgrammeRole, User
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

REFERRER = "verwijzer"
_WAITING = (
    ("Nadia", "Benali", "06 31 22 45 67", "Huurachterstand en brieven die zij niet opent."),
    ("Kees", "Wolters", "06 41 87 12 90", "Net alleen met twee kinderen, veel schulden."),
)


def load_demo_referrals(password: str) -> None:
    organisation = Organisation.objects.get(name="WIJ Beijum")
    area = Area.objects.select_related("programme").get(
        programme__name="Kansrijk Oost", name="Beijum"
    )
    coordinator = User.objects.get(username="coordinator")
    referrer = User.objects.create(
        username=REFERRER,
        first_name="Lotte",
        last_name="Mulder",
        email=f"{REFERRER}@example.org",
        organisation=organisation,
        password=password,
    )
    ProgrammeRole.objects.create(user=referrer, programme=area.programme, role=Role.REFERRER)
    now = timezone.now()

    def referral(given: str, family: str, phone: str, reason: str, days: int, **extra):
        made = PartnerReferral.objects.create(
            programme=area.programme,
            area=area,
            organisation=organisation,
            referred_by=referrer,
            source=Source.WEB,
            given_name=given,
            family_name=family,
            phone=phone,
            reason=reason,
            household_type=HouseholdType.SINGLE_PARENT,
            consent_on=(now - dt.timedelta(days=days)).date(),
            consent_method=ConsentMethod.IN_PERSON,
            consent_recorded_by=str(referrer),
            share_basic=True,
            **extra,
        )
        PartnerReferral.objects.filter(pk=made.pk).update(created_at=now - dt.timedelta(days=days))
        return made

    for number, (given, family, phone, reason) in enumerate(_WAITING):
        referral(given, family, phone, reason, days=2 + 3 * number)
    referral(
        "Tineke",
        "Hovinga",
        "06 52 10 33 48",
        "Zoekt werk, wil graag iemand om mee te sparren.",
        days=20,
        status=Decision.DECLINED,
        decided_at=now - dt.timedelta(days=15),
        decided_by=coordinator,
        decline_reason="Zij woont in Selwerd: meld haar aan bij Kansrijk West.",
    )
    further = (
        Trajectory.objects.filter(
            household__area=area,
            referral__organisation=organisation,
            phase__in=[Phase.INTAKE, Phase.MATCHED, Phase.ACTIVE],
        )
        .select_related("household")
        .order_by("phase", "pk")
    )
    seen: set[str] = set()
    for trajectory in further:
        if trajectory.phase in seen:
            continue
        seen.add(trajectory.phase)
        given, _, family = trajectory.household.display_name.partition(" ")
        referral(
            given,
            family,
            trajectory.household.phone or "06 00 00 00 00",
            "Veel stress over geld; wil weer rust in huis.",
            days=(now.date() - trajectory.referred_on).days,
            status=Decision.ACCEPTED,
            decided_at=now - dt.timedelta(days=(now.date() - trajectory.referred_on).days),
            decided_by=coordinator,
            trajectory=trajectory,
        )
