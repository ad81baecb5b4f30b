"""The plan's pages: what they show, who may open them (denied is 404), and the reads logged."""

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.core.tests.test_htmx_loading import HTMX_SCRIPT
from kansrijk.plans import services
from kansrijk.plans.choices import ActionBy, GoalStatus
from kansrijk.plans.models import Action, Goal, ProgressNote
from kansrijk.trajectories.choices import Phase
from tests.factories import IntakeFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

# Every plan page of a household, by what it names besides the household.
HOUSEHOLD_ONLY = ["plan", "plan_print", "goal_new"]
BY_GOAL = ["goal_edit", "goal_status", "action_new", "note_new"]
POST_ONLY = {"action_done": "action", "note_celebrate": "note"}


@pytest.fixture
def full_plan(cast, coached, make_goal, make_action):
    """A calm-at-the-base goal with two steps (one done) and a celebrated small success;
    a second goal that was achieved; and a plain progress note."""
    calm = make_goal(coached, text="Schuldhulp aanvragen", basic_calm=True)
    make_action(calm, what="Brieven sorteren", who=ActionBy.TOGETHER)
    done = make_action(calm, what="De Kredietbank bellen")
    services.action_set_done(action=done, by=cast.buddy, version=1)
    services.note_add(goal=calm, by=cast.buddy, text="Het gesprek ging goed")
    success = services.note_add(goal=calm, by=cast.buddy, text="Eerste brief weg", is_success=True)
    services.note_celebrate(note=success, by=cast.buddy)
    work = make_goal(coached, domain="work", text="Vrijwilligerswerk bij de bieb")
    services.goal_set_status(
        goal=work, by=cast.buddy, version=1, status=GoalStatus.ACHIEVED, reason="Begonnen!"
    )
    return calm


def _urls(coached, goal):
    household = coached.household.uuid
    action = goal.actions.first()
    note = goal.notes.filter(is_success=True).first()
    urls = {name: reverse(name, args=[household]) for name in HOUSEHOLD_ONLY}
    urls |= {name: reverse(name, args=[household, goal.uuid]) for name in BY_GOAL}
    urls["action_done"] = reverse("action_done", args=[household, action.uuid])
    urls["note_celebrate"] = reverse("note_celebrate", args=[household, note.uuid])
    return urls


