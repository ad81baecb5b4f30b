"""The next assessment starts from where the participant wanted to be last time."""

import pytest
from django.urls import reverse

from kansrijk.assessments.choices import Moment
from kansrijk.assessments.models import Assessment
from kansrijk.assessments.selectors import last_targets
from kansrijk.trajectories.choices import Phase
from tests.factories import AssessmentFactory, months_ago

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def coached(journey):
    return journey(Phase.ACTIVE, matched_on=months_ago(7))


@pytest.fixture
def buddy_client(client, cast):
    client.force_login(cast.buddy)
    return client


def test_the_last_targets_are_those_of_the_latest_assessment(coached):
    AssessmentFactory(trajectory=coached, scores={"work": (1, 3), "home": (2, 4)})
    AssessmentFactory(
        trajectory=coached,
        moment=Moment.EXTRA,
        held_on=months_ago(3),
        scores={"work": (2, 5), "home": (3, 4)},
    )

    assert last_targets(coached) == {"work": 5, "home": 4}


def test_without_an_assessment_there_are_no_targets_to_carry(coached):
    assert last_targets(coached) == {}


def test_the_form_starts_from_the_last_targets_and_says_where_they_come_from(buddy_client, coached):
    AssessmentFactory(trajectory=coached, scores={"work": (1, 3), "home": (2, 4)})

    page = buddy_client.get(reverse("record_assessment", args=[coached.household.uuid]))

    form = page.context["form"]
    assert (form["work-wanted"].value(), form["home-wanted"].value()) == (3, 4)
    assert form["finances-wanted"].value() is None
    assert form["work-level"].value() is None
    assert "From the previous assessment" in str(form["work-wanted"].help_text)
    assert "From the previous assessment" not in str(form["finances-wanted"].help_text)


def test_a_carried_target_is_saved_only_when_the_assessment_is_saved(buddy_client, coached):
    AssessmentFactory(trajectory=coached, scores={"work": (1, 3)})

    buddy_client.get(reverse("record_assessment", args=[coached.household.uuid]))

    assert Assessment.objects.filter(trajectory=coached).count() == 1


def test_a_target_the_scale_no_longer_has_is_not_carried(buddy_client, coached):
    AssessmentFactory(trajectory=coached, scores={"work": (1, 9)})

    page = buddy_client.get(reverse("record_assessment", args=[coached.household.uuid]))

    assert page.context["form"]["work-wanted"].value() is None
