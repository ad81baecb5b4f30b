"""The pilot reproduction: the demo's recorded data gives Kansrijk Oost's published figures for
the pilot cohort (the households referred in 2019): 20 took part, 17 remained, and the list of
what the 17 reached, word for word, on the coordinator's results page and behind it."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import translation

from kansrijk.outcomes.models import ClosureCheck, Outcome
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, ProgrammeRole
from kansrijk.reports.cohort import Cohort
from kansrijk.reports.results import results_report
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

# Seed 002, in the results page's sentence.
PILOT_LIST = (
    "Van de 17 deelnemers die het traject afrondden: 2 deelnemers hebben goede huisvesting"
    " gekregen; 6 deelnemers hebben werk gevonden en zijn daarmee volledig (4) of voor het"
    " grootste deel (2) uit de bijstand; 1 deelnemer is een eigen bedrijf in de Zorg gestart;"
    " 6 deelnemers volgen een opleiding op MBO (5) of HBO (1) niveau; de jongere gaat weer naar"
    " school, heeft parttime werk en haalt zijn MBO-diploma."
)
PILOT_PARTICIPATION = (
    "20 huishoudens deden mee; 17 rondden het traject af; 3 stopten eerder: 1 voordat het jaar"
    " begon (geen passende buddy gevonden: 1) en 2 tijdens het jaar"
)
PILOT_COHORT = Cohort(first_year=2019, last_year=2019, on=dt.date(2021, 12, 31))


def _pilot_report(language: str):
    with translation.override(language):
        return results_report(
            programme=Programme.objects.get(slug="kansrijk-oost"), areas=None, cohort=PILOT_COHORT
        )


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded_demo")
class TestThePilotList:
    def test_the_dutch_list_is_the_pilots_word_for_word(self):
        report = _pilot_report("nl")

        assert report.paragraphs[1] == PILOT_LIST
        assert PILOT_PARTICIPATION in report.paragraphs[0]
        assert (report.programme, report.period) == ("Kansrijk Oost", "aangemeld in 2019")

    def test_the_coordinators_results_page_for_the_pilot_cohort_reads_as_the_pilot(self, client):
        oost = Programme.objects.get(slug="kansrijk-oost")
        coordinator = ProgrammeRole.objects.get(
            programme=oost, role=Role.COORDINATOR, user__username="coordinator"
        ).user
        client.force_login(coordinator)

        with translation.override("nl"):
            response = client.get(
                reverse("results", args=["kansrijk-oost"]) + "?cohort_from=2019&cohort_to=2019",
                HTTP_ACCEPT_LANGUAGE="nl",
            )

        text = html.unescape(response.content.decode())
        assert "Groep 2019: de huishoudens die zijn aangemeld van 1 januari 2019" in text
        assert PILOT_PARTICIPATION in text
        assert PILOT_LIST in text
        assert "zijn verborgen" not in text  # exact: the coordinator's figures are not hidden

    def test_the_english_list_says_the_same(self):
        report = _pilot_report("en")

        assert report.paragraphs[1] == (
            "Of the 17 participants who finished: 2 participants found good housing;"
            " 6 participants found work and so are fully (4) or mostly (2) out of welfare"
            " (bijstand); 1 participant started their own business in care; 6 participants"
            " follow education at MBO (5) or HBO (1) level; the young participant went back to"
            " school, has part-time work and earns their MBO diploma."
        )

    def test_the_figures_behind_the_list(self):
        report = _pilot_report("en")

        figures = {row[0]: row[1] for row in report.tables[2].rows}
        assert figures["Finished the trajectory"] == 17
        assert figures["Found good housing"] == 2
        assert (figures["Found work"], figures["– full-time"], figures["– part-time"]) == (6, 4, 2)
        assert figures["– fully out of welfare (bijstand)"] == 4
        assert figures["– mostly out of welfare (bijstand)"] == 2
        assert (figures["Started an own business"], figures["– care"]) == (1, 1)
        assert figures["Follow or followed education"] == 6
        assert (figures["– at MBO level"], figures["– at HBO level"]) == (5, 1)
        assert figures["Young people back at school"] == 1
        assert figures["– with part-time work"] == 1
        assert figures["– earned the MBO diploma"] == 1

    def test_the_pilot_cohort_adds_up(self):
        report = _pilot_report("en")

        assert dict(report.tables[0].rows) == {
            "Finished the trajectory": 17,
            "Stopped before their year began": 1,
            "Stopped during the year": 2,
            "Still taking part": 0,
            "Took part": 20,
        }
        assert report.tables[1].rows == [
            ["Moved out of the area", 0, 1, 1],
            ["No suitable buddy found", 1, 0, 1],
            ["Health reasons", 0, 1, 1],
            ["Total", 1, 2, 3],
        ]
        # Nobody still taking part: no table of where they stand in the journey.
        assert [t.caption for t in report.tables][2:] == [
            "The results list in figures",
            "Did it last? 12 months after closure",
            "Extended years and aftercare",
            "Who took part, by household type",
            "Working poor: paid work, yet not enough income",
        ]

    def test_every_finished_pilot_household_went_through_the_checklist(self):
        pilot = Trajectory.objects.filter(
            household__programme__slug="kansrijk-oost", referred_on__year=2019
        )

        closed = pilot.filter(phase=Phase.CLOSED)
        assert closed.count() == 17
        assert ClosureCheck.objects.filter(trajectory__in=closed).count() == 17
        # What a close note tells is what was recorded: each has at least one outcome.
        assert not closed.filter(outcomes__isnull=True).exists()
        assert not Outcome.objects.filter(
            trajectory__phase=Phase.DROPPED_OUT, trajectory__in=pilot
        ).exists()

    @pytest.mark.parametrize("slug", ["kansrijk-west", "kansrijk-oosterpark", "kansrijk-zuid"])
    def test_the_other_programmes_closed_households_have_outcomes_too(self, slug):
        outcomes = Outcome.objects.filter(trajectory__household__programme__slug=slug)

        assert outcomes.filter(trajectory__phase=Phase.CLOSED).exists()
