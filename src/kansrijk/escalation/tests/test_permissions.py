"""Who may read and act on signals and cases: anyone else gets 404 and leaves no read in the log.
The queue reads in the same number of queries however many signals wait."""

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.escalation import case_services, services
from kansrijk.escalation.models import Signal
from kansrijk.people.choices import Role
from kansrijk.trajectories.choices import Phase
from tests.factories import ProgrammeRoleFactory, UserFactory, trajectory_in

# The steps only take a POST; the signal's own page only a GET (a POST is 405 for anyone).
STEP_PAGES = ["signal_pick_up", "signal_answer", "signal_pass_on", "signal_close"]


def _other_buddy(cast):
    buddy = UserFactory()
    ProgrammeRoleFactory(user=buddy, programme=cast.programme, role=Role.BUDDY)
    trajectory_in(
        Phase.ACTIVE, buddy=buddy, backup=cast.backup, household__programme=cast.programme
    )
    return buddy


@pytest.fixture
def outsider(request, cast, journey, doorbraak_pro):
    return {
        "funder": lambda: cast.funder,
        "other buddy": lambda: _other_buddy(cast),
        "doorbraak professional": lambda: doorbraak_pro,
        "coordinator of another programme": lambda: cast.other_coordinator,
        "stranger": lambda: cast.stranger,
    }[request.param]()


OUTSIDERS = [
    "funder",
    "other buddy",
    "doorbraak professional",
    "coordinator of another programme",
    "stranger",
]


@pytest.mark.parametrize("outsider", OUTSIDERS, indirect=True)
@pytest.mark.parametrize("page", STEP_PAGES)
def test_outsiders_get_404_on_a_signal_and_nothing_changes(client, raised, outsider, page):
    signal = raised()
    client.force_login(outsider)

    response = client.post(reverse(page, args=[signal.uuid]), {"version": 1, "answer": "Ja."})
    looked = client.get(reverse("signal", args=[signal.uuid]))

    assert response.status_code == looked.status_code == 404
    assert Signal.objects.get(pk=signal.pk).version == 1
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW).exists()


@pytest.mark.parametrize("page", STEP_PAGES)
def test_the_backup_without_consent_gets_404_on_the_signal(client, cast, journey, page):
    quiet = journey(Phase.ACTIVE, backup_consent=False)
    signal = services.signal_raise(
        trajectory=quiet, by=cast.buddy, kind="worry", description="Zorgen om de kinderen."
    )
    client.force_login(cast.backup)

    response = client.post(reverse(page, args=[signal.uuid]), {"version": 1})

    assert client.get(reverse("signal", args=[signal.uuid])).status_code == 404
    assert response.status_code == 404
    assert Signal.objects.get(pk=signal.pk).status == "open"


def test_the_backup_without_consent_cannot_open_a_case_or_read_one(
    client, cast, journey, doorbraak_consent
):
    quiet = journey(Phase.ACTIVE, backup_consent=False)
    doorbraak_consent(quiet)
    case = case_services.case_open(trajectory=quiet, by=cast.coordinator, barrier="Toeslag.")
    client.force_login(cast.backup)

    assert (
        client.get(reverse("doorbraak_case_open", args=[quiet.household.uuid])).status_code == 404
    )
    assert client.get(reverse("doorbraak_case", args=[case.uuid])).status_code == 404
    assert client.get(reverse("doorbraak_case_edit", args=[case.uuid])).status_code == 404


@pytest.mark.parametrize("outsider", OUTSIDERS, indirect=True)
def test_outsiders_cannot_read_a_case(client, cast, coached, doorbraak_consent, outsider):
    doorbraak_consent(coached)
    case = case_services.case_open(trajectory=coached, by=cast.coordinator, barrier="Toeslag.")
    if outsider.programme_roles.filter(role=Role.DOORBRAAK).exists():
        coached.household.consents.filter(recipient="doorbraak").delete()
    client.force_login(outsider)

    assert client.get(reverse("doorbraak_case", args=[case.uuid])).status_code == 404
    assert client.post(reverse("doorbraak_case_edit", args=[case.uuid])).status_code == 404


def test_the_buddy_reads_the_signal_but_cannot_take_the_backups_steps(client, cast, raised):
    signal = raised()
    client.force_login(cast.buddy)

    assert client.get(reverse("signal", args=[signal.uuid])).status_code == 200
    assert (
        client.post(reverse("signal_pick_up", args=[signal.uuid]), {"version": 1}).status_code
        == 404
    )


@pytest.mark.parametrize("who", ["buddy", "coordinator", "funder", "stranger"])
def test_the_queue_is_the_backups(client, cast, who):
    client.force_login(getattr(cast, who))

    assert client.get(reverse("signal_queue")).status_code == 404


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator"])
def test_the_programmes_signals_are_for_its_coordinator(client, cast, who):
    client.force_login(getattr(cast, who))

    assert client.get(reverse("programme_signals", args=[cast.programme.slug])).status_code == 404


def _signals(cast, journey, count: int, backup) -> None:
    for _ in range(count):
        trajectory = journey(Phase.ACTIVE, buddy=UserFactory(), backup=backup)
        services.signal_raise(
            trajectory=trajectory, by=cast.coordinator, kind="urgent", description="Nood."
        )


def test_the_queue_reads_in_the_same_number_of_queries_however_many_signals_wait(
    client, cast, journey, colleague, frozen_today, django_assert_max_num_queries
):
    # The backup also covers for the colleague today: their signals are in the queue too.
    services.cover_record(
        backup=colleague,
        colleague=cast.backup,
        starts_on=frozen_today,
        ends_on=frozen_today,
        by=colleague,
    )
    _signals(cast, journey, 1, cast.backup)
    _signals(cast, journey, 1, colleague)
    client.force_login(cast.backup)
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("signal_queue")).status_code == 200

    _signals(cast, journey, 6, cast.backup)
    _signals(cast, journey, 6, colleague)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("signal_queue"))
    assert len(response.context["queue"].rows) == 14
    assert response.context["queue"].urgent == 14


def test_the_programmes_signal_page_reads_in_the_same_number_of_queries(
    client, cast, journey, django_assert_max_num_queries
):
    _signals(cast, journey, 2, cast.backup)
    client.force_login(cast.coordinator)
    url = reverse("programme_signals", args=[cast.programme.slug])
    with django_assert_max_num_queries(25) as few:
        client.get(url)

    _signals(cast, journey, 12, cast.backup)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
