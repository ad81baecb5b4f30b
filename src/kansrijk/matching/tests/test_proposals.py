"""Proposals: the coordinator proposes, the participant chooses, both say yes or one declines."""

import pytest
from django.urls import reverse

from kansrijk.core.dates import weekday_date
from kansrijk.core.errors import Refused
from kansrijk.matching import selectors, services
from kansrijk.matching.choices import Gender, ProposalStatus, Side
from kansrijk.matching.models import BuddyProfile, MatchWishes
from kansrijk.people.choices import Role
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import PhaseChange
from tests.factories import ProgrammeRoleFactory, UserFactory, trajectory_in


def _buddy(cast, first_name: str, capacity: int = 1, **profile) -> object:
    user = UserFactory(first_name=first_name, last_name="Buddy")
    role = ProgrammeRoleFactory(
        user=user,
        programme=cast.programme,
        role=Role.BUDDY,
        capacity=capacity,
        default_backup=cast.backup,
    )
    made = BuddyProfile.objects.create(role=role, **profile)
    made.areas.add(cast.area)
    return user


@pytest.fixture
def waiting(journey):
    return journey(Phase.MATCHING)


@pytest.fixture
def amira(cast):
    return _buddy(cast, "Amira", languages="ar, nl", gender=Gender.WOMAN)


def _introduced(cast, waiting, buddy):
    proposal = services.proposal_make(
        trajectory=waiting, by=cast.coordinator, buddy=buddy, version=1
    )
    services.proposal_choose(proposal=proposal, by=cast.coordinator, version=1)
    return services.proposal_plan_intro(
        proposal=proposal, by=cast.coordinator, on=waiting.referred_on, version=1
    )


def test_a_proposal_goes_from_choice_to_both_yes_and_the_household_is_matched(
    cast, waiting, amira, frozen_today
):
    proposal = _introduced(cast, waiting, amira)
    assert proposal.status == ProposalStatus.INTRODUCED

    services.proposal_answer(
        proposal=proposal,
        by=cast.coordinator,
        side=Side.PARTICIPANT,
        yes=True,
        reason="",
        version=1,
    )
    waiting.refresh_from_db()
    assert waiting.phase == Phase.MATCHING
    proposal = services.proposal_answer(
        proposal=proposal, by=cast.coordinator, side=Side.BUDDY, yes=True, reason="", version=1
    )

    waiting.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert waiting.phase == Phase.MATCHED
    assert (waiting.buddy, waiting.backup) == (amira, cast.backup)
    # The year waits for the first meeting: someone starts it with that day.
    assert (waiting.paired_on, waiting.matched_on) == (frozen_today, None)
    assert PhaseChange.objects.filter(trajectory=waiting, to_phase=Phase.MATCHED).exists()


def test_a_decline_excludes_the_buddy_and_the_household_goes_back_to_proposals(
    cast, waiting, amira
):
    proposal = _introduced(cast, waiting, amira)

    services.proposal_answer(
        proposal=proposal,
        by=cast.coordinator,
        side=Side.BUDDY,
        yes=False,
        reason="Te ver weg voor mij.",
        version=1,
    )

    waiting.refresh_from_db()
    proposal.refresh_from_db()
    assert waiting.phase == Phase.MATCHING
    assert proposal.status == ProposalStatus.DECLINED
    assert proposal.declined_by == Side.BUDDY
    assert list(MatchWishes.objects.get(trajectory=waiting).excluded.all()) == [amira]
    with pytest.raises(Refused, match="declined for this household before"):
        services.proposal_make(trajectory=waiting, by=cast.coordinator, buddy=amira, version=1)


def test_a_decline_needs_a_reason(cast, waiting, amira):
    proposal = _introduced(cast, waiting, amira)

    with pytest.raises(Refused, match="Say why"):
        services.proposal_answer(
            proposal=proposal,
            by=cast.coordinator,
            side=Side.PARTICIPANT,
            yes=False,
            reason=" ",
            version=1,
        )


def test_choosing_one_buddy_closes_the_other_proposal_without_excluding_them(cast, waiting, amira):
    other = _buddy(cast, "Olga")
    first = services.proposal_make(trajectory=waiting, by=cast.coordinator, buddy=amira, version=1)
    second = services.proposal_make(trajectory=waiting, by=cast.coordinator, buddy=other, version=1)

    services.proposal_choose(proposal=first, by=cast.coordinator, version=1)

    second.refresh_from_db()
    assert second.status == ProposalStatus.DECLINED
    assert not MatchWishes.objects.filter(trajectory=waiting, excluded__isnull=False).exists()


