"""The rules of a goal-action plan: who changes it, and what a goal's status allows."""

import datetime as dt

import pytest

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.frameworks.models import Domain
from kansrijk.plans import services
from kansrijk.plans.choices import ActionBy, GoalStatus, WrittenBy
from kansrijk.plans.models import Action, Goal, ProgressNote
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_the_buddy_sets_a_goal_in_the_participants_words_and_it_is_logged(cast, coached, make_goal):
    goal = make_goal(coached, text="  Een rustige maand zonder brieven  ", basic_calm=True)

    goal.refresh_from_db()
    assert goal.text == "Een rustige maand zonder brieven"
    assert goal.written_by == WrittenBy.PARTICIPANT and goal.in_own_words
    assert (goal.status, goal.version, goal.basic_calm) == (GoalStatus.OPEN, 1, True)
    entry = AuditEntry.objects.get(household=coached.household)
    assert (entry.action, entry.detail, entry.actor, entry.role) == (
        AuditAction.CREATE,
        "goal",
        cast.buddy,
        "buddy",
    )


def test_a_goal_in_the_buddys_own_words_says_so(coached, make_goal):
    goal = make_goal(coached, in_own_words=False)

    assert goal.written_by == WrittenBy.BUDDY
    assert not goal.in_own_words


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": "   "}, "Write the goal"),
        ({"text": "x" * 501}, "at most 500"),
        ({"target_on": dt.date(2020, 1, 1)}, "before the start of the active year"),
        ({"target_on": dt.date(2027, 6, 17)}, "within a year and a half"),
    ],
)
def test_a_goal_needs_words_and_a_sensible_date(coached, make_goal, change, message):
    with pytest.raises(Refused, match=message):
        make_goal(coached, **change)

    assert not Goal.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_goal_takes_a_domain_of_the_programmes_framework_only(cast, coached):
    broad = Domain.objects.exclude(framework__slug="kansrijk-five").first()

    with pytest.raises(Refused, match="life domains of this programme"):
        services.goal_create(
            trajectory=coached,
            by=cast.buddy,
            domain=broad,
            text="Vrijwilligerswerk",
            target_on=today(),
        )


def test_achieving_a_goal_closes_it_and_is_a_small_success(cast, coached, make_goal):
    goal = make_goal(coached)

    done = services.goal_set_status(
        goal=goal, by=cast.buddy, version=1, status=GoalStatus.ACHIEVED, reason="Gelukt!"
    )

    assert (done.status, done.version, done.is_closed) == (GoalStatus.ACHIEVED, 2, True)
    assert done.status_changed_on == today()
    note = ProgressNote.objects.get(goal=goal)
    assert (note.status_change, note.is_success, note.text) == ("achieved", True, "Gelukt!")


@pytest.mark.parametrize("status", [GoalStatus.DROPPED, GoalStatus.ADJUSTED])
def test_dropping_or_adjusting_a_goal_needs_a_reason(cast, coached, make_goal, status):
    goal = make_goal(coached)

    with pytest.raises(Refused, match="why"):
        services.goal_set_status(
            goal=goal, by=cast.buddy, version=1, status=status, reason=" ", new_text="Anders"
        )

    goal.refresh_from_db()
    assert (goal.status, goal.version) == (GoalStatus.OPEN, 1)
    assert not ProgressNote.objects.exists()


def test_dropping_a_goal_keeps_the_reason_and_closes_it(cast, coached, make_goal):
    goal = make_goal(coached)

    dropped = services.goal_set_status(
        goal=goal, by=cast.buddy, version=1, status=GoalStatus.DROPPED, reason="Verhuisd."
    )

    assert dropped.is_closed
    assert dropped.status_reason == "Verhuisd."
    assert ProgressNote.objects.get(goal=goal).text == "Verhuisd."


