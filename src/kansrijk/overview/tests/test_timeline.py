"""The household's timeline: every kind of event together, only what the visitor may see."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.assessments.choices import Moment
from kansrijk.contacts.models import ContactKind
from kansrijk.contacts.services import contact_log
from kansrijk.overview.timeline import PER_PAGE, timeline_page
from kansrijk.trajectories.choices import Phase
from tests.factories import (
    AssessmentFactory,
    ContactFactory,
    DoorbraakCaseFactory,
    GoalFactory,
    ProgressNoteFactory,
    SignalFactory,
)


@pytest.fixture
def year(journey, frozen_today):
    trajectory = journey(Phase.ACTIVE, matched_on=frozen_today - dt.timedelta(days=60))
    goal = GoalFactory(trajectory=trajectory, text="Geen brieven meer van de deurwaarder.")
    contact_log(
        trajectory=trajectory,
        by=trajectory.buddy,
        on=frozen_today - dt.timedelta(days=3),
        kind=ContactKind.VISIT,
        minutes=45,
        note="Samen de post gesorteerd.",
        goals=[goal],
        worried=True,
    )
    ProgressNoteFactory(goal=goal, is_success=True, text="Eerste afspraak bij de Kredietbank.")
    AssessmentFactory(trajectory=trajectory, moment=Moment.START)
    SignalFactory(trajectory=trajectory)
    DoorbraakCaseFactory(trajectory=trajectory)
    return trajectory


def _titles(page) -> list[str]:
    return [event.title for event in page.events]


def test_the_buddy_sees_every_kind_of_event_newest_first(cast, year):
    page = timeline_page(cast.buddy, year, 1)

    titles = " | ".join(_titles(page))
    for expected in ("Home visit (45 min)", "New goal", "A small success", "Assessment: start"):
        assert expected in titles
    assert "Signal: question" in titles
    assert "Doorbraak case opened" in titles
    days = [event.on for event in page.events]
    assert days == sorted(days, reverse=True)
    visit = next(e for e in page.events if e.kind == "contact")
    assert visit.badges == ("worried",)
    assert "Samen de post gesorteerd." in visit.detail
    assert "Geen brieven meer van de deurwaarder." in visit.detail


def test_a_backup_with_consent_for_assessments_only_sees_no_plan_and_no_notes(cast, year):
    page = timeline_page(cast.backup, year, 1)

    kinds = {event.kind for event in page.events}
    assert "plan" not in kinds and "success" not in kinds
    visit = next(e for e in page.events if e.kind == "contact")
    assert visit.detail == ""  # no sensitive notes, no goals
    assert "Assessment: start" in _titles(page)


def test_the_timeline_pages_through_a_long_year_in_a_fixed_number_of_queries(
    client, cast, journey, frozen_today, django_assert_max_num_queries
):
    trajectory = journey(Phase.ACTIVE, matched_on=frozen_today - dt.timedelta(days=200))
    for days in range(5):
        ContactFactory(trajectory=trajectory, on=frozen_today - dt.timedelta(days=days))
    client.force_login(cast.buddy)
    url = reverse("household_timeline", args=[trajectory.household.uuid])
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for days in range(5, 3 * PER_PAGE):
        ContactFactory(trajectory=trajectory, on=frozen_today - dt.timedelta(days=days))

    with django_assert_max_num_queries(len(few.captured_queries)):
        first = client.get(url)
    second = client.get(url, {"page": 2})

    assert first.context["page"].has_next
    assert len(first.context["page"].events) == PER_PAGE
    assert second.context["page"].events[0].on < first.context["page"].events[-1].on


def test_strangers_get_a_404_and_readers_are_logged(client, cast, year):
    url = reverse("household_timeline", args=[year.household.uuid])
    client.force_login(cast.funder)
    assert client.get(url).status_code == 404

    client.force_login(cast.coordinator)
    response = client.get(url, {"page": "x"})

    assert response.status_code == 200
    assert "Samen de post gesorteerd." in response.content.decode()
    assert client.post(url).status_code == 405


def test_a_contact_about_a_goal_of_another_household_is_refused(cast, year, journey):
    from kansrijk.core.errors import Refused

    other_goal = GoalFactory(trajectory=journey(Phase.ACTIVE, buddy=cast.buddy))
    with pytest.raises(Refused, match="goals of this household"):
        contact_log(
            trajectory=year,
            by=year.buddy,
            on=year.matched_on,
            kind=ContactKind.PHONE,
            goals=[other_goal],
        )


def test_a_buddy_who_needs_the_professional_goes_on_to_raise_a_signal(client, cast, year):
    client.force_login(cast.buddy)
    goal = year.goals.get()

    response = client.post(
        reverse("log_contact", args=[year.household.uuid]),
        {
            "on": year.matched_on.isoformat(),
            "kind": ContactKind.PHONE,
            "goals": [goal.pk],
            "needs_professional": "on",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("signal_raise", args=[year.household.uuid])
    contact = year.contacts.get(kind=ContactKind.PHONE)
    assert contact.needs_professional
    assert list(contact.goals.all()) == [goal]
