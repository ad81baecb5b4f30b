"""The demo's waiting households have their wishes for a buddy written down, as a coordinator
would after the intake: read from what the referrer wrote."""

from kansrijk.intake.models import Referral
from kansrijk.matching.choices import Gender
from kansrijk.matching.languages import codes_in
from kansrijk.matching.models import MatchWishes
from kansrijk.people.models import Programme
from kansrijk.trajectories.choices import Phase

_PREFERS_LANGUAGE = "Spreekt bij voorkeur "


def write_down_wishes(programme: Programme) -> None:
    referrals = Referral.objects.filter(
        trajectory__household__programme=programme,
        trajectory__phase__in=[Phase.INTAKE, Phase.MATCHING],
    ).select_related("trajectory")
    for referral in referrals:
        said = referral.preferences
        wishes, _created = MatchWishes.objects.get_or_create(trajectory=referral.trajectory)
        if said.startswith(_PREFERS_LANGUAGE):
            wishes.languages = ", ".join(sorted(codes_in(said.removeprefix(_PREFERS_LANGUAGE))))
        if "vrouwelijke" in said:
            wishes.preferred_gender = Gender.WOMAN
        if "avond" in said:
            wishes.wants_evening = True
        if "kinderen heeft" in said:
            wishes.lived_experience = "single_parent"
        wishes.save()
