"""Closing a trajectory goes through the checklist of the programme's outcomes: what was
reached is recorded with the closure, in one transaction, or nothing is saved."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.core.errors import Refused
from kansrijk.outcomes.choices import Hours, Level, OutcomeKind, Welfare
from kansrijk.outcomes.models import ClosureCheck, Outcome
from kansrijk.outcomes.services import Details, Reached, trajectory_close_with_checklist
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def aftercare(journey):
    return journey(Phase.AFTERCARE)


def _close(cast, trajectory, day, **kwargs):
    kwargs.setdefault("reached", [])
    kwargs.setdefault("nothing_reached", False)
    return trajectory_close_with_checklist(
        trajectory=trajectory, by=cast.coordinator, on=day, note="", version=1, **kwargs
    )


def test_ticked_outcomes_are_recorded_with_the_closure(cast, aftercare, kind_type, frozen_today):
    closed = _close(
        cast,
        aftercare,
        frozen_today,
        reached=[
            Reached(kind_type(OutcomeKind.HOUSING_FOUND)),
            Reached(kind_type(OutcomeKind.PAID_WORK), Details(Hours.FULL_TIME, Welfare.ENDED)),
        ],
    )

    assert closed.phase == Phase.CLOSED
    outcomes = Outcome.objects.filter(trajectory=aftercare).order_by("outcome_type__position")
    assert [(o.outcome_type.kind, o.reached_on, o.at_closure) for o in outcomes] == [
        (OutcomeKind.HOUSING_FOUND, frozen_today, True),
        (OutcomeKind.PAID_WORK, frozen_today, True),
    ]
    assert not ClosureCheck.objects.get(trajectory=aftercare).nothing_reached


def test_none_of_these_is_a_confirmed_answer_too(cast, aftercare, frozen_today):
    _close(cast, aftercare, frozen_today, nothing_reached=True)

    assert Trajectory.objects.get(pk=aftercare.pk).phase == Phase.CLOSED
    assert ClosureCheck.objects.get(trajectory=aftercare).nothing_reached
    assert not Outcome.objects.exists()


def test_an_unanswered_checklist_or_both_answers_close_nothing(
    cast, aftercare, kind_type, frozen_today
):
    with pytest.raises(Refused, match="Go through the checklist"):
        _close(cast, aftercare, frozen_today)
    with pytest.raises(Refused, match="not both"):
        _close(
            cast,
            aftercare,
            frozen_today,
            reached=[Reached(kind_type(OutcomeKind.HOUSING_FOUND))],
            nothing_reached=True,
        )

    assert Trajectory.objects.get(pk=aftercare.pk).phase == Phase.AFTERCARE
    assert not Outcome.objects.exists() and not ClosureCheck.objects.exists()


def test_a_refused_closure_keeps_no_ticked_outcome(cast, journey, kind_type, frozen_today):
    # The year runs until next February: closing now is refused, after the outcome was made.
    trajectory = journey(Phase.ACTIVE, matched_on=dt.date(2025, 2, 3))

    with pytest.raises(Refused, match="To end it earlier"):
        _close(
            cast,
            trajectory,
            frozen_today,
            reached=[Reached(kind_type(OutcomeKind.HOUSING_FOUND))],
        )

    assert not Outcome.objects.exists()
    assert Trajectory.objects.get(pk=trajectory.pk).phase == Phase.ACTIVE


def _post(client, trajectory, data):
    url = reverse("close", args=[trajectory.household.uuid])
    return client.post(url, {"version": trajectory.version, "on": "2025-06-16", **data})


def test_the_coordinator_closes_through_the_checklist_form(client, cast, aftercare):
    client.force_login(cast.coordinator)

    page = client.get(reverse("close", args=[aftercare.household.uuid]))
    response = _post(
        client,
        aftercare,
        {
            "reached-education_completed": "on",
            "education_completed-level": Level.MBO,
            "education_completed-diploma": "on",
            "reached-network_grown": "on",
            "note": "Diploma gehaald.",
        },
    )

    assert page.status_code == 200
    assert "Good housing found" in page.content.decode()
    assert response.status_code == 302
    assert Trajectory.objects.get(pk=aftercare.pk).phase == Phase.CLOSED
    completed = Outcome.objects.get(outcome_type__kind=OutcomeKind.EDUCATION_COMPLETED)
    assert (completed.level, completed.diploma) == (Level.MBO, True)
    assert Outcome.objects.count() == 2


def test_a_ticked_outcome_without_its_details_answers_422_and_saves_nothing(
    client, cast, aftercare
):
    client.force_login(cast.coordinator)

    response = _post(client, aftercare, {"reached-paid_work": "on", "paid_work-hours": "part_time"})

    assert response.status_code == 422
    assert "Say what the work did to the welfare benefit" in response.content.decode()
    assert Trajectory.objects.get(pk=aftercare.pk).phase == Phase.AFTERCARE
    assert not Outcome.objects.exists()


def test_outcomes_recorded_during_the_year_are_not_asked_again(client, cast, aftercare, record):
    record(aftercare, OutcomeKind.DEBT_FREEZE)
    client.force_login(cast.coordinator)

    response = client.get(reverse("close", args=[aftercare.household.uuid]))

    form = response.context["form"]
    assert "reached-debt_freeze" not in form.fields
    assert "reached-housing_found" in form.fields
    assert str(form.fields["nothing_reached"].label) == "Nothing else was reached"
    assert "Recorded already" in response.content.decode()
