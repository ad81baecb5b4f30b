"""Reach: households that began their year against the programme's yearly target, per area
counted from the day the area joined; on the programme report and the coordinator's page."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from kansrijk.people.models import Area, Programme
from kansrijk.reports.reach import reach, reach_sentence, reach_table
from kansrijk.trajectories.choices import Phase
from tests.factories import AreaFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

TODAY = dt.date(2025, 6, 16)


@pytest.fixture
def started(cast, journey):
    """Beijum (joined 2023): one began in 2025, one in 2024. Lewenborg joined 1 March 2025:
    one began after that, one before (it does not count for Lewenborg)."""
    lewenborg = AreaFactory(
        programme=cast.programme, name="Lewenborg", slug="lewenborg", joined_on=dt.date(2025, 3, 1)
    )
    journey(Phase.ACTIVE, matched_on=dt.date(2025, 2, 1))
    journey(Phase.ACTIVE, matched_on=dt.date(2024, 9, 1))
    journey(Phase.ACTIVE, matched_on=dt.date(2025, 4, 1), household__area=lewenborg)
    journey(Phase.ACTIVE, matched_on=dt.date(2025, 1, 10), household__area=lewenborg)
    Programme.objects.filter(pk=cast.programme.pk).update(yearly_participant_target=12)
    return lewenborg


def _reach(cast):
    programme = Programme.objects.get(pk=cast.programme.pk)
    return reach(programme, list(Area.objects.filter(programme=programme)), year=2025, until=TODAY)


def test_an_area_counts_from_the_day_it_joined(cast, started):
    figures = _reach(cast)

    per_area = {a.area.name: (a.started_in_year, a.started_since_joined) for a in figures.areas}
    assert per_area == {"Beijum": (1, 2), "Lewenborg": (1, 1)}
    assert (figures.started_in_year, figures.target, figures.share) == (2, 12, 17)


def test_the_table_shows_the_join_dates_and_the_totals(cast, started):
    table = reach_table(_reach(cast))

    assert table.columns[2:] == [
        "Began their year in 2025",
        "Began their year since the area joined",
    ]
    assert table.rows == [
        ["Beijum", "1 January 2023", 1, 2],
        ["Lewenborg", "1 March 2025", 1, 1],
        ["Total", "", 2, 3],
    ]


def test_the_sentence_sets_the_year_against_the_target_and_its_pace(cast, started):
    figures = _reach(cast)

    assert reach_sentence(figures, 2) == (
        "In 2025 2 households began their year, against a target of 12 a year (17%)."
        " The year is still running: at the target's pace it would be 5 by 16 June 2025."
    )


def test_a_year_that_is_over_has_no_pace(cast, started):
    programme = Programme.objects.get(pk=cast.programme.pk)
    figures = reach(programme, list(programme.areas.all()), year=2024, until=TODAY)

    assert figures.until == dt.date(2024, 12, 31)
    assert figures.at_pace is None
    assert reach_sentence(figures, figures.started_in_year) == (
        "In 2024 1 household began its year, against a target of 12 a year (8%)."
    )


def test_the_coordinators_programme_page_shows_reach_this_year(client, cast, started):
    client.force_login(cast.coordinator)

    text = client.get(reverse("programme", args=[cast.programme.slug])).content.decode()

    assert "Reach this year" in text
    assert "In 2025 2 households began their year, against a target of 12 a year (17%)." in text
    assert "1 March 2025" in text


def test_the_programme_report_shows_reach_and_the_cohort_adding_up(client, cast, started):
    client.force_login(cast.coordinator)

    response = client.get(
        reverse("programme_report", args=[cast.programme.slug]), {"from": "2025", "to": "2025"}
    )

    report = response.context["report"]
    reach_rows = next(t for t in report.tables if t.caption.startswith("Reach")).rows
    assert reach_rows[-1] == ["Total", "", 2, 3]
    cohort = next(t for t in report.tables if t.caption.startswith("Cohort 2025"))
    # Referred 30 days before their year began: two in 2025, the others in 2024.
    assert cohort.rows[-1] == ["Total", 0, 0, 0, 2, 2]
    assert cohort.total_columns == {5}
    assert (
        "Cohort 2025: 2 households took part = 0 finished + 0 stopped before their year began"
        " + 0 stopped during the year + 2 still taking part." in report.paragraphs
    )


def test_the_funder_sees_reach_and_the_cohort_suppressed(client, cast, started):
    # A funder reads whole years that have ended: come back when 2025 is over.
    with time_machine.travel(dt.datetime(2026, 1, 2, 10, tzinfo=dt.UTC), tick=False):
        client.force_login(cast.funder)
        response = client.get(
            reverse("programme_report", args=[cast.programme.slug]), {"year": "2025"}
        )

    report = response.context["report"]
    text = " ".join(report.paragraphs)
    assert (
        "In 2025 a hidden number of households began their year; the target is 12 a year." in text
    )
    assert "Cohort 2025: a hidden number of households took part" in text
