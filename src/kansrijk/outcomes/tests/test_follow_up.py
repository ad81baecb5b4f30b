"""Follow-up after closure: did what the household reached last, 6 and 12 months on?"""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Q
from django.urls import reverse

from kansrijk.access.models import AuditEntry
from kansrijk.access.services import participant_account_create
from kansrijk.core.dates import add_months
from kansrijk.core.errors import Refused
from kansrijk.outcomes.choices import OutcomeKind
from kansrijk.outcomes.followup import selectors, services
from kansrijk.outcomes.followup.choices import Answer, RecordedBy
from kansrijk.outcomes.models import FollowUp, FollowUpAnswer
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import months_ago

H, L, U = Answer.HOLDS, Answer.LOST, Answer.UNREACHABLE


@pytest.fixture
def closed(journey, record):
    """A household closed 13 months ago that found housing and work: its 12-month follow-up
    is due."""

    def make(months: int = 13, kinds=(OutcomeKind.HOUSING_FOUND, OutcomeKind.VOLUNTEER_WORK)):
        trajectory = journey(
            Phase.CLOSED,
            matched_on=months_ago(months + 18),
            aftercare_started_on=months_ago(months + 6),
            ended_on=months_ago(months),
        )
        for kind in kinds:
            record(trajectory, kind, reached_on=months_ago(months + 1))
        return trajectory

    return make


def _answers(trajectory, *answers):
    pks = trajectory.outcomes.order_by("pk").values_list("pk", flat=True)
    return dict(zip(pks, answers, strict=False))


def _record(trajectory, by, *answers, moment=12, **kwargs):
    return services.follow_up_record(
        trajectory=trajectory,
        by=by,
        moment=moment,
        answers=_answers(trajectory, *answers),
        **kwargs,
    )


def _participant(trajectory, cast, email="p@example.org"):
    return participant_account_create(
        household=trajectory.household, trajectory=trajectory, by=cast.coordinator, email=email
    )


# ---- services ----


def test_the_coordinator_records_whether_each_outcome_still_holds(cast, closed):
    trajectory = closed()

    follow_up = _record(trajectory, cast.coordinator, H, L, note="Nieuwe baan gezocht.")

    assert follow_up.moment == 12 and follow_up.reachable
    assert follow_up.recorded_as == RecordedBy.COORDINATOR
    answers = {a.outcome.outcome_type.kind: a.answer for a in follow_up.answers.all()}
    assert answers == {OutcomeKind.HOUSING_FOUND: H, OutcomeKind.VOLUNTEER_WORK: L}
    assert AuditEntry.objects.filter(detail="follow-up 12", household=trajectory.household).exists()


def test_the_note_is_stored_encrypted(cast, closed):
    follow_up = _record(closed(), cast.coordinator, H, H, note="Schulden weer opgelopen.")

    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM outcomes_followup WHERE id = %s", [follow_up.pk])
        (stored,) = cursor.fetchone()
    assert "Schulden" not in stored
    assert FollowUp.objects.get().note == "Schulden weer opgelopen."


def test_a_household_not_reachable_answers_not_reachable_for_every_outcome(cast, closed):
    follow_up = _record(closed(), cast.coordinator, reachable=False)

    assert not follow_up.reachable
    assert set(follow_up.answers.values_list("answer", flat=True)) == {U}
    assert follow_up.answers.count() == 2


def test_a_follow_up_is_never_recorded_twice(cast, closed):
    trajectory = closed()
    _record(trajectory, cast.coordinator, H, H)

    with pytest.raises(Refused, match="already recorded"):
        _record(trajectory, cast.coordinator, L, L)

    assert FollowUp.objects.count() == 1
    assert set(FollowUpAnswer.objects.values_list("answer", flat=True)) == {H}


def test_every_outcome_needs_an_answer_and_nothing_is_half_saved(cast, closed):
    trajectory = closed()

    with pytest.raises(Refused, match="for each outcome"):
        _record(trajectory, cast.coordinator, H)

    assert not FollowUp.objects.exists()


def test_an_answer_about_another_households_outcome_is_refused(cast, closed):
    trajectory, other = closed(), closed()
    answers = {**_answers(trajectory, H, H), **_answers(other, H)}

    with pytest.raises(Refused, match="outcomes of this household"):
        services.follow_up_record(
            trajectory=trajectory, by=cast.coordinator, moment=12, answers=answers
        )


