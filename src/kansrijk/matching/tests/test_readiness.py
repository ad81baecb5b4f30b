"""Matching respects the Academie: required courses, a valid certificate of conduct, breaks."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.academy import services
from kansrijk.academy.choices import Block
from kansrijk.academy.models import Candidate
from kansrijk.academy.selectors import block_of, readiness
from kansrijk.academy.tests.conftest import attended
from kansrijk.core.dates import today
from kansrijk.matching import selectors as matching
from kansrijk.matching.models import BuddyProfile
from kansrijk.matching.scoring import Refusal
from kansrijk.people.choices import Role
from kansrijk.trajectories.choices import Phase
from tests.factories import ProgrammeRoleFactory, UserFactory


def _buddy(cast, name: str):
    user = UserFactory(first_name=name, last_name="Buddy")
    role = ProgrammeRoleFactory(
        user=user, programme=cast.programme, role=Role.BUDDY, default_backup=cast.backup
    )
    BuddyProfile.objects.create(role=role).areas.add(cast.area)
    return user


def _vog(cast, user, *, valid_until):
    Candidate.objects.create(
        programme=cast.programme,
        given_name=user.first_name,
        stage="active",
        user=user,
        vog_received_on=today() - dt.timedelta(days=30),
        vog_expires_on=valid_until,
        created_by=cast.coordinator,
    )


@pytest.fixture
def amira(cast, frozen_today):
    return _buddy(cast, "Amira")


def test_without_settings_every_buddy_may_be_matched_as_before(cast, amira):
    assert set(readiness(cast.programme)) == set()


def test_a_buddy_without_the_required_courses_is_not_ready(cast, strict, courses, amira):
    _vog(cast, amira, valid_until=today() + dt.timedelta(days=365))
    assert readiness(cast.programme)[amira.pk] == Block.TRAINING

    attended(amira, courses["intro"])
    assert amira.pk in set(readiness(cast.programme))
    attended(amira, courses["doorbraak"])

    assert amira.pk not in set(readiness(cast.programme))


def test_a_buddy_without_a_valid_certificate_of_conduct_is_not_ready(cast, strict, courses, amira):
    attended(amira, courses["intro"])
    attended(amira, courses["doorbraak"])
    assert readiness(cast.programme)[amira.pk] == Block.VOG

    _vog(cast, amira, valid_until=today() - dt.timedelta(days=1))
    assert readiness(cast.programme)[amira.pk] == Block.VOG
    Candidate.objects.filter(user=amira).update(vog_expires_on=today())

    assert amira.pk not in set(readiness(cast.programme))


def test_a_buddy_on_a_break_is_not_ready_even_without_settings(cast, amira):
    services.pause_record(
        user=amira,
        by=amira,
        starts_on=today(),
        ends_on=today() + dt.timedelta(days=7),
        reason="holiday",
    )
    assert readiness(cast.programme) == {amira.pk: Block.PAUSED}
    assert readiness(cast.programme, today() + dt.timedelta(days=8)) == {}


def test_readiness_reads_one_query_however_many_buddies(cast, strict, django_assert_num_queries):
    for name in ("Amira", "Bart", "Carla", "Dirk"):
        _buddy(cast, name)
    with django_assert_num_queries(1):
        assert len(set(readiness(cast.programme))) == 5  # the cast's buddy too


def test_one_buddys_block_is_the_one_the_whole_programme_gives(cast, strict, courses, amira):
    """The coordinator's page of one buddy asks for that buddy only, with the same answer."""
    bart = _buddy(cast, "Bart")
    attended(bart, courses["intro"])
    attended(bart, courses["doorbraak"])
    _vog(cast, bart, valid_until=today() + dt.timedelta(days=365))
    outsider = UserFactory(first_name="Olga")

    assert readiness(cast.programme)[amira.pk] == block_of(amira, cast.programme) == Block.TRAINING
    assert bart.pk not in readiness(cast.programme)
    assert block_of(bart, cast.programme) is None
    assert block_of(outsider, cast.programme) is None


