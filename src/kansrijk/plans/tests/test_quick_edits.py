"""Ticking an action off, writing a note and celebrating: with htmx only the changed part comes
back; without JavaScript the same form posts and returns to the goal on the plan page."""

import pytest
from django.urls import reverse

from kansrijk.plans import services
from kansrijk.plans.models import Action, ProgressNote

pytestmark = pytest.mark.usefixtures("frozen_today")

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def goal(coached, make_goal):
    return make_goal(coached, text="Rust in de post")


@pytest.fixture
def action(goal, make_action):
    return make_action(goal, what="Brieven sorteren")


def _tick_url(coached, action):
    return reverse("action_done", args=[coached.household.uuid, action.uuid])


def _note_url(coached, goal):
    return reverse("note_new", args=[coached.household.uuid, goal.uuid])


def test_ticking_off_with_htmx_answers_only_the_action(client, cast, coached, action):
    client.force_login(cast.buddy)

    response = client.post(_tick_url(coached, action), {"version": 1, "state": "done"}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'<li class="todo__item todo__item--done" id="action-{action.uuid}"')
    assert "<html" not in html
    assert "Done. Well done!" in html
    assert 'name="state" value="open"' in html  # the button now undoes
    assert Action.objects.get().is_done


def test_ticking_off_without_javascript_goes_back_to_the_goal(client, cast, coached, action):
    client.force_login(cast.buddy)

    response = client.post(_tick_url(coached, action), {"version": 1, "state": "done"})

    plan = reverse("plan", args=[coached.household.uuid])
    assert response.status_code == 302
    assert response["Location"] == f"{plan}#goal-{action.goal.uuid}"
    page = client.get(response["Location"]).content.decode()
    assert "Done. Well done!" in page
    assert Action.objects.get().is_done


def test_a_stale_tick_with_htmx_shows_how_the_action_stands_now(client, cast, coached, action):
    services.action_set_done(action=action, by=cast.coordinator, version=1)
    client.force_login(cast.buddy)

    response = client.post(_tick_url(coached, action), {"version": 1, "state": "done"}, **HTMX)

    html = response.content.decode()
    assert "Someone else changed this step just now" in html
    assert "todo__item--done" in html
    assert Action.objects.get().version == 2


def test_a_note_with_htmx_answers_only_the_goals_progress(client, cast, coached, goal):
    client.force_login(cast.buddy)

    response = client.post(
        _note_url(coached, goal), {"text": "Alle brieven in één map", "is_success": "on"}, **HTMX
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'<div class="progress" id="progress-{goal.uuid}"')
    assert "<html" not in html
    assert "Alle brieven in één map" in html
    assert "A small success! It is on the plan now." in html
    assert "Celebrate this" in html
    assert '<textarea name="text"' in html and "Alle brieven in één map</textarea>" not in html
    note = ProgressNote.objects.get()
    assert (note.is_success, note.author) == (True, cast.buddy)


def test_an_empty_note_with_htmx_says_what_is_missing_in_place(client, cast, coached, goal):
    client.force_login(cast.buddy)

    response = client.post(_note_url(coached, goal), {"text": ""}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200  # htmx swaps 200s only
    assert "Not saved yet." in html
    assert '<details class="add-note" open>' in html
    assert not ProgressNote.objects.exists()


def test_a_note_without_javascript_goes_back_to_the_goal(client, cast, coached, goal):
    client.force_login(cast.buddy)

    response = client.post(_note_url(coached, goal), {"text": "Gebeld met de bank"})
    empty = client.post(_note_url(coached, goal), {"text": ""})

    plan = reverse("plan", args=[coached.household.uuid])
    assert response["Location"] == f"{plan}#goal-{goal.uuid}"
    assert empty.status_code == 422
    assert "Not saved yet." in empty.content.decode()
    assert ProgressNote.objects.get().text == "Gebeld met de bank"


def test_celebrating_with_and_without_htmx(client, cast, coached, goal):
    first = services.note_add(goal=goal, by=cast.buddy, text="Eerste stap", is_success=True)
    second = services.note_add(goal=goal, by=cast.buddy, text="Tweede stap", is_success=True)
    client.force_login(cast.buddy)
    household = coached.household.uuid

    swapped = client.post(reverse("note_celebrate", args=[household, first.uuid]), **HTMX)
    plain = client.post(reverse("note_celebrate", args=[household, second.uuid]))

    assert swapped.content.decode().startswith('<li class="note note--success note--celebrated"')
    assert "Celebrated together" in swapped.content.decode()
    assert plain.status_code == 302
    assert ProgressNote.objects.filter(celebrated_at__isnull=False).count() == 2