def test_a_follow_up_cannot_be_recorded_before_it_is_due(cast, closed):
    trajectory = closed(months=4)

    with pytest.raises(Refused, match="not before"):
        _record(trajectory, cast.coordinator, H, H, moment=6)
    _record(closed(months=7), cast.coordinator, H, H, moment=6)

    assert FollowUp.objects.count() == 1


@pytest.mark.parametrize("phase", [Phase.DROPPED_OUT, Phase.AFTERCARE])
def test_only_a_closed_trajectory_is_followed_up(cast, journey, record, phase):
    trajectory = journey(phase, ended_on=months_ago(13) if phase == Phase.DROPPED_OUT else None)
    record(trajectory, OutcomeKind.DEBT_FREEZE, reached_on=trajectory.referred_on)

    with pytest.raises(Refused, match="closed trajectory"):
        _record(trajectory, cast.coordinator, H)


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator", "stranger"])
def test_only_the_programmes_coordinator_records_a_follow_up(cast, closed, who):
    with pytest.raises(Refused):
        _record(closed(), getattr(cast, who), H, H)


def test_the_participant_answers_her_own_follow_up(cast, closed):
    trajectory = closed()
    participant = _participant(trajectory, cast)

    follow_up = _record(trajectory, participant, H, H, as_participant=True)

    assert follow_up.recorded_as == RecordedBy.PARTICIPANT
    assert follow_up.recorded_by == participant


def test_a_participant_cannot_answer_for_another_household_nor_say_she_was_unreachable(
    cast, closed
):
    trajectory, other = closed(), closed()
    participant = _participant(other, cast)

    with pytest.raises(Refused, match="own household"):
        _record(trajectory, participant, H, H, as_participant=True)
    with pytest.raises(Refused):
        _record(other, participant, reachable=False, as_participant=True)
    with pytest.raises(Refused):
        _record(other, participant, U, U, as_participant=True)


# ---- selectors ----


def test_the_due_list_holds_closed_households_whose_follow_up_fell_due(cast, closed, journey):
    six = closed(months=7)
    twelve = closed(months=13)
    closed(months=3)  # not due yet
    closed(months=20)  # due too long ago: no longer on the list
    closed(months=14, kinds=())  # reached nothing: nothing to follow up
    done = closed(months=15)
    _record(done, cast.coordinator, H, H)
    journey(Phase.DROPPED_OUT, ended_on=months_ago(13))

    due = list(selectors.follow_ups_due(cast.coordinator, cast.programme))

    assert due == [twelve, six]
    rows = [selectors.as_due(t) for t in due]
    assert [(r.moment, r.due_on) for r in rows] == [
        (12, add_months(twelve.ended_on, 12)),
        (6, add_months(six.ended_on, 6)),
    ]
    assert not list(selectors.follow_ups_due(cast.other_coordinator, cast.programme))


def test_once_the_12_month_follow_up_is_due_the_6_month_one_is_not_asked(cast, closed):
    trajectory = closed(months=13)

    assert selectors.open_follow_up(trajectory) == 12
    _record(trajectory, cast.coordinator, H, H)
    assert selectors.open_follow_up(trajectory) is None


def test_the_due_list_takes_a_bounded_number_of_queries(
    cast, closed, django_assert_max_num_queries
):
    for months in (7, 8, 13, 14):
        closed(months=months)

    with django_assert_max_num_queries(3):
        due = list(selectors.follow_ups_due(cast.coordinator, cast.programme))
    assert len(due) == 4


def test_sustained_counts_the_households_it_still_holds_for(cast, closed):
    holding, lost, unreachable, not_asked = closed(), closed(), closed(), closed()
    _record(holding, cast.coordinator, H, H)
    _record(lost, cast.coordinator, L, H)
    _record(unreachable, cast.coordinator, reachable=False)
    counts = selectors.sustained(
        Trajectory.objects.filter(pk__in=[t.pk for t in (holding, lost, unreachable, not_asked)]),
        {"housing": Q(outcome_type__kind=OutcomeKind.HOUSING_FOUND)},
    )

    assert counts == {"housing": (4, 1, 1)}
    assert selectors.lasting_share(Trajectory.objects.all()) == (3, 4)


def test_a_later_answer_at_six_months_does_not_count_as_twelve(cast, closed):
    trajectory = closed(months=8)
    _record(trajectory, cast.coordinator, H, H, moment=6)
    counts = selectors.sustained(
        Trajectory.objects.filter(pk=trajectory.pk),
        {"housing": Q(outcome_type__kind=OutcomeKind.HOUSING_FOUND)},
    )
    assert counts == {"housing": (1, 0, 0)}


