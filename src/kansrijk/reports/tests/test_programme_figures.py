"""Figures for funders: counts per programme, phase and year, never a person."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.people.models import Programme
from kansrijk.reports.selectors import YearFigures, programme_figures
from kansrijk.trajectories.choices import Phase
from tests.factories import trajectory_in


def _figures(*programmes):
    return programme_figures(Programme.objects.filter(pk__in=[p.pk for p in programmes]))


def test_figures_count_the_trajectories_per_phase(cast, journey):
    for phase in (Phase.REFERRED, Phase.ACTIVE, Phase.ACTIVE, Phase.DROPPED_OUT):
        journey(phase)
    trajectory_in(Phase.ACTIVE, household__programme=cast.other_programme)

    (figures,) = _figures(cast.programme)

    assert figures.phases == {
        **dict.fromkeys(Phase, 0),
        Phase.REFERRED: 1,
        Phase.ACTIVE: 2,
        Phase.DROPPED_OUT: 1,
    }
    assert figures.total == 4


def test_figures_count_years_started_closed_and_dropped_out_per_calendar_year(cast, journey):
    journey(Phase.CLOSED, matched_on=dt.date(2023, 9, 1), ended_on=dt.date(2025, 3, 1))
    journey(Phase.ACTIVE, matched_on=dt.date(2024, 10, 1))
    journey(Phase.AFTERCARE, matched_on=dt.date(2024, 2, 1))
    journey(Phase.DROPPED_OUT, matched_on=dt.date(2024, 5, 1), ended_on=dt.date(2024, 11, 1))
    journey(Phase.DROPPED_OUT, ended_on=dt.date(2025, 1, 15))  # before any year started

    (figures,) = _figures(cast.programme)

    assert figures.years == {
        2025: YearFigures(started=0, closed=1, dropped_out=1),
        2024: YearFigures(started=3, closed=0, dropped_out=1),
        2023: YearFigures(started=1, closed=0, dropped_out=0),
    }
    assert list(figures.years) == [2025, 2024, 2023]


def test_a_programme_without_households_has_zero_figures(cast):
    (figures,) = _figures(cast.other_programme)

    assert (figures.total, figures.years) == (0, {})


def test_the_funder_sees_only_the_programmes_they_fund(client, cast, journey):
    journey(Phase.ACTIVE)
    client.force_login(cast.funder)

    response = client.get(reverse("figures"))

    assert [figures.programme for figures in response.context["figures"]] == [cast.programme]
    assert cast.other_programme.name not in response.content.decode()


@pytest.mark.parametrize("phase", list(Phase))
def test_the_figures_page_never_shows_a_person(client, cast, journey, phase):
    trajectory = journey(phase)
    client.force_login(cast.funder)

    html = client.get(reverse("figures")).content.decode()

    for text in (
        trajectory.household.display_name,
        trajectory.household.phone,
        str(trajectory.household.uuid),
        cast.buddy.get_full_name(),
        cast.backup.get_full_name(),
    ):
        assert text not in html
