"""Until the coordinator writes the wishes down, matching scores with what the referral and
the intake said, and the pages say so."""

import pytest
from django.urls import reverse

from kansrijk.intake.selectors import referral_wishes_for
from kansrijk.matching import selectors, services
from kansrijk.matching.choices import Gender, WishStrength
from kansrijk.matching.models import MatchWishes
from kansrijk.matching.tests.test_proposals import _buddy
from kansrijk.trajectories.choices import Phase
from tests.factories import IntakeFactory, ReferralFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def waiting(journey):
    trajectory = journey(Phase.MATCHING)
    ReferralFactory(
        trajectory=trajectory,
        preferred_gender=Gender.WOMAN,
        preferences="Someone with children of her own.",
    )
    IntakeFactory(trajectory=trajectory, availability_slots=["evenings", "weekend"])
    trajectory.household.languages = "Arabisch, Nederlands"
    trajectory.household.save()
    return trajectory


@pytest.fixture
def coordinator_client(client, cast):
    client.force_login(cast.coordinator)
    return client


def test_wishes_nobody_wrote_down_take_the_gender_the_referral_asked_for(waiting):
    wishes = selectors.wishes_for(waiting)
    seeker = selectors.seeker_for(waiting, wishes)

    assert wishes.pk is None
    assert (seeker.preferred_gender, seeker.gender_wish) == (Gender.WOMAN, WishStrength.NICE)
    assert seeker.wants_evening
    assert seeker.languages == {"ar", "nl"}
    assert not MatchWishes.objects.exists()


def test_the_woman_the_referral_asked_for_ranks_above_an_equal_man(cast, waiting):
    amira = _buddy(cast, "Amira", languages="ar", gender=Gender.WOMAN)
    _buddy(cast, "Bart", languages="ar", gender=Gender.MAN)

    ranked = selectors.ranked_buddies(waiting, selectors.wishes_for(waiting))

    assert ranked[0].role.user == amira
    assert "participant prefers a woman" in [str(r) for r in ranked[0].score.reasons]


def test_the_proposals_page_says_the_wishes_come_from_the_referral_and_the_intake(
    coordinator_client, cast, waiting
):
    page = coordinator_client.get(reverse("match", args=[waiting.household.uuid]))

    lines = {line.text: line.source for line in page.context["wish_summary"]}
    html = page.content.decode()
    assert lines["prefers a woman"] == "From the referral"
    assert lines["would like evening visits"] == "From the intake"
    assert lines["a buddy who speaks: Arabic, Dutch"] == "From the referral"
    assert "Nobody wrote the wishes down yet" in html
    assert "Someone with children of her own." in html
    assert "No wishes written down yet" not in html


def test_wishes_the_coordinator_saved_win_and_need_no_source(coordinator_client, cast, waiting):
    services.wishes_save(
        trajectory=waiting,
        by=cast.coordinator,
        data={
            "preferred_gender": "",
            "gender_wish": WishStrength.NICE,
            "wants_evening": False,
            "evening_wish": WishStrength.NICE,
            "languages": [],
            "lived_experience": [],
            "excluded": [],
        },
        version=waiting.version,
    )

    page = coordinator_client.get(reverse("match", args=[waiting.household.uuid]))
    seeker = selectors.seeker_for(waiting, selectors.wishes_for(waiting))

    assert seeker.preferred_gender is None and not seeker.wants_evening
    texts = [line.text for line in page.context["wish_summary"]]
    assert "prefers a woman" not in texts
    assert "Nobody wrote the wishes down yet" not in page.content.decode()


def test_the_wishes_form_starts_from_the_referral_and_the_intake_and_says_so(
    coordinator_client, waiting
):
    page = coordinator_client.get(reverse("match_wishes", args=[waiting.household.uuid]))

    form = page.context["form"]
    assert form["preferred_gender"].value() == Gender.WOMAN
    assert form["wants_evening"].value() is True
    assert "From the referral" in str(form["preferred_gender"].help_text)
    assert "From the intake" in str(form["wants_evening"].help_text)
    assert not MatchWishes.objects.exists()


def test_batch_matching_scores_waiting_households_with_the_referrals_wishes_too(cast, waiting):
    found = selectors.waiting_round(cast.coordinator, cast.programme)

    seeker = found.seekers[found.trajectories.index(waiting)]
    assert (seeker.preferred_gender, seeker.wants_evening) == (Gender.WOMAN, True)


def test_the_referrals_other_wishes_reach_only_who_may_see_wishes_and_plan(cast, waiting):
    assert referral_wishes_for(cast.coordinator, waiting) == "Someone with children of her own."
    # The backup has consent for the basic details and the assessments only.
    assert referral_wishes_for(cast.backup, waiting) == ""
