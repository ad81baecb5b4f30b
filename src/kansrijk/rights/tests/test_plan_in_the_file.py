"""The plan belongs to the participant's data: it is in their download, and erasure removes it."""

import json
import zipfile
from io import BytesIO

import pytest

from kansrijk.core.dates import today
from kansrijk.plans import services
from kansrijk.plans.choices import ActionBy, GoalStatus
from kansrijk.plans.models import Action, Goal, GoalProposal, ProgressNote
from kansrijk.rights.export import household_export
from kansrijk.rights.services import household_erase, household_export_pdf, household_export_zip
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def planned(cast, coached, make_goal, make_action, participant):
    goal = make_goal(coached, text="Een betalingsregeling voor de huur", basic_calm=True)
    action = make_action(goal, what="Woonzorg bellen", who=ActionBy.PARTICIPANT)
    services.action_set_done(action=action, by=participant, version=1)
    services.note_add(goal=goal, by=participant, text="Ik heb zelf gebeld!", is_success=True)
    other = make_goal(coached, domain="work", text="Een cv maken")
    services.goal_set_status(
        goal=other, by=cast.buddy, version=1, status=GoalStatus.DROPPED, reason="Eerst rust."
    )
    services.proposal_create(trajectory=coached, by=participant, text="Zwemles voor de kinderen")
    return goal


def test_the_export_holds_the_plan_with_its_actions_and_notes(coached, planned):
    data = household_export(coached.household, language="en")

    goals = data["trajectories"][0]["goals"]
    assert [g["text"] for g in goals] == ["Een betalingsregeling voor de huur", "Een cv maken"]
    first = goals[0]
    assert first["life_domain"] == {"value": "finances", "label": "finances"}
    assert first["calm_at_the_base"] is True
    assert first["in_the_words_of"] == {"value": "participant", "label": "the participant"}
    assert first["actions"] == [
        {
            "who": {"value": "participant", "label": "the participant"},
            "organisation": None,
            "what": "Woonzorg bellen",
            "due_on": first["actions"][0]["due_on"],
            "done_on": today().isoformat(),
        }
    ]
    note = first["notes"][0]
    assert (note["text"], note["small_success"], note["in_the_participants_own_words"]) == (
        "Ik heb zelf gebeld!",
        True,
        True,
    )
    assert goals[1]["status"]["value"] == "dropped"
    assert goals[1]["status_reason"] == "Eerst rust."
    assert goals[1]["notes"][0]["status_change"]["value"] == "dropped"


def test_the_participants_zip_and_pdf_hold_the_plan(coached, planned, participant):
    archive = household_export_zip(household=coached.household, by=participant)
    pdf = household_export_pdf(household=coached.household, by=participant)

    data = json.loads(zipfile.ZipFile(BytesIO(archive)).read("household.json"))
    assert data["trajectories"][0]["goals"][0]["text"] == "Een betalingsregeling voor de huur"
    proposal = data["trajectories"][0]["goal_proposals"][0]
    assert (proposal["text"], proposal["status"]["value"]) == (
        "Zwemles voor de kinderen",
        "proposed",
    )
    assert pdf.startswith(b"%PDF")


def test_erasure_removes_the_whole_plan_and_the_participants_login_with_it(
    cast, coached, planned, participant
):
    Trajectory.objects.filter(pk=coached.pk).update(
        phase=Phase.DROPPED_OUT, ended_on=today(), drop_out_reason="participant_stopped"
    )

    household_erase(household=coached.household, by=cast.coordinator, reason="Verzoek")

    assert not Goal.objects.exists()
    assert not Action.objects.exists()
    assert not ProgressNote.objects.exists()
    assert not GoalProposal.objects.exists()
    assert not type(participant).objects.filter(pk=participant.pk).exists()
    assert household_export(coached.household)["trajectories"][0]["goals"] == []