def test_the_plan_page_shows_goals_by_domain_calm_at_the_base_first(
    client, cast, coached, full_plan
):
    IntakeFactory(trajectory=coached, wishes="Weer rust in mijn hoofd.")
    client.force_login(cast.buddy)

    response = client.get(reverse("plan", args=[coached.household.uuid]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Weer rust in mijn hoofd." in html
    order = [html.index(text) for text in ("Schuldhulp aanvragen", "Vrijwilligerswerk bij de bieb")]
    assert order == sorted(order)
    assert html.count("In the participant's own words") >= 2
    for text in ("Brieven sorteren", "De Kredietbank bellen", "Eerste brief weg", "Begonnen!"):
        assert text in html
    assert "Celebrated together" in html
    assert "1 achieved or stopped goal" in html
    groups = response.context["plan"].groups
    assert [g.domain.code for g in groups] == ["finances", "work"]
    entry = AuditEntry.objects.get(action=AuditAction.VIEW)
    assert (entry.detail, entry.role, entry.actor) == ("plan page", "buddy", cast.buddy)


def test_an_empty_plan_invites_the_first_goal(client, cast, coached):
    client.force_login(cast.buddy)

    response = client.get(reverse("plan", args=[coached.household.uuid]))

    assert "No goals yet" in response.content.decode()
    assert reverse("goal_new", args=[coached.household.uuid]) in response.content.decode()


def test_the_household_page_and_my_households_link_to_the_plan(client, cast, coached, full_plan):
    client.force_login(cast.buddy)
    plan_url = reverse("plan", args=[coached.household.uuid])

    household = client.get(reverse("household", args=[coached.household.uuid])).content.decode()
    home = client.get(reverse("buddy_home")).content.decode()

    assert plan_url in household and plan_url in home
    assert "1 open goal" in household
    assert "Brieven sorteren" in household  # the next step


@pytest.mark.parametrize("who", ["buddy", "coordinator"])
def test_buddy_and_coordinator_open_every_plan_page(client, cast, coached, full_plan, who):
    client.force_login(getattr(cast, who))

    for name, url in _urls(coached, full_plan).items():
        if name in POST_ONLY:
            continue
        assert client.get(url).status_code == 200, name


def test_the_backup_opens_and_changes_the_plan_only_with_consent_for_it(
    client, cast, coached, full_plan, plan_consent
):
    client.force_login(cast.backup)
    urls = _urls(coached, full_plan)

    assert client.get(urls["plan"]).status_code == 200
    response = client.post(urls["note_new"], {"text": "Achterwacht: ik bel de woningcorporatie"})
    assert response.status_code == 302
    assert ProgressNote.objects.filter(author=cast.backup).exists()


@pytest.mark.parametrize("who", ["backup", "funder", "other_coordinator", "stranger"])
def test_everyone_else_gets_404_on_every_plan_page_and_changes_nothing(
    client, cast, coached, full_plan, who
):
    urls = _urls(coached, full_plan)
    counts = (Goal.objects.count(), Action.objects.count(), ProgressNote.objects.count())
    reads_before = AuditEntry.objects.filter(action=AuditAction.VIEW).count()
    client.force_login(getattr(cast, who))

    data = {"text": "x", "version": 1, "state": "done", "status": "dropped", "reason": "x"}
    for name, url in urls.items():
        # 405 answers a method a page never takes, for anyone: it tells nothing either.
        get_only = name in ("plan", "plan_print")
        assert client.get(url).status_code == (405 if name in POST_ONLY else 404), name
        assert client.post(url, data).status_code == (405 if get_only else 404), name

    assert (Goal.objects.count(), Action.objects.count(), ProgressNote.objects.count()) == counts
    assert AuditEntry.objects.filter(action=AuditAction.VIEW).count() == reads_before
    assert ProgressNote.objects.filter(celebrated_at__isnull=False).count() == 1


def test_a_goal_of_another_household_is_404_even_for_a_coordinator_of_both(
    client, cast, coached, full_plan, journey, make_goal
):
    other = journey(Phase.ACTIVE, buddy=None)
    foreign = make_goal(other, by=cast.coordinator)
    client.force_login(cast.coordinator)

    url = reverse("goal_edit", args=[coached.household.uuid, foreign.uuid])

    assert client.get(url).status_code == 404


def test_a_plan_exists_from_the_active_year_on(client, cast, journey):
    waiting = journey(Phase.MATCHING)
    client.force_login(cast.coordinator)

    assert client.get(reverse("plan", args=[waiting.household.uuid])).status_code == 404


def test_the_coordinator_reads_the_plan_of_a_closed_household_but_cannot_change_it(
    client, cast, journey, make_goal
):
    closed = journey(Phase.CLOSED)
    client.force_login(cast.coordinator)

    page = client.get(reverse("plan", args=[closed.household.uuid]))

    assert page.status_code == 200
    assert not page.context["editable"]
    assert client.get(reverse("goal_new", args=[closed.household.uuid])).status_code == 404


def test_a_new_goal_starts_from_an_example_that_the_buddy_may_change(client, cast, coached):
    client.force_login(cast.buddy)
    url = reverse("goal_new", args=[coached.household.uuid])
    page = client.get(url)
    examples = dict(page.context["examples"])
    assert {d.code for d in examples} == {"home", "wellbeing", "finances", "education", "work"}
    freeze = next(
        t for d, ts in examples.items() if d.code == "finances" for t in ts if t.basic_calm
    )

    started = client.get(url, {"example": str(freeze.uuid)})
    form = started.context["form"]
    assert form.initial["text"] == freeze.display_text
    assert form.initial["basic_calm"] is True
    response = client.post(
        url,
        {
            "domain": form.initial["domain"],
            "text": "Een schuldenpauze, zodat ik weer slaap",
            "words": "own",
            "basic_calm": "on",
            "target_on": "2025-07-31",
        },
    )

    goal = Goal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("action_new", args=[coached.household.uuid, goal.uuid])
    assert goal.text == "Een schuldenpauze, zodat ik weer slaap"
    assert goal.domain.code == "finances" and goal.basic_calm


def test_a_new_goal_with_missing_answers_says_so_and_saves_nothing(client, cast, coached):
    client.force_login(cast.buddy)

    response = client.post(reverse("goal_new", args=[coached.household.uuid]), {"text": ""})

    assert response.status_code == 422
    assert "Not saved yet." in response.content.decode()
    assert not Goal.objects.exists()


def test_changing_the_status_and_adding_a_step_from_their_pages(client, cast, coached, make_goal):
    goal = make_goal(coached)
    client.force_login(cast.buddy)
    household = coached.household.uuid

    step = client.post(
        reverse("action_new", args=[household, goal.uuid]),
        {
            "who": "organisation",
            "organisation_name": "Voedselbank",
            "what": "Pakket halen",
            "due_on": "2025-06-20",
            "another": "1",
        },
    )
    status = client.post(
        reverse("goal_status", args=[household, goal.uuid]),
        {"version": 1, "status": "dropped", "reason": "Niet meer nodig."},
    )

    assert step["Location"] == reverse("action_new", args=[household, goal.uuid])
    assert Action.objects.get().who_label == "Voedselbank"
    assert status.status_code == 302
    assert Goal.objects.get().status == GoalStatus.DROPPED
    # A closed goal's forms send back to the plan with a word of explanation.
    closed = client.get(reverse("goal_edit", args=[household, goal.uuid]), follow=True)
    assert "This goal is closed" in closed.content.decode()


def test_the_plan_page_loads_htmx_for_its_quick_changes_and_the_buddy_home_does_not(
    client, cast, coached, full_plan
):
    client.force_login(cast.buddy)

    plan = client.get(reverse("plan", args=[coached.household.uuid])).content.decode()
    home = client.get(reverse("buddy_home")).content.decode()

    assert 'hx-post="' in plan
    assert len(HTMX_SCRIPT.findall(plan)) == 1
    assert "hx-post" not in home
    assert HTMX_SCRIPT.findall(home) == []
