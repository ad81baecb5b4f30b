"""Some of the demo's households waiting for a buddy have their wishes written down, as a
coordinator would after the intake: read from what the referrer wrote. The others keep the
wishes the referral and the intake gave (a woman as buddy, evening visits), which the proposals
page shows as coming from there."""

from kansrijk.intake.models import Referral
from kansrijk.matching.languages import codes_in
from kansrijk.matching.models import MatchWishes
from kansrijk.people.models import Programme
from kansrijk.trajectories.choices import Phase

_PREFERS_LANGUAGE = "Spreekt bij voorkeur "


def write_down_wishes(programme: Programme) -> None:
    """Wishes the referral holds only in words (a language, children of their own) are written
    down; a referral that said no more than its form can carry is left as it is."""
    referrals = Referral.objects.filter(
        trajectory__household__programme=programme,
        trajectory__phase__in=[Phase.INTAKE, Phase.MATCHING],
    ).select_related("trajectory")
    for referral in referrals:
        said = referral.preferences
        languages = codes_in(said.removeprefix(_PREFERS_LANGUAGE))
        children = "kinderen heeft" in said
        if not (said.startswith(_PREFERS_LANGUAGE) and languages) and not children:
            continue
        wishes, _created = MatchWishes.objects.get_or_create(trajectory=referral.trajectory)
        wishes.languages = ", ".join(sorted(languages))
        wishes.preferred_gender = referral.preferred_gender
        if children:
            wishes.lived_experience = "single_parent"
        wishes.save()
