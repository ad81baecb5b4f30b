import pytest
from django.urls import reverse

from kansrijk.access.models import AuditEntry
from kansrijk.evaluations import services
from kansrijk.evaluations.choices import EnteredBy
from kansrijk.evaluations.models import Evaluation
from kansrijk.evaluations.services import Answers
from kansrijk.people.models import Household
from kansrijk.trajectories.choices import Phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def given(closed, participant):
    return services.evaluation_give(
        trajectory=closed,
        by=participant,
        answers=Answers(mark=9, helped="Iemand die naast me stond", improve="Sneller een buddy"),
    )


def _list(cast):
    return reverse("evaluations", args=[cast.programme.slug])


def test_the_portal_invites_the_participant_after_her_year(client, participant):
    client.force_login(participant)

    page = client.get(reverse("my_file")).content.decode()

    assert "How was your year?" in page
    assert reverse("my_evaluation") in page


def test_the_portal_shows_no_invitation_while_the_year_runs(client, cast, journey):
    from kansrijk.access.services import participant_account_create

    active = journey(Phase.ACTIVE)
    user = participant_account_create(
        household=active.household, trajectory=active, by=cast.coordinator, email="a@example.org"
    )
    client.force_login(user)

    assert "How was your year?" not in client.get(reverse("my_file")).content.decode()
    page = client.get(reverse("my_evaluation")).content.decode()
    assert "When your year with Kansrijk ends" in page
    assert 'name="mark"' not in page


def test_the_participant_sends_her_answers(client, closed, participant):
    client.force_login(participant)

    response = client.post(
        reverse("my_evaluation"), {"mark": "8", "bond": "good", "helped": "De rust"}
    )

    assert response.status_code == 302
    evaluation = Evaluation.objects.get(trajectory=closed)
    assert (evaluation.mark, evaluation.bond, evaluation.helped) == (8, "good", "De rust")
    assert "You gave Kansrijk a 8" in client.get(reverse("my_file")).content.decode()


def test_without_a_mark_the_form_says_so_and_saves_nothing(client, participant):
    client.force_login(participant)

    response = client.post(reverse("my_evaluation"), {"helped": "De rust"})

    assert response.status_code == 422
    assert "Choose a mark from 1 to 10." in response.content.decode()
    assert "De rust" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_a_mark_of_eleven_is_refused(client, participant):
    client.force_login(participant)

    response = client.post(reverse("my_evaluation"), {"mark": "11"})

    assert response.status_code == 422
    assert not Evaluation.objects.exists()


def test_after_answering_she_sees_her_own_answers(client, participant, given):
    client.force_login(participant)

    page = client.get(reverse("my_evaluation")).content.decode()

    assert "Iemand die naast me stond" in page
    assert 'name="mark"' not in page


def test_the_coordinator_lists_what_to_collect_and_what_was_answered(
    client, cast, journey, given, django_assert_max_num_queries
):
    waiting = journey(Phase.CLOSED)
    client.force_login(cast.coordinator)

    with django_assert_max_num_queries(20):
        page = client.get(_list(cast)).content.decode()

    assert str(waiting.household) in page
    assert reverse("evaluation_paper", args=[waiting.household.uuid]) in page
    assert reverse("evaluation", args=[cast.programme.slug, given.uuid]) in page
    # The list shows marks, not words.
    assert "Iemand die naast me stond" not in page


def test_the_coordinator_reads_one_evaluation_and_it_is_logged(client, cast, given):
    client.force_login(cast.coordinator)

    page = client.get(reverse("evaluation", args=[cast.programme.slug, given.uuid]))

    assert "Iemand die naast me stond" in page.content.decode()
    assert AuditEntry.objects.filter(
        actor=cast.coordinator, household=given.trajectory.household, detail="evaluation"
    ).exists()


def test_the_coordinator_enters_a_paper_evaluation(client, cast, closed, frozen_today):
    client.force_login(cast.coordinator)
    url = reverse("evaluation_paper", args=[closed.household.uuid])

    response = client.post(
        url, {"paper_dated": frozen_today.isoformat(), "mark": "6", "improve": "Meer uitleg"}
    )

    evaluation = Evaluation.objects.get(trajectory=closed)
    assert response.url == reverse("evaluation", args=[cast.programme.slug, evaluation.uuid])
    assert evaluation.entered == EnteredBy.PAPER
    assert evaluation.paper_dated == frozen_today
    assert evaluation.improve == "Meer uitleg"


def test_a_paper_form_without_its_date_is_refused(client, cast, closed):
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("evaluation_paper", args=[closed.household.uuid]), {"paper_dated": "", "mark": "6"}
    )

    assert response.status_code == 422
    assert not Evaluation.objects.exists()


def test_the_paper_page_of_an_answered_evaluation_leads_to_the_answers(client, cast, given):
    client.force_login(cast.coordinator)

    response = client.get(reverse("evaluation_paper", args=[given.trajectory.household.uuid]))

    assert response.url == reverse("evaluation", args=[cast.programme.slug, given.uuid])


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator", "stranger"])
def test_nobody_but_the_coordinator_reads_the_answers(client, cast, given, who):
    client.force_login(getattr(cast, who))

    assert client.get(_list(cast)).status_code == 404
    assert (
        client.get(reverse("evaluation", args=[cast.programme.slug, given.uuid])).status_code == 404
    )
    paper = reverse("evaluation_paper", args=[given.trajectory.household.uuid])
    assert client.get(paper).status_code == 404


def test_another_programmes_coordinator_cannot_open_it_through_her_own_programme(
    client, cast, given
):
    client.force_login(cast.other_coordinator)

    url = reverse("evaluation", args=[cast.other_programme.slug, given.uuid])

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "coordinator"])
def test_staff_have_no_portal_evaluation(client, cast, who):
    client.force_login(getattr(cast, who))

    assert client.get(reverse("my_evaluation")).status_code == 404


def test_the_participants_form_speaks_dutch(client, participant):
    Household.objects.filter(participant_account__user=participant).update(language="nl")
    client.force_login(participant)

    page = client.get(reverse("my_evaluation"), headers={"accept-language": "nl"})

    text = page.content.decode()
    assert "Wat hielp je het meest?" in text
    assert "Welk cijfer geef je Kansrijk? (1–10)" in text


def test_sent_again_after_answering_she_is_told_it_was_already_given(client, participant, given):
    client.force_login(participant)

    response = client.post(reverse("my_evaluation"), {"mark": "3"}, follow=True)

    assert "This evaluation was already given. Thank you!" in response.content.decode()
    assert Evaluation.objects.get().mark == 9
