"""Buddy Building: planning invites every buddy, answers, attendance, and the agenda's figures."""

import datetime as dt

from django.urls import reverse

from kansrijk.academy import services
from kansrijk.academy.models import Invitation
from kansrijk.academy.tests.conftest import attended
from kansrijk.core.dates import today
from kansrijk.overview.buddy_building import academy_table, agenda, area_table
from kansrijk.reports.selectors import area_figures
from kansrijk.reports.suppression import suppress
from kansrijk.reports.tables import Suppressed
from kansrijk.trajectories.choices import Phase
from tests.factories import AreaFactory, HouseholdFactory


def _meeting(cast, days: int, theme="Doorbraaknetwerk"):
    return services.meeting_plan(
        by=cast.coordinator,
        programmes=[cast.programme],
        on=today() + dt.timedelta(days=days),
        starts_at=dt.time(19, 0),
        place="Wijkcentrum",
        theme=theme,
    )


def test_planning_invites_every_active_buddy_of_the_programme(cast, frozen_today):
    meeting = _meeting(cast, 10)
    assert list(meeting.invitations.values_list("user", flat=True)) == [cast.buddy.pk]


def test_the_buddy_answers_on_their_own_page(client, cast, frozen_today):
    meeting = _meeting(cast, 10)
    client.force_login(cast.buddy)

    response = client.post(reverse("buddy_building_rsvp", args=[meeting.uuid]), {"answer": "yes"})

    assert response.url == reverse("buddy_home")
    assert Invitation.objects.get(meeting=meeting).answer == "yes"
    client.force_login(cast.coordinator)
    text = client.get(reverse("buddy_building", args=[meeting.uuid])).content.decode()
    assert str(cast.buddy) in text


def test_attendance_is_recorded_on_the_day(client, cast, frozen_today):
    meeting = _meeting(cast, 0)
    invitation = meeting.invitations.get()
    client.force_login(cast.coordinator)

    client.post(reverse("buddy_building", args=[meeting.uuid]), {"present": [invitation.pk]})

    invitation.refresh_from_db()
    assert invitation.attended is True


def test_the_agenda_figures_equal_the_report_figures_since_the_last_meeting(
    client, cast, journey, courses, frozen_today
):
    last = _meeting(cast, -60, theme="Samen")
    meeting = _meeting(cast, 7)
    lewenborg = AreaFactory(programme=cast.programme, name="Lewenborg", slug="lewenborg")
    for _ in range(6):
        journey(Phase.ACTIVE, matched_on=today() - dt.timedelta(days=30), buddy=None)
    journey(Phase.CLOSED, household=HouseholdFactory(programme=cast.programme, area=lewenborg))
    attended(cast.buddy, courses["intro"], days_ago=20)

    previous, programmes = agenda(meeting)

    assert previous == last
    until = dt.date(2025, 5, 31)  # the meeting is on 23 June: the last whole month is May
    expected = suppress(area_table(cast.programme, since=last.on, until=until), threshold=5)
    assert programmes[0].areas.rows == expected.rows
    figures = {f.area.name: f for f in area_figures(cast.programme, since=last.on, until=until)}
    beijum = next(row for row in programmes[0].areas.rows if row[0] == "Beijum")
    assert beijum[1] == figures["Beijum"].participants_now == 6
    assert beijum[2] == figures["Beijum"].started == 6
    lewenborg_row = next(row for row in programmes[0].areas.rows if row[0] == "Lewenborg")
    assert isinstance(lewenborg_row[3], Suppressed)  # one finished household: too small to show
    academy = programmes[0].academy.rows[0]
    assert academy[:2] == [1, 1]
    assert academy == suppress(academy_table(cast.programme, since=last.on, until=until), 5).rows[0]

    client.force_login(cast.buddy)
    text = client.get(reverse("buddy_building_agenda", args=[meeting.uuid])).content.decode()
    assert "Beijum" in text and "hidden" in text and "Doorbraaknetwerk" in text


def test_the_agenda_reads_a_fixed_number_of_queries(
    client, cast, journey, frozen_today, django_assert_max_num_queries
):
    meeting = _meeting(cast, 7)
    client.force_login(cast.coordinator)
    url = reverse("buddy_building_agenda", args=[meeting.uuid])
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for name in ("Lewenborg", "Selwerd"):
        area = AreaFactory(programme=cast.programme, name=name, slug=name.lower())
        for _ in range(3):
            journey(Phase.ACTIVE, household=HouseholdFactory(programme=cast.programme, area=area))

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_agenda_counts_a_fixed_period_and_shows_it_once_it_is_over(
    client, cast, journey, frozen_today
):
    """Two days' agendas of a period that grew up to today could be subtracted; a meeting's
    period ends on the last day of the month before it, and shows once that day has passed."""
    soon = _meeting(cast, 7)  # 23 June: May is over
    early = _meeting(cast, 20)  # 6 July: June is not over yet
    client.force_login(cast.buddy)

    assert agenda(soon)[1] and not agenda(early)[1]
    text = client.get(reverse("buddy_building_agenda", args=[early.uuid])).content.decode()
    assert "come on 1 July 2025" in text
    journey(Phase.ACTIVE, matched_on=today(), buddy=None)  # recorded in June, after May

    beijum = next(row for row in agenda(soon)[1][0].areas.rows if row[0] == "Beijum")
    assert beijum[2] == 0  # started in June: not in May's figures