def test_the_proposals_page_says_why_an_unready_buddy_cannot_be_proposed(
    client, cast, strict, courses, journey, amira
):
    waiting = journey(Phase.MATCHING)
    attended(amira, courses["intro"])
    attended(amira, courses["doorbraak"])
    client.force_login(cast.coordinator)

    response = client.get(reverse("match", args=[waiting.household.uuid]))

    text = response.content.decode()
    assert "has no valid certificate of conduct (VOG)" in text
    assert f'name="buddy" value="{amira.pk}"' not in text
    _vog(cast, amira, valid_until=today() + dt.timedelta(days=365))
    text = client.get(reverse("match", args=[waiting.household.uuid])).content.decode()
    assert f'name="buddy" value="{amira.pk}"' in text


def test_batch_matching_leaves_out_unready_buddies(cast, strict, courses, journey, amira):
    journey(Phase.MATCHING)
    found = matching.waiting_round(cast.coordinator, cast.programme)
    assert matching.batch_result(found).pairs == []
    attended(amira, courses["intro"])
    attended(amira, courses["doorbraak"])
    _vog(cast, amira, valid_until=today() + dt.timedelta(days=365))

    found = matching.waiting_round(cast.coordinator, cast.programme)

    assert [p.buddy for p in matching.batch_result(found).pairs] == [amira]


def test_a_new_buddy_without_a_profile_reaches_the_areas_of_the_application(
    cast, in_training, journey
):
    """Activation works end to end: matching reads the application until a profile exists."""
    waiting = journey(Phase.MATCHING, household__languages="Nederlands")
    services.candidate_activate(candidate=in_training, by=cast.coordinator, version=None)
    wishes = matching.wishes_for(waiting)

    ranked = {r.role.user_id: r for r in matching.ranked_buddies(waiting, wishes)}

    new = ranked[in_training.user_id]
    assert new.refusal is None and new.score is not None
    assert any("speaks" in str(reason) for reason in new.score.reasons)


def test_before_the_first_save_the_profile_shows_what_matching_uses_the_application(
    client, cast, in_training
):
    """The buddies page and the profile form show the application's areas and languages, the
    ones the scorer reads, so a coordinator never sees an empty profile that still matches."""
    Candidate.objects.filter(pk=in_training.pk).update(languages="Nederlands, Arabisch")
    services.candidate_activate(candidate=in_training, by=cast.coordinator, version=None)
    client.force_login(cast.coordinator)

    [row] = [
        r for r in matching.buddy_overview(cast.programme) if r.role.user_id == in_training.user_id
    ]
    form = client.get(
        reverse("buddy_profile", args=[cast.programme.slug, in_training.user.uuid])
    ).context["form"]

    assert row.profile is None
    assert row.areas == cast.area.name
    assert row.languages == "Arabic, Dutch"
    assert form.initial["areas"] == [cast.area]
    assert form.initial["languages"] == ["ar", "nl"]


def test_a_break_refuses_the_buddy_as_unavailable_on_the_proposals(cast, journey, amira):
    waiting = journey(Phase.MATCHING)
    services.pause_record(
        user=amira, by=amira, starts_on=today(), ends_on=today(), reason="illness"
    )
    ranked = {
        r.role.user_id: r for r in matching.ranked_buddies(waiting, matching.wishes_for(waiting))
    }
    assert ranked[amira.pk].refusal == Refusal.UNAVAILABLE


def test_the_buddies_page_says_a_buddy_on_a_break_is_taking_one(client, cast, amira):
    services.pause_record(
        user=amira, by=amira, starts_on=today(), ends_on=today(), reason="illness"
    )
    client.force_login(cast.coordinator)

    response = client.get(reverse("buddy_profiles", args=[cast.programme.slug]))

    assert "taking a break" in response.content.decode()
    assert "away until" not in response.content.decode()
