"""Two people editing the same goal never silently overwrite each other.

Every edit form carries the version it was made from; the service locks the row and refuses a
stale version. The refused page shows what the other person saved next to the user's own input.
"""

import pytest
from django.test import Client
from django.urls import reverse

from kansrijk.core.errors import Overtaken, Refused
from kansrijk.plans import services
from kansrijk.plans.choices import GoalStatus
from kansrijk.plans.models import Goal, ProgressNote

pytestmark = pytest.mark.usefixtures("frozen_today")


def _edit(goal, by, version, text):
    return services.goal_edit(
        goal=goal,
        by=by,
        version=version,
        domain=goal.domain,
        text=text,
        target_on=goal.target_on,
        basic_calm=goal.basic_calm,
        in_own_words=True,
    )


def test_a_save_from_a_stale_version_is_refused_with_what_the_other_saved(cast, coached, make_goal):
    goal = make_goal(coached, text="Schulden op een rij")
    _edit(goal, cast.buddy, 1, "Schulden op een rij, samen met de Kredietbank")

    with pytest.raises(Overtaken) as refused:
        _edit(goal, cast.coordinator, 1, "Schuldhulp aanvragen")

    assert refused.value.current.text == "Schulden op een rij, samen met de Kredietbank"
    assert refused.value.current.changed_by == cast.buddy
    saved = Goal.objects.get()
    assert (saved.text, saved.version) == ("Schulden op een rij, samen met de Kredietbank", 2)


def test_a_status_change_from_a_stale_version_is_refused_too(cast, coached, make_goal):
    goal = make_goal(coached)
    _edit(goal, cast.buddy, 1, "Nieuwe woorden")

    with pytest.raises(Overtaken):
        services.goal_set_status(
            goal=goal, by=cast.coordinator, version=1, status=GoalStatus.DROPPED, reason="Weg"
        )

    assert Goal.objects.get().status == GoalStatus.OPEN
    assert not ProgressNote.objects.exists()


def test_ticking_off_an_action_someone_changed_meanwhile_is_refused(
    cast, coached, make_goal, make_action
):
    action = make_action(make_goal(coached))
    services.action_set_done(action=action, by=cast.buddy, version=1)

    with pytest.raises(Refused, match="changed this step"):
        services.action_set_done(action=action, by=cast.coordinator, version=1, done=False)

    assert Goal.objects.get().actions.get().is_done


def test_the_refused_page_shows_their_text_next_to_mine_and_keeps_mine(cast, coached, make_goal):
    goal = make_goal(coached, text="Schulden op een rij")
    url = reverse("goal_edit", args=[coached.household.uuid, goal.uuid])
    buddy, coordinator = (Client(headers={"accept-language": "en"}) for _ in range(2))
    buddy.force_login(cast.buddy)
    coordinator.force_login(cast.coordinator)
    form = {
        "domain": goal.domain_id,
        "words": "own",
        "target_on": goal.target_on.isoformat(),
        "version": buddy.get(url).context["form"].initial["version"],
    }
    coordinator.get(url)  # both opened the form at version 1

    first = buddy.post(url, {**form, "text": "Samen met de Kredietbank"})
    second = coordinator.post(url, {**form, "text": "Schuldhulp aanvragen bij de gemeente"})

    assert first.status_code == 302
    assert second.status_code == 422
    html = second.content.decode()
    assert "Someone else changed this goal" in html
    assert "Samen met de Kredietbank" in html  # what the buddy saved
    assert "Schuldhulp aanvragen bij de gemeente" in html  # the coordinator's own input, kept
    assert "Bas Buddy" in html
    assert second.context["form"]["version"].value() == 2
    assert Goal.objects.get().text == "Samen met de Kredietbank"

    # Having seen both, the coordinator saves deliberately: now it replaces the buddy's words.
    again = coordinator.post(url, {**form, "version": 2, "text": "Schuldhulp via de gemeente"})
    assert again.status_code == 302
    assert (Goal.objects.get().text, Goal.objects.get().version) == (
        "Schuldhulp via de gemeente",
        3,
    )
