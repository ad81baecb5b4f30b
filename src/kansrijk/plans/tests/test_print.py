"""The printable plan: one page with the open goals, their steps and recent small successes;
no closed goals and no progress notes of professionals."""

import pytest
from django.urls import reverse

from kansrijk.plans import services
from kansrijk.plans.choices import ActionBy, GoalStatus

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_the_print_view_holds_open_goals_steps_and_successes_only(
    client, cast, coached, make_goal, make_action
):
    calm = make_goal(coached, text="Schuldhulp aanvragen", basic_calm=True)
    later = make_goal(coached, domain="education", text="Een taalcursus zoeken")
    make_action(calm, what="Formulier invullen", who=ActionBy.TOGETHER)
    services.note_add(goal=calm, by=cast.buddy, text="Intern: moeizaam gesprek")
    services.note_add(goal=calm, by=cast.buddy, text="Formulier is binnen", is_success=True)
    gone = make_goal(coached, domain="work", text="Een baan in de zorg")
    services.goal_set_status(
        goal=gone, by=cast.buddy, version=1, status=GoalStatus.DROPPED, reason="Niet nu."
    )
    client.force_login(cast.buddy)

    response = client.get(reverse("plan_print", args=[coached.household.uuid]))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Schuldhulp aanvragen") < html.index(later.text)
    assert "Formulier invullen" in html and "Formulier is binnen" in html
    assert "Intern: moeizaam gesprek" not in html
    assert "Een baan in de zorg" not in html and "Niet nu." not in html
    assert "plans/print.js" in html
    assert "<style" not in html and " style=" not in html