def test_a_buddy_at_capacity_cannot_be_proposed(cast, waiting, amira):
    trajectory_in(Phase.ACTIVE, buddy=amira, household__programme=cast.programme)

    with pytest.raises(Refused, match="as many households as they can"):
        services.proposal_make(trajectory=waiting, by=cast.coordinator, buddy=amira, version=1)


def test_a_household_not_in_matching_gets_no_proposals(cast, journey, amira):
    active = journey(Phase.INTAKE)

    with pytest.raises(Refused, match="not looking for a buddy"):
        services.proposal_make(trajectory=active, by=cast.coordinator, buddy=amira, version=1)


def test_only_a_coordinator_of_the_programme_proposes(cast, waiting, amira):
    with pytest.raises(Refused, match="Only a coordinator"):
        services.proposal_make(
            trajectory=waiting, by=cast.other_coordinator, buddy=amira, version=1
        )


def test_a_stale_version_is_refused(cast, waiting, amira):
    with pytest.raises(Refused, match="Someone else changed"):
        services.proposal_make(trajectory=waiting, by=cast.coordinator, buddy=amira, version=7)


def test_a_proposal_already_chosen_cannot_be_chosen_again(cast, waiting, amira):
    proposal = services.proposal_make(
        trajectory=waiting, by=cast.coordinator, buddy=amira, version=1
    )
    services.proposal_choose(proposal=proposal, by=cast.coordinator, version=1)

    with pytest.raises(Refused, match="Someone else changed this proposal"):
        services.proposal_choose(proposal=proposal, by=cast.coordinator, version=1)


def test_the_page_ranks_buddies_with_reasons_and_hides_full_and_excluded_ones(
    client, cast, waiting, amira, django_assert_max_num_queries
):
    MatchWishes.objects.create(trajectory=waiting, languages="ar", preferred_gender=Gender.WOMAN)
    plain = _buddy(cast, "Piet", capacity=2)
    full = _buddy(cast, "Fleur")
    trajectory_in(Phase.ACTIVE, buddy=full, household__programme=cast.programme)
    excluded = _buddy(cast, "Evert")
    MatchWishes.objects.get(trajectory=waiting).excluded.add(excluded)
    client.force_login(cast.coordinator)

    with django_assert_max_num_queries(30):
        response = client.get(reverse("match", args=[waiting.household.uuid]))

    assert response.status_code == 200
    possible = [r.role.user for r in response.context["possible"]]
    assert possible == [amira, plain]
    impossible = {r.role.user: r.refusal for r in response.context["impossible"]}
    assert full in impossible and excluded in impossible
    content = response.content.decode()
    assert "speaks Arabic" in content
    assert "participant prefers a woman" in content
    assert "not possible: has no room for another household" in content


def test_the_page_takes_a_proposal_and_the_choice(client, cast, waiting, amira):
    client.force_login(cast.coordinator)
    url = reverse("match", args=[waiting.household.uuid])

    client.post(url, {"action": "propose", "buddy": amira.pk, "version": 1})
    proposal = waiting.proposals.get()
    response = client.post(url, {"action": "choose", "proposal": proposal.pk, "version": 1})

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CHOSEN


def test_the_page_shows_a_refusal_as_a_message(client, cast, waiting, amira):
    trajectory_in(Phase.ACTIVE, buddy=amira, household__programme=cast.programme)
    client.force_login(cast.coordinator)
    url = reverse("match", args=[waiting.household.uuid])

    response = client.post(url, {"action": "propose", "buddy": amira.pk, "version": 1}, follow=True)

    assert "as many households as they can" in response.content.decode()
    assert not waiting.proposals.exists()


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator"])
def test_only_the_programmes_coordinator_opens_the_proposals(client, cast, waiting, who):
    client.force_login(getattr(cast, who))

    response = client.get(reverse("match", args=[waiting.household.uuid]))

    assert response.status_code == 404


def test_a_buddy_passed_over_for_another_is_a_candidate_again_not_declined(cast, waiting, amira):
    piet = _buddy(cast, "Piet")
    first = services.proposal_make(trajectory=waiting, by=cast.coordinator, buddy=amira, version=1)
    services.proposal_make(trajectory=waiting, by=cast.coordinator, buddy=piet, version=1)
    services.proposal_choose(proposal=first, by=cast.coordinator, version=1)

    found = selectors.candidates(waiting, selectors.wishes_for(waiting))

    assert [p.buddy for p in found.proposed] == [amira]
    assert [r.role.user for r in found.possible] == [piet]
    assert found.declined == []


