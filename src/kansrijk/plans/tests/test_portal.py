"""The participant co-owns the plan: they see it in their portal, write how it goes, tick off
their own steps and print it. They do not rewrite goals or other people's steps."""

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.access.services import participant_account_create
from kansrijk.core.dates import today
from kansrijk.plans import services
from kansrijk.plans.choices import ActionBy
from kansrijk.plans.models import Action, ProgressNote
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

pytestmark = pytest.mark.usefixtures("frozen_today")

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def goal(cast, coached, make_goal):
    goal = make_goal(coached, text="Zelf mijn post bijhouden")
    success = services.note_add(goal=goal, by=cast.buddy, text="Eerste map klaar", is_success=True)
    services.note_celebrate(note=success, by=cast.buddy)
    return goal


@pytest.fixture
def mine(goal, make_action):
    return make_action(goal, what="Een map kopen", who=ActionBy.PARTICIPANT)


@pytest.fixture
def buddys(goal, make_action):
    return make_action(goal, what="Een brief opzoeken", who=ActionBy.BUDDY)


@pytest.fixture
def me(client, participant):
    client.force_login(participant)
    return client


def test_the_participant_sees_their_plan_in_their_own_words(me, goal, mine, buddys):
    response = me.get(reverse("my_file"))

    html = response.content.decode()
    assert "Your plan" in html
    assert "Zelf mijn post bijhouden" in html
    assert "In your own words" in html
    assert "Your small successes" in html and "Celebrated together" in html
    assert reverse("my_plan_print") in html
    # Their own step has a button; the buddy's step does not; nothing to celebrate or rewrite.
    assert reverse("my_action_done", args=[mine.uuid]) in html
    assert reverse("my_action_done", args=[buddys.uuid]) not in html
    assert "Celebrate this" not in html
    assert "Change the wording" not in html


def test_the_participant_ticks_off_their_own_step_with_and_without_javascript(
    me, mine, goal, make_action, participant
):
    second = make_action(goal, what="Een tweede map", who=ActionBy.TOGETHER)

    swapped = me.post(
        reverse("my_action_done", args=[mine.uuid]), {"version": 1, "state": "done"}, **HTMX
    )
    plain = me.post(reverse("my_action_done", args=[second.uuid]), {"version": 1, "state": "done"})

    assert swapped.content.decode().startswith('<li class="todo__item todo__item--done"')
    assert "Undo" not in swapped.content.decode()
    assert plain["Location"] == f"{reverse('my_file')}#goal-{goal.uuid}"
    assert all(a.done_by == participant for a in Action.objects.filter(done_on=today()))
    assert Action.objects.filter(done_on=today()).count() == 2


def test_the_participant_cannot_tick_off_the_buddys_step(me, buddys):
    response = me.post(
        reverse("my_action_done", args=[buddys.uuid]), {"version": 1, "state": "done"}
    )

    assert response.status_code == 404
    assert not Action.objects.get(pk=buddys.pk).is_done


def test_the_participant_writes_how_it_goes_as_their_own_words(me, goal, participant):
    url = reverse("my_note_new", args=[goal.uuid])

    swapped = me.post(url, {"text": "Ik heb alles gesorteerd", "is_success": "on"}, **HTMX)
    page = me.get(url)
    plain = me.post(url, {"text": "Morgen verder"})

    assert "Ik heb alles gesorteerd" in swapped.content.decode()
    assert page.status_code == 200
    assert plain.status_code == 302
    notes = ProgressNote.objects.filter(author=participant).order_by("id")
    assert [(n.text, n.by_participant, n.is_success) for n in notes] == [
        ("Ik heb alles gesorteerd", True, True),
        ("Morgen verder", True, False),
    ]


def test_another_participant_gets_404_for_this_plans_goals_and_steps(
    client, cast, journey, goal, mine
):
    other = journey(Phase.ACTIVE, buddy=None)
    stranger = participant_account_create(
        household=other.household, trajectory=other, by=cast.coordinator, email="q@example.org"
    )
    client.force_login(stranger)

    note = client.post(reverse("my_note_new", args=[goal.uuid]), {"text": "Hoi"})
    tick = client.post(reverse("my_action_done", args=[mine.uuid]), {"version": 1, "state": "done"})

    assert (note.status_code, tick.status_code) == (404, 404)
    assert ProgressNote.objects.count() == 1  # only the buddy's celebrated success
    assert not Action.objects.get(pk=mine.pk).is_done


def test_after_the_year_the_participant_still_sees_the_plan_but_changes_nothing(
    me, coached, goal, mine
):
    Trajectory.objects.filter(pk=coached.pk).update(phase=Phase.CLOSED, ended_on=today())

    page = me.get(reverse("my_file")).content.decode()
    note = me.post(reverse("my_note_new", args=[goal.uuid]), {"text": "Nog iets"})

    assert "Zelf mijn post bijhouden" in page
    assert reverse("my_action_done", args=[mine.uuid]) not in page
    assert "Write how it goes" not in page
    assert note.status_code == 404


def test_the_participant_prints_their_plan_and_the_read_is_logged(me, goal, mine, participant):
    response = me.get(reverse("my_plan_print"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "My plan" in html and "Zelf mijn post bijhouden" in html and "Een map kopen" in html
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW).latest("id")
    assert (entry.detail, entry.role, entry.actor) == ("plan print", "participant", participant)


def test_staff_cannot_use_the_participants_plan_pages(client, cast, goal, mine):
    client.force_login(cast.buddy)

    assert client.get(reverse("my_plan_print")).status_code == 404
    assert client.post(reverse("my_note_new", args=[goal.uuid]), {"text": "x"}).status_code == 404