# ---- pages ----


def _post(client, url, trajectory, *answers, **extra):
    data = {
        f"answer-{o.uuid}": a
        for o, a in zip(trajectory.outcomes.order_by("reached_on", "id"), answers, strict=False)
    }
    return client.post(url, {**data, **extra})


def test_the_coordinator_sees_the_due_list_and_records_a_follow_up(client, cast, closed):
    trajectory = closed()
    client.force_login(cast.coordinator)

    listed = client.get(reverse("follow_ups_due", args=[cast.programme.slug]))
    url = reverse("follow_up", args=[trajectory.household.uuid])
    assert url in listed.content.decode()
    page = client.get(url)
    assert "12 months after closure" in page.content.decode()
    response = _post(client, url, trajectory, H, L, note="Verhuisd naar Lewenborg.")

    assert response.status_code == 302
    assert response["Location"] == reverse("follow_ups_due", args=[cast.programme.slug])
    assert FollowUp.objects.get().note == "Verhuisd naar Lewenborg."
    shown = client.get(url).content.decode()
    assert "no longer holds" in shown and "Verhuisd naar Lewenborg." in shown


def test_a_missing_answer_gets_a_message_and_saves_nothing(client, cast, closed):
    trajectory = closed()
    client.force_login(cast.coordinator)

    response = _post(client, reverse("follow_up", args=[trajectory.household.uuid]), trajectory, H)

    assert response.status_code == 422
    assert "Say whether “Volunteer work” still holds." in response.content.decode()
    assert not FollowUp.objects.exists()


def test_the_follow_up_page_of_an_open_trajectory_says_it_is_not_closed(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)
    client.force_login(cast.coordinator)

    response = client.get(reverse("follow_up", args=[trajectory.household.uuid]))

    assert response.status_code == 200
    assert "not closed" in response.content.decode()
    assert client.post(reverse("follow_up", args=[trajectory.household.uuid])).status_code == 200
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator", "stranger"])
def test_nobody_else_opens_a_households_follow_up(client, cast, closed, who):
    trajectory = closed()
    client.force_login(getattr(cast, who))

    url = reverse("follow_up", args=[trajectory.household.uuid])
    assert client.get(url).status_code == 404
    assert _post(client, url, trajectory, H, H).status_code == 404
    due = client.get(reverse("follow_ups_due", args=[cast.programme.slug]))
    assert due.status_code == 404
    assert not FollowUp.objects.exists()


def test_the_participant_is_asked_in_her_portal_and_answers(client, cast, closed):
    trajectory = closed()
    client.force_login(_participant(trajectory, cast))

    portal = client.get(reverse("my_file")).content.decode()
    assert reverse("my_follow_up") in portal
    response = _post(client, reverse("my_follow_up"), trajectory, H, H)

    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.recorded_as == RecordedBy.PARTICIPANT
    assert reverse("my_follow_up") not in client.get(reverse("my_file")).content.decode()
    again = client.get(reverse("my_follow_up")).content.decode()
    assert "nothing to answer" in again


def test_the_participant_is_not_offered_not_reachable(client, cast, closed):
    trajectory = closed()
    client.force_login(_participant(trajectory, cast))

    response = _post(client, reverse("my_follow_up"), trajectory, U, U)

    assert response.status_code == 422
    assert not FollowUp.objects.exists()


def test_no_question_in_the_portal_before_a_follow_up_is_due(client, cast, closed):
    trajectory = closed(months=2)
    client.force_login(_participant(trajectory, cast))

    assert reverse("my_follow_up") not in client.get(reverse("my_file")).content.decode()
    assert _post(client, reverse("my_follow_up"), trajectory, H, H).status_code == 200
    assert not FollowUp.objects.exists()


def test_the_due_day_is_the_day_the_trajectory_ended_plus_the_months(closed):
    trajectory = closed()

    assert selectors.due_on(trajectory, 6) == add_months(trajectory.ended_on, 6)
    assert selectors.due_on(trajectory, 12) - trajectory.ended_on > dt.timedelta(days=360)


def test_not_reachable_needs_no_answers_on_the_page(client, cast, closed):
    trajectory = closed()
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("follow_up", args=[trajectory.household.uuid]), {"unreachable": "on"}
    )

    assert response.status_code == 302
    assert set(FollowUpAnswer.objects.values_list("answer", flat=True)) == {U}
