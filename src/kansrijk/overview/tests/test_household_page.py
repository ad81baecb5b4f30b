"""The household's file: what it shows, and which next steps it offers to whom."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.assessments.choices import Moment
from kansrijk.core.dates import long_date
from kansrijk.people.choices import Gender, MemberRelation
from kansrijk.trajectories.choices import Phase
from tests.factories import (
    AssessmentFactory,
    ContactFactory,
    HouseholdMemberFactory,
    IntakeFactory,
    PhaseChangeFactory,
    ReferralFactory,
    TrajectoryFactory,
)


def _open(client, user, trajectory):
    client.force_login(user)
    response = client.get(reverse("household", args=[trajectory.household.uuid]))
    assert response.status_code == 200
    return response


def _action_urls(response) -> list[str]:
    return [action.url.rsplit("/", 2)[-2] for action in response.context["file"].actions]


def test_the_page_shows_the_derived_dates_of_the_active_year(client, cast, journey):
    trajectory = journey(Phase.ACTIVE, matched_on=dt.date(2024, 8, 31))

    html = _open(client, cast.coordinator, trajectory).content.decode()

    assert "28 February 2025" in html  # halfway: six months on, clamped to February's end
    assert "31 August 2025" in html  # the year ends twelve months on


def test_the_page_lists_the_participant_first_then_adults_then_children_eldest_first(
    client, cast, journey
):
    trajectory = journey(Phase.MATCHING)
    household = trajectory.household
    HouseholdMemberFactory(household=household, relation=MemberRelation.CHILD, birth_year=2019)
    HouseholdMemberFactory(household=household, relation=MemberRelation.PARTNER)
    HouseholdMemberFactory(household=household, relation=MemberRelation.CHILD, birth_year=2012)
    HouseholdMemberFactory(household=household, relation=MemberRelation.PARTICIPANT)

    members = _open(client, cast.coordinator, trajectory).context["file"].members

    assert [(m.relation, m.birth_year) for m in members] == [
        (MemberRelation.PARTICIPANT, 1985),
        (MemberRelation.PARTNER, 1985),
        (MemberRelation.CHILD, 2012),
        (MemberRelation.CHILD, 2019),
    ]


def test_the_page_says_why_this_user_may_see_the_household(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)

    html = _open(client, cast.backup, trajectory).content.decode()

    consent = trajectory.household.consents.get()
    assert (
        f"You see this because the participant gave consent on {long_date(consent.starts_on)} "
        "for the backup professional to see: basic details, assessments." in html
    )


def test_the_page_shows_the_referral_contacts_and_history(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)
    ReferralFactory(trajectory=trajectory, reason="Letters pile up unopened.")
    ContactFactory(trajectory=trajectory, note="Opened the letters together.")
    PhaseChangeFactory(trajectory=trajectory, to_phase=Phase.REFERRED, by=cast.coordinator)

    response = _open(client, cast.coordinator, trajectory)

    html = response.content.decode()
    assert "Letters pile up unopened." in html
    assert "Opened the letters together." in html
    assert [change.to_phase for change in response.context["file"].history] == [Phase.REFERRED]


def test_the_page_shows_a_reopened_households_current_journey(client, cast, journey):
    ended = journey(Phase.DROPPED_OUT, referred_on=dt.date(2024, 1, 8))
    reopened = TrajectoryFactory(household=ended.household, referred_on=dt.date(2025, 5, 5))

    response = _open(client, cast.coordinator, ended)

    assert response.context["file"].trajectory == reopened
    assert _action_urls(response)[0] == "start"  # intake/start/: the next step of the new one


@pytest.mark.parametrize(
    ("phase", "steps"),
    [
        # Before matching, the participant's wishes for a buddy can be written down already.
        (Phase.REFERRED, ["start", "wishes"]),
        (Phase.INTAKE, ["intake", "wishes"]),
        (Phase.MATCHING, ["match"]),
    ],
)
def test_the_coordinator_is_offered_the_next_step_of_a_waiting_household_first(
    client, cast, journey, phase, steps
):
    response = _open(client, cast.coordinator, journey(phase))

    actions = response.context["file"].actions
    assert _action_urls(response) == [*steps, "rights", "transfer", "drop-out"]
    assert actions[0].style == "primary"


def test_the_buddy_is_offered_a_contact_first_and_no_coordinator_steps(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)
    AssessmentFactory(trajectory=trajectory, moment=Moment.START)

    response = _open(client, cast.buddy, trajectory)

    assert _action_urls(response) == ["new", "new", "new"]
    first, second, third = response.context["file"].actions
    assert (first.url, first.style) == (
        reverse("log_contact", args=[trajectory.household.uuid]),
        "primary",
    )
    assert second.url == reverse("record_assessment", args=[trajectory.household.uuid])
    assert third.url == reverse("signal_raise", args=[trajectory.household.uuid])


def test_the_buddy_is_offered_the_assessment_first_when_one_is_due(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)  # started 60 days ago without a start assessment

    first = _open(client, cast.buddy, trajectory).context["file"].actions[0]

    assert first.url == reverse("record_assessment", args=[trajectory.household.uuid])


def test_the_coordinator_may_start_aftercare_or_close_when_the_year_is_nearly_over(
    client, cast, journey
):
    trajectory = journey(Phase.ACTIVE, matched_on=dt.date(2024, 7, 1))
    AssessmentFactory(trajectory=trajectory, moment=Moment.START)

    response = _open(client, cast.coordinator, trajectory)

    assert _action_urls(response) == [
        "new",
        "new",
        "new",
        "aftercare",
        "close",
        "extend",
        "rights",
        "transfer",
        "drop-out",
    ]


def test_a_closed_household_offers_no_steps_only_the_export(client, cast, journey):
    response = _open(client, cast.coordinator, journey(Phase.CLOSED))

    assert _action_urls(response) == ["rights"]


def test_the_page_shows_the_visiting_times_ticked_at_the_intake(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)
    IntakeFactory(
        trajectory=trajectory,
        availability_slots=["evenings", "weekend"],
        availability="Not on Wednesdays.",
    )

    html = _open(client, cast.buddy, trajectory).content.decode()

    assert "weekday evenings, weekend; Not on Wednesdays." in html


def test_the_visiting_times_stay_hidden_without_consent_for_wishes_and_plan(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)  # the backup's consent: basic details and assessments
    IntakeFactory(trajectory=trajectory, availability_slots=["evenings"], availability="")

    response = _open(client, cast.backup, trajectory)

    assert "weekday evenings" not in response.content.decode()
    assert response.context["file"].visiting_times == ""


def test_the_referral_shows_the_gender_asked_for_the_buddy(client, cast, journey):
    trajectory = journey(Phase.MATCHING)
    ReferralFactory(trajectory=trajectory, preferred_gender=Gender.WOMAN)

    html = _open(client, cast.coordinator, trajectory).content.decode()

    assert "A woman or a man as buddy" in html and "Woman" in html