def test_adjusting_a_goal_keeps_its_earlier_words_as_a_note_and_it_stays_open(
    cast, coached, make_goal
):
    goal = make_goal(coached, text="Binnen een maand werk vinden")
    later = today() + dt.timedelta(days=120)

    adjusted = services.goal_set_status(
        goal=goal,
        by=cast.buddy,
        version=1,
        status=GoalStatus.ADJUSTED,
        reason="Eerst een cursus.",
        new_text="Een cursus Nederlands volgen",
        new_target_on=later,
    )

    assert (adjusted.status, adjusted.is_closed) == (GoalStatus.ADJUSTED, False)
    assert (adjusted.text, adjusted.target_on) == ("Een cursus Nederlands volgen", later)
    note = ProgressNote.objects.get(goal=goal)
    assert note.previous_text == "Binnen een maand werk vinden"
    assert (note.text, note.status_change) == ("Eerst een cursus.", "adjusted")


def test_adjusting_without_a_change_is_refused(cast, coached, make_goal):
    goal = make_goal(coached)

    with pytest.raises(Refused, match="Nothing changed"):
        services.goal_set_status(
            goal=goal,
            by=cast.buddy,
            version=1,
            status=GoalStatus.ADJUSTED,
            reason="Toch niet.",
            new_text=goal.text,
        )


@pytest.mark.parametrize("status", [GoalStatus.ACHIEVED, GoalStatus.DROPPED])
def test_a_closed_goal_takes_no_edits_actions_notes_or_second_status(
    cast, coached, make_goal, make_action, domains, status
):
    goal = make_goal(coached)
    action = make_action(goal)
    goal = services.goal_set_status(
        goal=goal, by=cast.buddy, version=1, status=status, reason="Klaar."
    )
    goal.trajectory = coached

    attempts = [
        lambda: services.goal_edit(
            goal=goal,
            by=cast.buddy,
            version=goal.version,
            domain=domains["home"],
            text="Nieuw",
            target_on=goal.target_on,
            basic_calm=False,
            in_own_words=True,
        ),
        lambda: services.goal_set_status(
            goal=goal, by=cast.buddy, version=goal.version, status=GoalStatus.DROPPED, reason="x"
        ),
        lambda: make_action(goal),
        lambda: services.note_add(goal=goal, by=cast.buddy, text="Nog iets"),
        lambda: services.action_set_done(action=action, by=cast.buddy, version=1),
    ]
    for attempt in attempts:
        with pytest.raises(Refused, match="closed"):
            attempt()

    assert Action.objects.count() == 1
    assert ProgressNote.objects.count() == 1  # only the record of the status change
    assert Goal.objects.get().version == 2


def test_an_action_by_another_organisation_says_which(cast, coached, make_goal, make_action):
    goal = make_goal(coached)
    organisation = OrganisationFactory(name="Kredietbank Groningen")

    with pytest.raises(Refused, match="organisation"):
        make_action(goal, who=ActionBy.ORGANISATION)
    by_list = make_action(goal, who=ActionBy.ORGANISATION, organisation=organisation)
    by_name = make_action(goal, who=ActionBy.ORGANISATION, organisation_name="Voedselbank")
    own = make_action(goal, who=ActionBy.BUDDY, organisation_name="ignored")

    assert by_list.who_label == "Kredietbank Groningen"
    assert by_name.who_label == "Voedselbank"
    assert (own.organisation_name, own.who_label) == ("", "the buddy")


def test_ticking_off_an_action_and_undoing_it(cast, coached, make_goal, make_action):
    action = make_action(make_goal(coached))

    done = services.action_set_done(action=action, by=cast.buddy, version=1)
    assert (done.done_on, done.done_by, done.version) == (today(), cast.buddy, 2)
    again = services.action_set_done(action=done, by=cast.buddy, version=2)
    assert again.version == 2  # already done: nothing changes
    undone = services.action_set_done(action=done, by=cast.buddy, version=2, done=False)
    assert (undone.done_on, undone.done_by, undone.version) == (None, None, 3)


