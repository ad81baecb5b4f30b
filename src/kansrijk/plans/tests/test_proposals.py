"""The participant proposes a goal in her own words; her buddy takes it into the plan (her words
kept as the goal's) or marks it to talk about first; she sees what became of it."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditEntry
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.plans import services
from kansrijk.plans.choices import ProposalStatus, WrittenBy
from kansrijk.plans.models import Goal, GoalProposal
from kansrijk.trajectories.choices import Phase

pytestmark = pytest.mark.usefixtures("frozen_today")

HER_WORDS = "Ik wil mijn rijbewijs halen"


@pytest.fixture
def proposal(coached, participant):
    return services.proposal_create(trajectory=coached, by=participant, text=HER_WORDS)


def test_she_proposes_a_goal_in_her_own_words_and_it_is_logged(coached, participant, domains):
    proposal = services.proposal_create(
        trajectory=coached, by=participant, text=f"  {HER_WORDS} ", domain=domains["work"]
    )

    assert proposal.text == HER_WORDS
    assert proposal.status == ProposalStatus.PROPOSED
    entry = AuditEntry.objects.first()
    assert (entry.detail, entry.role) == ("goal proposal", "participant")


def test_the_buddy_cannot_propose_in_her_name(cast, coached):
    with pytest.raises(Refused):
        services.proposal_create(trajectory=coached, by=cast.buddy, text=HER_WORDS)


def test_an_empty_proposal_is_refused_and_nothing_is_saved(coached, participant):
    with pytest.raises(Refused):
        services.proposal_create(trajectory=coached, by=participant, text="   ")
    assert not GoalProposal.objects.exists()


def test_taking_it_into_the_plan_makes_a_goal_in_her_own_words(cast, proposal, domains):
    goal = services.proposal_take(
        proposal=proposal,
        by=cast.buddy,
        version=proposal.version,
        domain=domains["work"],
        target_on=today() + dt.timedelta(days=60),
    )

    proposal.refresh_from_db()
    assert goal.text == HER_WORDS and goal.written_by == WrittenBy.PARTICIPANT
    assert (proposal.status, proposal.goal, proposal.decided_by) == (
        ProposalStatus.TAKEN,
        goal,
        cast.buddy,
    )


def test_a_proposal_is_taken_once_even_when_two_answer_it(cast, proposal, domains):
    arguments = {
        "version": proposal.version,
        "domain": domains["work"],
        "target_on": today() + dt.timedelta(days=60),
    }
    services.proposal_take(proposal=proposal, by=cast.buddy, **arguments)

    with pytest.raises(Refused):
        services.proposal_take(proposal=proposal, by=cast.coordinator, **arguments)
    assert Goal.objects.count() == 1


def test_talk_about_it_first_keeps_it_open_for_the_plan(cast, proposal, domains):
    services.proposal_discuss(proposal=proposal, by=cast.buddy, version=proposal.version)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DISCUSSED

    services.proposal_take(
        proposal=proposal,
        by=cast.buddy,
        version=proposal.version,
        domain=domains["work"],
        target_on=today() + dt.timedelta(days=60),
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.TAKEN


def test_the_backup_without_plan_consent_cannot_answer(cast, proposal):
    with pytest.raises(Refused):
        services.proposal_discuss(proposal=proposal, by=cast.backup, version=proposal.version)


# ---- the pages ----


def test_she_proposes_from_her_page_and_sees_it_is_sent(client, coached, participant):
    client.force_login(participant)
    page = client.get(reverse("my_file")).content.decode()
    assert reverse("my_proposal_new") in page

    response = client.post(reverse("my_proposal_new"), {"text": HER_WORDS, "domain": ""})

    assert response.status_code == 302
    page = client.get(reverse("my_file")).content.decode()
    assert HER_WORDS in page and "Your buddy has not answered yet." in page


def test_an_empty_proposal_on_the_page_gets_a_clear_message(client, coached, participant):
    client.force_login(participant)

    response = client.post(reverse("my_proposal_new"), {"text": "", "domain": ""})

    assert response.status_code == 422
    assert "Write your goal in a few words." in response.content.decode()
    assert not GoalProposal.objects.exists()


def test_the_buddy_sees_it_at_home_and_on_the_plan_with_the_next_step(
    client, cast, coached, proposal
):
    client.force_login(cast.buddy)
    home = client.get(reverse("buddy_home")).content.decode()
    plan = client.get(reverse("plan", args=[coached.household.uuid])).content.decode()

    take = reverse("proposal_take", args=[coached.household.uuid, proposal.uuid])
    assert HER_WORDS in home and HER_WORDS in plan
    assert take in plan


def test_the_buddy_takes_it_into_the_plan_and_she_sees_that(
    client, cast, coached, participant, proposal, domains
):
    client.force_login(cast.buddy)
    url = reverse("proposal_take", args=[coached.household.uuid, proposal.uuid])
    response = client.post(
        url,
        {
            "version": proposal.version,
            "domain": domains["work"].pk,
            "target_on": (today() + dt.timedelta(days=60)).isoformat(),
        },
    )
    assert response.status_code == 302

    client.force_login(participant)
    page = client.get(reverse("my_file")).content.decode()
    assert "Your buddy put it in your plan, in your own words." in page


def test_the_backup_without_plan_consent_does_not_see_proposals(client, cast, coached, proposal):
    client.force_login(cast.backup)

    plan = client.get(reverse("plan", args=[coached.household.uuid]))
    take = client.get(reverse("proposal_take", args=[coached.household.uuid, proposal.uuid]))
    home = client.get(reverse("backup_home"))

    assert plan.status_code == 404 and take.status_code == 404
    assert HER_WORDS not in home.content.decode()


def test_the_backup_with_plan_consent_sees_and_answers_them(
    client, cast, coached, plan_consent, proposal
):
    client.force_login(cast.backup)

    plan = client.get(reverse("plan", args=[coached.household.uuid])).content.decode()

    assert HER_WORDS in plan
    assert reverse("proposal_take", args=[coached.household.uuid, proposal.uuid]) in plan


def test_a_proposal_of_another_household_is_not_found(client, cast, journey, proposal):
    other = journey(Phase.ACTIVE, buddy=cast.buddy)
    client.force_login(cast.buddy)

    response = client.get(reverse("proposal_take", args=[other.household.uuid, proposal.uuid]))

    assert response.status_code == 404
