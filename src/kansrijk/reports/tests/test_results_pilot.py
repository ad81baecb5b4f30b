"""The pilot reproduction: the demo's recorded data gives Kansrijk Oost's published list for
2019–2021, word for word, and the figures behind it."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from kansrijk.outcomes.models import ClosureCheck, Outcome
from kansrijk.people.models import Programme
from kansrijk.reports.results import results_report
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

PILOT_LIST = (
    "Van de 17 deelnemers die het traject afrondden: 2 hebben goede huisvesting gevonden;"
    " 6 hebben werk gevonden, van wie 4 volledig en 2 grotendeels uit de bijstand;"
    " 1 is een eigen bedrijf gestart in de zorg; 6 volgen een opleiding op MBO (5) of HBO (1)"
    " niveau; de jongere gaat weer naar school, heeft parttime werk en haalde het MBO-diploma."
)


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for the class, and roll it back after the last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())
        yield
        transaction.set_rollback(True)


def _pilot_report(language: str):
    with translation.override(language):
        return results_report(
            programme=Programme.objects.get(slug="kansrijk-oost"),
            areas=None,
            since=dt.date(2019, 1, 1),
            until=dt.date(2021, 12, 31),
        )


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
class TestThePilotList:
    def test_the_dutch_list_is_the_pilots_word_for_word(self):
        report = _pilot_report("nl")

        assert report.paragraphs[1] == PILOT_LIST
        assert (report.programme, report.period) == ("Kansrijk Oost", "2019–2021")

    def test_the_english_list_says_the_same(self):
        report = _pilot_report("en")

        assert report.paragraphs[1] == (
            "Of the 17 participants who finished: 2 found good housing; 6 found work, of whom 4"
            " fully and 2 mostly out of welfare (bijstand); 1 started their own business in"
            " care; 6 follow education at MBO (5) or HBO (1) level; the young participant went"
            " back to school, has part-time work and earned the MBO diploma."
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

    def test_the_participants_of_the_period(self):
        report = _pilot_report("en")

        participants = dict(report.tables[0].rows)
        # The pilot's 19 matched households and 2 of the programme's own that began in 2021.
        assert participants == {
            "Started their year": 21,
            "Finished the trajectory": 17,
            "Stopped early": 4,
            "Still taking part on the last day": 2,
        }
        # The pilot's three, and one 2021 referral that never started its year.
        assert dict(report.tables[1].rows) == {
            "Moved out of the area": 1,
            "No suitable buddy found": 1,
            "Other help fits better": 1,
            "Health reasons": 1,
            "Total": 4,
        }

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