def test_coordinator_and_backup_with_plan_consent_change_the_plan(
    cast, coached, make_goal, plan_consent
):
    for user in (cast.coordinator, cast.backup):
        goal = make_goal(coached, by=user)
        assert goal.created_by == user


@pytest.mark.parametrize("who", ["backup", "funder", "other_coordinator", "stranger"])
def test_nobody_else_changes_the_plan(cast, coached, make_goal, who):
    with pytest.raises(Refused):
        make_goal(coached, by=getattr(cast, who))

    assert not Goal.objects.exists()


@pytest.mark.parametrize("phase", [Phase.CLOSED, Phase.DROPPED_OUT])
def test_the_plan_stays_as_it_was_after_the_journey_ended(
    cast, coached, make_goal, make_action, phase
):
    goal = make_goal(coached)
    action = make_action(goal)
    Trajectory.objects.filter(pk=coached.pk).update(phase=phase, ended_on=today())
    coached.refresh_from_db()
    goal.trajectory = coached
    action.goal.trajectory = coached

    for attempt in (
        lambda: make_action(goal, by=cast.coordinator),
        lambda: services.note_add(goal=goal, by=cast.coordinator, text="Nog iets"),
        lambda: services.action_set_done(action=action, by=cast.coordinator, version=1),
    ):
        with pytest.raises(Refused, match="active year and aftercare"):
            attempt()


def test_the_participant_writes_notes_as_their_own_words(coached, make_goal, participant):
    goal = make_goal(coached)

    note = services.note_add(goal=goal, by=participant, text="Ik heb gebeld!", is_success=True)

    assert (note.by_participant, note.is_success, note.author) == (True, True, participant)
    entry = AuditEntry.objects.filter(detail="success").get()
    assert (entry.role, entry.purpose, entry.actor_name) == (
        "participant",
        "participant in control",
        "participant",
    )


def test_the_participant_ticks_off_only_their_own_actions_and_cannot_undo(
    coached, make_goal, make_action, participant
):
    goal = make_goal(coached)
    mine = make_action(goal, who=ActionBy.PARTICIPANT)
    together = make_action(goal, who=ActionBy.TOGETHER)
    buddys = make_action(goal, who=ActionBy.BUDDY)

    assert services.action_set_done(action=mine, by=participant, version=1).is_done
    assert services.action_set_done(action=together, by=participant, version=1).is_done
    with pytest.raises(Refused, match="Ask your buddy"):
        services.action_set_done(action=buddys, by=participant, version=1)
    with pytest.raises(Refused, match="Ask your buddy"):
        services.action_set_done(action=mine, by=participant, version=2, done=False)

    assert not Action.objects.get(pk=buddys.pk).is_done
    assert Action.objects.get(pk=mine.pk).is_done


def test_the_participant_of_another_household_changes_nothing(cast, coached, make_goal, journey):
    from kansrijk.access.services import participant_account_create

    other = journey(Phase.ACTIVE, buddy=None)
    stranger = participant_account_create(
        household=other.household, trajectory=other, by=cast.coordinator, email="q@example.org"
    )
    goal = make_goal(coached)

    with pytest.raises(Refused):
        services.note_add(goal=goal, by=stranger, text="Hallo")
    assert not ProgressNote.objects.exists()


def test_a_small_success_is_celebrated_once(cast, coached, make_goal):
    goal = make_goal(coached)
    note = services.note_add(goal=goal, by=cast.buddy, text="Brief verstuurd", is_success=True)
    plain = services.note_add(goal=goal, by=cast.buddy, text="Gesprek gehad")

    celebrated = services.note_celebrate(note=note, by=cast.buddy)
    again = services.note_celebrate(note=note, by=cast.coordinator)
    with pytest.raises(Refused, match="small success"):
        services.note_celebrate(note=plain, by=cast.buddy)

    assert celebrated.is_celebrated and celebrated.celebrated_by == cast.buddy
    assert again.celebrated_by == cast.buddy
    assert AuditEntry.objects.filter(detail="success celebrated").count() == 1
