"""The dashboard's figures, each counted in the database."""

import datetime as dt
from decimal import Decimal

from kansrijk.assessments.choices import Moment
from kansrijk.people.choices import Role
from kansrijk.people.models import Area
from kansrijk.reports.selectors import (
    buddy_load,
    domain_changes,
    doorbraak_figures,
    journey_per_area,
    match_endings,
)
from kansrijk.trajectories.choices import Phase
from tests.factories import (
    AssessmentFactory,
    DoorbraakCaseFactory,
    ProgrammeRoleFactory,
    UserFactory,
)

SINCE, UNTIL = dt.date(2024, 1, 1), dt.date(2024, 12, 31)


def test_journeys_per_area_count_where_households_stood_on_the_last_day(cast, journey):
    journey(Phase.REFERRED, referred_on=dt.date(2024, 11, 1))
    journey(Phase.ACTIVE, matched_on=dt.date(2024, 3, 1))
    # Now in aftercare, but on 31 December 2024 still in the active year.
    journey(Phase.AFTERCARE, matched_on=dt.date(2024, 6, 1))
    journey(Phase.CLOSED, matched_on=dt.date(2023, 1, 1), ended_on=dt.date(2024, 6, 1))
    journey(Phase.DROPPED_OUT, matched_on=dt.date(2024, 2, 1), ended_on=dt.date(2024, 5, 1))
    journey(Phase.ACTIVE, matched_on=dt.date(2025, 2, 1))  # referred and matched after it

    (area,) = journey_per_area(Area.objects.filter(pk=cast.area.pk), since=SINCE, until=UNTIL)

    assert (area.waiting, area.active, area.aftercare) == (1, 2, 0)
    assert (area.started, area.finished, area.dropped_out) == (3, 1, 1)


def test_a_match_that_ended_within_its_first_year_counts_as_ending_early(cast, journey):
    journey(Phase.DROPPED_OUT, matched_on=dt.date(2024, 2, 1), ended_on=dt.date(2024, 8, 1))
    journey(Phase.CLOSED, matched_on=dt.date(2024, 1, 10), ended_on=dt.date(2025, 5, 1))
    journey(Phase.AFTERCARE, matched_on=dt.date(2024, 3, 1))
    # Its 12 months are not over yet: not counted either way.
    journey(Phase.ACTIVE, matched_on=dt.date(2024, 12, 1))

    endings = match_endings([cast.area], since=SINCE, until=UNTIL, on=dt.date(2025, 6, 16))

    assert (endings.over, endings.ended_early, endings.completed) == (3, 1, 2)


def test_a_match_is_over_on_the_day_its_365_days_have_passed_not_the_day_before(cast, journey):
    on = dt.date(2025, 6, 16)
    journey(Phase.AFTERCARE, matched_on=on - dt.timedelta(days=365))  # over today
    journey(Phase.ACTIVE, matched_on=on - dt.timedelta(days=364))  # over tomorrow
    # 1 February 2024 + 365 days is 31 January 2025 (a leap year): ended the day before, early;
    # ended on that day, the year was complete.
    journey(Phase.DROPPED_OUT, matched_on=dt.date(2024, 2, 1), ended_on=dt.date(2025, 1, 30))
    journey(Phase.CLOSED, matched_on=dt.date(2024, 2, 1), ended_on=dt.date(2025, 1, 31))

    endings = match_endings([cast.area], since=SINCE, until=on, on=on)

    assert (endings.over, endings.ended_early) == (3, 1)


def test_life_domains_compare_the_start_with_the_end_per_participant(cast, journey):
    for start, end in [(1, 3), (2, 2), (3, 2)]:
        trajectory = journey(Phase.AFTERCARE, matched_on=dt.date(2023, 10, 1))
        AssessmentFactory(
            trajectory=trajectory, moment=Moment.START, scores={"finances": (start, 4)}
        )
        AssessmentFactory(
            trajectory=trajectory,
            moment=Moment.END,
            held_on=dt.date(2024, 10, 1),
            scores={"finances": (end, 4)},
        )
    # An end without a start says nothing about change.
    lone = journey(Phase.AFTERCARE, matched_on=dt.date(2023, 10, 1))
    AssessmentFactory(trajectory=lone, moment=Moment.END, held_on=dt.date(2024, 10, 1))

    (finances,) = domain_changes([cast.area], since=SINCE, until=UNTIL)

    assert finances.code == "finances"
    assert (finances.assessed, finances.went_up, finances.stayed, finances.went_down) == (
        3,
        1,
        1,
        1,
    )
    assert (finances.average_start, finances.average_end) == (Decimal("2.0"), Decimal("2.3"))


def test_doorbraak_lead_times_fall_into_spans_with_their_median(cast, journey):
    trajectory = journey(Phase.ACTIVE, matched_on=dt.date(2024, 1, 1))
    opened = dt.date(2024, 3, 1)
    for days, costs in [(3, 100), (20, None), (45, 250), (200, None)]:
        DoorbraakCaseFactory(
            trajectory=trajectory,
            opened_on=opened,
            solved_on=opened + dt.timedelta(days=days),
            costs=costs,
        )
    DoorbraakCaseFactory(trajectory=trajectory, opened_on=opened)

    figures = doorbraak_figures([cast.area], since=SINCE, until=dt.date(2025, 6, 1))

    assert figures.opened == 5
    assert figures.solved_within == {7: 1, 30: 1, 90: 1}
    assert (figures.solved_longer, figures.still_open) == (1, 1)
    assert figures.median_days == 32  # (20 + 45) / 2, rounded
    assert (figures.costs, figures.with_costs) == (Decimal("350"), 2)


def test_buddies_are_counted_by_the_number_of_households_they_coach(cast, journey):
    busy = UserFactory()
    ProgrammeRoleFactory(user=busy, programme=cast.programme, role=Role.BUDDY)
    ProgrammeRoleFactory(user=UserFactory(), programme=cast.programme, role=Role.BUDDY)
    journey(Phase.ACTIVE, buddy=cast.buddy)
    journey(Phase.ACTIVE, buddy=busy)
    journey(Phase.AFTERCARE, buddy=busy)
    journey(Phase.CLOSED, buddy=busy)

    load = buddy_load(cast.programme, [cast.area], on=dt.date(2025, 6, 16))

    assert load.buddies == 3
    assert load.by_households == {0: 1, 1: 1, 2: 1, 3: 0}
    assert (load.households, load.average) == (3, Decimal("1.5"))