def test_a_buddy_declined_after_the_introduction_shows_only_under_declined(cast, waiting, amira):
    proposal = _introduced(cast, waiting, amira)
    services.proposal_answer(
        proposal=proposal,
        by=cast.coordinator,
        side=Side.BUDDY,
        yes=False,
        reason="Te ver weg",
        version=1,
    )

    found = selectors.candidates(waiting, selectors.wishes_for(waiting))

    assert [p.buddy for p in found.declined] == [amira]
    assert amira not in [r.role.user for r in found.possible + found.impossible]
    assert found.proposed == []


def test_a_buddy_proposed_again_after_being_passed_over_shows_only_as_proposed(
    cast, waiting, amira
):
    piet = _buddy(cast, "Piet")
    first = services.proposal_make(trajectory=waiting, by=cast.coordinator, buddy=amira, version=1)
    services.proposal_make(trajectory=waiting, by=cast.coordinator, buddy=piet, version=1)
    services.proposal_choose(proposal=first, by=cast.coordinator, version=1)
    services.proposal_plan_intro(
        proposal=first, by=cast.coordinator, on=waiting.referred_on, version=1
    )
    services.proposal_answer(
        proposal=first,
        by=cast.coordinator,
        side=Side.PARTICIPANT,
        yes=False,
        reason="Geen klik",
        version=1,
    )
    services.proposal_make(trajectory=waiting, by=cast.coordinator, buddy=piet, version=1)

    found = selectors.candidates(waiting, selectors.wishes_for(waiting))

    assert [p.buddy for p in found.proposed] == [piet]
    assert [p.buddy for p in found.declined] == [amira]
    assert piet not in [r.role.user for r in found.possible + found.impossible]


def test_each_step_on_the_page_says_what_it_did(client, cast, waiting, amira):
    client.force_login(cast.coordinator)
    url = reverse("match", args=[waiting.household.uuid])

    def said(data):
        response = client.post(url, data, follow=True)
        return [str(m) for m in response.context["messages"]]

    assert said({"action": "propose", "buddy": amira.pk, "version": 1}) == [
        "Amira Buddy is proposed. Ask the participant whom they choose."
    ]
    proposal = waiting.proposals.get()
    assert said({"action": "choose", "proposal": proposal.pk, "version": 1}) == [
        "The participant chose Amira Buddy. Plan the introduction."
    ]
    intro = {"action": "intro", "proposal": proposal.pk, "version": 1}
    assert said({**intro, "intro_on": waiting.referred_on.isoformat()}) == [
        f"The introduction with Amira Buddy is planned on {weekday_date(waiting.referred_on)}."
    ]
    answer = {"action": "answer", "proposal": proposal.pk, "version": 1, "reason": ""}
    assert said({**answer, "side": "participant", "answer": "yes"}) == [
        "The yes of the participant is written down."
    ]
    assert said({**answer, "side": "buddy", "answer": "no", "reason": "Te ver"}) == [
        "Amira Buddy is declined: not proposed to this household again."
    ]


def test_a_decline_says_who_declined_without_repeating_it(client, cast, waiting, amira):
    piet = _buddy(cast, "Piet")
    first = services.proposal_make(trajectory=waiting, by=cast.coordinator, buddy=amira, version=1)
    services.proposal_make(trajectory=waiting, by=cast.coordinator, buddy=piet, version=1)
    trajectory_in(Phase.ACTIVE, buddy=piet, household__programme=cast.programme)
    services.proposal_choose(proposal=first, by=cast.coordinator, version=1)
    services.proposal_plan_intro(
        proposal=first, by=cast.coordinator, on=waiting.referred_on, version=1
    )
    services.proposal_answer(
        proposal=first,
        by=cast.coordinator,
        side=Side.PARTICIPANT,
        yes=False,
        reason="Geen klik",
        version=1,
    )
    client.force_login(cast.coordinator)

    html = client.get(reverse("match", args=[waiting.household.uuid])).content.decode()

    assert "Declined by the participant: Geen klik" in html
    # Piet, passed over and now without room, is declined once, in one sentence.
    assert html.count("The participant chose another buddy.") == 1
    assert "the participant: The participant" not in html
