"""The plan page, its print view and the participant's portal read a plan in a fixed number of
queries, whatever the number of goals, actions and notes (measured with 2 and with 20 goals)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.plans import services
from kansrijk.plans.choices import ActionBy, GoalStatus
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

CEILING = 25
DOMAINS = ["home", "wellbeing", "finances", "education", "work"]


def _add_goals(cast, coached, make_goal, make_action, count: int) -> None:
    """Goals in every domain, each with three steps (one done, one by an organisation) and
    three notes (one a celebrated success); every fifth goal achieved."""
    organisation = OrganisationFactory()
    for n in range(count):
        goal = make_goal(coached, domain=DOMAINS[n % 5], text=f"Doel {n}", basic_calm=n % 3 == 0)
        done = make_action(goal, what=f"Stap {n}a")
        make_action(goal, what=f"Stap {n}b", who=ActionBy.ORGANISATION, organisation=organisation)
        make_action(goal, what=f"Stap {n}c", who=ActionBy.BUDDY)
        services.action_set_done(action=done, by=cast.buddy, version=1)
        services.note_add(goal=goal, by=cast.buddy, text=f"Notitie {n}")
        success = services.note_add(goal=goal, by=cast.buddy, text=f"Succes {n}", is_success=True)
        services.note_celebrate(note=success, by=cast.buddy)
        services.note_add(goal=goal, by=cast.buddy, text=f"Nog een {n}", by_participant=True)
        if n % 5 == 4:
            services.goal_set_status(
                goal=goal, by=cast.buddy, version=1, status=GoalStatus.ACHIEVED
            )


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["plan", "plan_print"])
def test_the_plan_pages_do_not_query_per_goal_action_or_note(
    client, cast, coached, make_goal, make_action, page, django_assert_max_num_queries
):
    client.force_login(cast.buddy)
    url = reverse(page, args=[coached.household.uuid])
    _add_goals(cast, coached, make_goal, make_action, 2)
    small = _count(client, url)
    _add_goals(cast, coached, make_goal, make_action, 18)

    with django_assert_max_num_queries(CEILING):
        large = _count(client, url)

    print(f"\n{page}: {small} queries with 2 goals, {large} with 20")
    assert large == small


def test_the_participants_portal_does_not_query_per_goal(
    client, cast, coached, make_goal, make_action, participant, django_assert_max_num_queries
):
    client.force_login(participant)
    _add_goals(cast, coached, make_goal, make_action, 2)
    small = _count(client, reverse("my_file"))
    _add_goals(cast, coached, make_goal, make_action, 18)

    with django_assert_max_num_queries(CEILING + 10):
        large = _count(client, reverse("my_file"))

    print(f"\nportal: {small} queries with 2 goals, {large} with 20")
    assert large == small
