"""What matching rests on: the participant's wishes, buddy profiles, weights, consent, distance."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from kansrijk.academy import services as academy
from kansrijk.academy.choices import Block, PauseReason
from kansrijk.academy.selectors import block_of
from kansrijk.core.errors import Refused
from kansrijk.intake.models import Referral
from kansrijk.matching import selectors, services
from kansrijk.matching.choices import Gender, ProposalStatus, WishStrength
from kansrijk.matching.languages import codes_in
from kansrijk.matching.models import BuddyProfile, MatchingWeights, MatchWishes, Proposal
from kansrijk.matching.scoring import Refusal
from kansrijk.matching.tests.test_proposals import _buddy
from kansrijk.people.models import ProgrammeRole
from kansrijk.trajectories.choices import Phase
from tests.factories import AreaFactory, IntakeFactory, ReferralFactory


@pytest.fixture
def waiting(journey):
    trajectory = journey(Phase.MATCHING)
    if not Referral.objects.filter(trajectory=trajectory).exists():
        ReferralFactory(trajectory=trajectory)
    return trajectory


def _ranked(trajectory, buddy) -> selectors.Ranked:
    ranked = selectors.ranked_buddies(trajectory, selectors.wishes_for(trajectory))
    return next(r for r in ranked if r.role.user == buddy)


def _wishes_post(version: int, **changes) -> dict:
    data = {
        "version": version,
        "preferred_gender": "",
        "gender_wish": WishStrength.NICE,
        "evening_wish": WishStrength.NICE,
    }
    data.update(changes)
    return data


# ---- The participant's wishes ----


def test_the_coordinator_writes_down_the_wishes_and_the_ranking_follows(client, cast, waiting):
    amira = _buddy(cast, "Amira", languages="ar, nl", gender=Gender.WOMAN)
    bart = _buddy(cast, "Bart", gender=Gender.MAN)
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("match_wishes", args=[waiting.household.uuid]),
        _wishes_post(
            waiting.version,
            preferred_gender=Gender.WOMAN,
            gender_wish=WishStrength.MUST,
            languages=["ar"],
            excluded=[],
        ),
    )

    assert response.status_code == 302
    assert response.url == reverse("match", args=[waiting.household.uuid])
    wishes = MatchWishes.objects.get(trajectory=waiting)
    assert (wishes.preferred_gender, wishes.gender_wish, wishes.languages) == (
        Gender.WOMAN,
        WishStrength.MUST,
        "ar",
    )
    ranked = {r.role.user: r for r in selectors.ranked_buddies(waiting, wishes)}
    assert ranked[amira].score is not None
    assert ranked[bart].score is None  # a wish that must be met is a hard rule
    page = client.get(reverse("match", args=[waiting.household.uuid])).content.decode()
    assert "must be a woman" in page
    assert "a buddy who speaks: Arabic" in page


def test_wishes_saved_on_an_old_page_are_refused_and_nothing_changes(client, cast, waiting):
    client.force_login(cast.coordinator)
    url = reverse("match_wishes", args=[waiting.household.uuid])
    client.post(url, _wishes_post(waiting.version, wants_evening="on"))

    response = client.post(url, _wishes_post(waiting.version, preferred_gender=Gender.MAN))

    assert response.status_code == 422
    assert "Someone else changed this household" in response.content.decode()
    assert MatchWishes.objects.get(trajectory=waiting).preferred_gender == ""


def test_a_buddy_declined_after_the_introduction_stays_excluded(cast, waiting):
    amira = _buddy(cast, "Amira")
    proposal = Proposal.objects.create(
        trajectory=waiting,
        buddy=amira,
        proposed_by=cast.coordinator,
        status=ProposalStatus.DECLINED,
        intro_on=waiting.referred_on,
    )
    assert proposal.pk

    wishes = services.wishes_save(
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

    assert list(wishes.excluded.all()) == [amira]


def test_wishes_start_from_the_intake_and_the_referral(cast, waiting):
    IntakeFactory(trajectory=waiting, availability_slots=["evenings"])
    waiting.household.languages = "Tigrinya, Nederlands"
    waiting.household.save()

    wishes = selectors.wishes_for(waiting)
    seeker = selectors.seeker_for(waiting, wishes)

    assert wishes.wants_evening
    assert seeker.languages == {"ti", "nl"}


def test_only_a_coordinator_may_write_wishes_and_only_before_the_year(cast, journey):
    active = journey(Phase.ACTIVE)
    with pytest.raises(Refused):
        services.wishes_save(trajectory=active, by=cast.buddy, data={}, version=None)
    with pytest.raises(Refused, match="not looking for a buddy"):
        services.wishes_save(trajectory=active, by=cast.coordinator, data={}, version=None)


def test_languages_written_in_words_become_codes():
    assert codes_in("Nederlands, Arabisch; English") == {"nl", "ar", "en"}
    assert codes_in("Klingon, ti") == {"ti"}
    assert codes_in("") == frozenset()


# ---- Buddy profiles ----


def _profile_post(role: ProgrammeRole, version: int, **changes) -> dict:
    data = {
        "version": version,
        "areas": [area.pk for area in role.programme.areas.all()],
        "gender": Gender.WOMAN,
        "languages": ["nl"],
        "capacity": role.capacity,
    }
    data.update(changes)
    return data


def test_a_coordinator_sets_capacity_and_says_the_training_is_not_finished(
    client, cast, frozen_today, waiting
):
    amira = _buddy(cast, "Amira")
    role = ProgrammeRole.objects.get(user=amira, programme=cast.programme)
    profile = BuddyProfile.objects.get(role=role)
    client.force_login(cast.coordinator)
    url = reverse("buddy_profile", args=[cast.programme.slug, amira.uuid])

    response = client.post(url, _profile_post(role, profile.version, capacity=2))

    assert response.status_code == 302
    role.refresh_from_db()
    profile.refresh_from_db()
    assert role.capacity == 2
    assert profile.version == 2
    # "Trained" is the Academie's word: the hold lives there and its readiness rule says it.
    assert block_of(amira, cast.programme) == Block.UNTRAINED
    assert _ranked(waiting, amira).refusal == Refusal.TRAINING
    listing = client.get(reverse("buddy_profiles", args=[cast.programme.slug]))
    assert "has not finished the buddy training" in listing.content.decode()

    client.post(url, _profile_post(role, profile.version, capacity=2, training_complete="on"))

    assert block_of(amira, cast.programme) is None
    assert _ranked(waiting, amira).refusal is None


def test_a_break_recorded_in_the_academie_keeps_the_buddy_from_matching_until_it_ends(
    client, cast, frozen_today, waiting
):
    amira = _buddy(cast, "Amira")
    academy.pause_record(
        user=amira,
        by=amira,
        starts_on=frozen_today,
        ends_on=frozen_today + dt.timedelta(days=10),
        reason=PauseReason.HOLIDAY,
    )
    client.force_login(cast.coordinator)

    assert _ranked(waiting, amira).refusal == Refusal.UNAVAILABLE
    listing = client.get(reverse("buddy_profiles", args=[cast.programme.slug])).content.decode()
    until = frozen_today + dt.timedelta(days=10)
    assert f"taking a break until {until.day} {until:%B}" in listing


def test_capacity_cannot_drop_below_the_households_a_buddy_coaches(cast, journey):
    journey(Phase.ACTIVE)  # coached by the cast's buddy
    role = ProgrammeRole.objects.get(user=cast.buddy, programme=cast.programme)
    data = {
        "home_area": None,
        "areas": [],
        "languages": [],
        "gender": Gender.MAN,
        "evening": False,
        "lived_experience": [],
        "training_complete": True,
        "capacity": 0,
    }

    with pytest.raises(Refused, match="cannot be lower"):
        services.buddy_profile_save(role=role, by=cast.coordinator, data=data, version=None)
    assert not BuddyProfile.objects.filter(role=role).exists()  # nothing half-saved


def test_a_buddy_keeps_their_own_profile_but_not_their_capacity(client, cast):
    amira = _buddy(cast, "Amira")
    role = ProgrammeRole.objects.get(user=amira, programme=cast.programme)
    client.force_login(amira)

    response = client.post(
        reverse("own_buddy_profile", args=[cast.programme.slug]),
        _profile_post(role, 1, capacity=2, languages=["nl", "ar"], evening="on"),
    )

    assert response.status_code == 302
    role.refresh_from_db()
    profile = BuddyProfile.objects.get(role=role)
    assert role.capacity == 1
    assert (profile.languages, profile.evening) == ("nl, ar", True)


def test_two_people_saving_one_profile_do_not_overwrite_each_other(client, cast):
    amira = _buddy(cast, "Amira")
    role = ProgrammeRole.objects.get(user=amira, programme=cast.programme)
    client.force_login(amira)
    url = reverse("own_buddy_profile", args=[cast.programme.slug])
    client.post(url, _profile_post(role, 1, languages=["ar"]))

    response = client.post(url, _profile_post(role, 1, languages=["tr"]))

    assert response.status_code == 422
    assert "Someone else changed this profile" in response.content.decode()
    assert BuddyProfile.objects.get(role=role).languages == "ar"


# ---- Weights ----


def _weights_post(version: int, **changes) -> dict:
    data = {name: str(getattr(MatchingWeights(), name)) for name in MatchingWeights.CRITERIA}
    data["version"] = version
    data.update(changes)
    return data


def test_a_programme_sets_its_own_weights_and_scores_follow(client, cast, waiting):
    amira = _buddy(cast, "Amira", languages="ar")
    MatchWishes.objects.create(trajectory=waiting, languages="ar")
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("matching_weights", args=[cast.programme.slug]),
        _weights_post(1, language="7.5"),
    )

    assert response.status_code == 302
    assert MatchingWeights.objects.get(programme=cast.programme).language == Decimal("7.5")
    ranked = _ranked(waiting, amira)
    speaks = next(r for r in ranked.score.reasons if "speaks" in str(r))
    assert speaks.points == 7.5


def test_weights_out_of_range_are_refused_and_nothing_is_saved(client, cast):
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("matching_weights", args=[cast.programme.slug]), _weights_post(1, room="-1")
    )

    assert response.status_code == 422
    assert not MatchingWeights.objects.exists()


# ---- Consent and distance ----


def test_an_ended_consent_refuses_proposals_until_it_is_renewed(client, cast, waiting):
    amira = _buddy(cast, "Amira")
    Referral.objects.filter(trajectory=waiting).update(consent_on=dt.date(2023, 1, 10))

    with pytest.raises(Refused, match="consent to find a buddy ended on 9 January 2024"):
        services.proposal_make(trajectory=waiting, by=cast.coordinator, buddy=amira, version=None)
    round_ = selectors.waiting_round(cast.coordinator, cast.programme)
    assert round_.consent_ended == [waiting]
    assert waiting not in round_.trajectories

    client.force_login(cast.coordinator)
    page = client.get(reverse("match", args=[waiting.household.uuid])).content.decode()
    assert "Ask for consent again" in page
    response = client.post(
        reverse("match", args=[waiting.household.uuid]),
        {
            "action": "consent",
            "version": waiting.version,
            "consent_on": "2025-06-16",
            "consent_method": "paper",
        },
    )
    assert response.status_code == 302
    made = services.proposal_make(
        trajectory=waiting, by=cast.coordinator, buddy=amira, version=None
    )
    assert made.status == ProposalStatus.PROPOSED


def test_distance_between_neighbourhoods_is_a_reason_in_words(cast, waiting):
    cast.area.latitude, cast.area.longitude = Decimal("53.22450"), Decimal("6.58600")
    cast.area.save()
    elsewhere = AreaFactory(
        programme=cast.programme, latitude=Decimal("53.23750"), longitude=Decimal("6.60100")
    )
    amira = _buddy(cast, "Amira")
    BuddyProfile.objects.filter(role__user=amira).update(home_area=elsewhere)

    ranked = _ranked(waiting, amira)

    assert "lives about 1.8 km away" in [str(r) for r in ranked.score.reasons]


def test_the_buddies_page_reads_a_fixed_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    client.force_login(cast.coordinator)
    url = reverse("buddy_profiles", args=[cast.programme.slug])
    for name in ("Amira", "Bart"):
        _buddy(cast, name)
    client.get(url)  # warm the session and the language
    # 13: the page's own reads, and the menu's count of referrals waiting in the inbox.
    with django_assert_max_num_queries(13) as few:
        client.get(url)
    for name in ("Carla", "Dirk", "Emma", "Fleur", "Gijs", "Hanna"):
        _buddy(cast, name)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)

    assert response.content.decode().count('class="card"') >= 8


def test_a_profile_cannot_reach_another_programmes_neighbourhood(cast):
    amira = _buddy(cast, "Amira")
    role = ProgrammeRole.objects.get(user=amira, programme=cast.programme)
    elsewhere = AreaFactory(programme=cast.other_programme)
    data = {
        "home_area": elsewhere,
        "areas": [cast.area],
        "languages": [],
        "gender": Gender.WOMAN,
        "evening": False,
        "lived_experience": [],
    }

    with pytest.raises(Refused, match="neighbourhoods of this programme"):
        services.buddy_profile_save(role=role, by=amira, data=data, version=1)
    assert BuddyProfile.objects.get(role=role).home_area is None
