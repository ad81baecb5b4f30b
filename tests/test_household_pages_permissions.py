"""Who may open which page. Anything not allowed answers 404, and leaves no trace of a read."""

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.assessments.models import Assessment
from kansrijk.contacts.models import Contact
from kansrijk.core.phases import Phase
from kansrijk.people.choices import Role
from kansrijk.trajectories.models import PhaseChange, Trajectory
from kansrijk.urls import household_patterns
from tests.factories import ProgrammeRoleFactory, UserFactory, trajectory_in

# For each household page, a phase in which the household's coordinator may open it: so a 404
# in the tests below means "not you", never "not now".
PAGE_PHASES = {
    "household": Phase.ACTIVE,
    "start_intake": Phase.REFERRED,
    "intake": Phase.INTAKE,
    "intake_finish": Phase.INTAKE,
    "intake_picture": Phase.INTAKE,
    "pair": Phase.MATCHING,
    "start_year": Phase.MATCHED,
    "match": Phase.MATCHING,
    "match_wishes": Phase.MATCHING,
    "start_aftercare": Phase.ACTIVE,
    "close": Phase.AFTERCARE,
    "drop_out": Phase.ACTIVE,
    "extend": Phase.ACTIVE,
    "household_type": Phase.ACTIVE,
    "log_contact": Phase.ACTIVE,
    "appointment_new": Phase.ACTIVE,
    "record_assessment": Phase.ACTIVE,
    "consents": Phase.ACTIVE,
    "goal_new": Phase.ACTIVE,
    "signal_raise": Phase.ACTIVE,
    "doorbraak_case_open": Phase.ACTIVE,
    "network_new": Phase.ACTIVE,
    "transfer_request": Phase.ACTIVE,
}
# Pages that name a second object besides the household, or only take a POST: covered by
# access/tests/test_consent.py, overview/tests/test_portal.py and tests/test_leak_matrix.py;
# the intake steps (named by a step too) by intake/tests/test_intake_steps.py.
PAGES_COVERED_ELSEWHERE = {"withdraw_consent", "portal_account", "intake_step"}
# The timeline only reads (a POST is 405 for anyone): overview/tests/test_timeline.py and
# tests/test_leak_matrix.py.
PAGES_COVERED_ELSEWHERE |= {"household_timeline"}
# The plan's pages that name a goal, step or note, and the plan and its print view (they only
# read, so a POST is 405 for anyone, like the household page): plans/tests/test_plan_pages.py
# and tests/test_leak_matrix.py.
PAGES_COVERED_ELSEWHERE |= {
    "plan",
    "plan_print",
    "goal_edit",
    "goal_status",
    "action_new",
    "note_new",
    "action_done",
    "note_celebrate",
}
# The activation letter makes a one-time code (only the coordinator and the household's own
# buddy): accounts/tests/test_activation.py and tests/test_leak_matrix.py.
PAGES_COVERED_ELSEWHERE |= {"activation_letter"}
# Answering a goal the participant proposed (named by the proposal): plans/tests/
# test_proposals.py and tests/test_leak_matrix.py.
PAGES_COVERED_ELSEWHERE |= {"proposal_take", "proposal_discuss"}
# The network's pages that name a map or tie, and the map and comparison pages (they only read,
# so a POST is 405 for anyone): network/tests/test_permissions.py and tests/test_leak_matrix.py.
PAGES_COVERED_ELSEWHERE |= {
    "network",
    "network_compare",
    "network_map",
    "network_map_edit",
    "network_tie_new",
    "network_tie_edit",
    "network_tie_remove",
}
# The documents (a list with a form to upload, and a download named by the document):
# documents/tests/test_documents.py (each consent of the backup, outsiders) and
# tests/test_leak_matrix.py.
PAGES_COVERED_ELSEWHERE |= {
    "household_documents",
    "household_document",
    "household_document_remove",
}
# The pages that name a planned meeting: contacts/tests/test_appointments.py and
# tests/test_leak_matrix.py.
PAGES_COVERED_ELSEWHERE |= {"appointment_edit", "appointment_cancel", "appointment_ics"}
HOUSEHOLD_PAGES = sorted(PAGE_PHASES)
# The household page itself only reads; every other household page is a form.
FORM_PAGES = [page for page in HOUSEHOLD_PAGES if page != "household"]

OUTSIDERS = [
    "buddy of another household",
    "backup of another household",
    "coordinator of another programme",
    "funder",
    "doorbraak professional",
    "referrer",
    "stranger",
]


def _outsider_with_role(cast, role: Role):
    user = UserFactory()
    ProgrammeRoleFactory(user=user, programme=cast.programme, role=role)
    return user


def _pair_of_another_household(cast, role: Role):
    """A buddy or backup professional of programme A who works with a different household."""
    buddy, backup = UserFactory(), UserFactory()
    ProgrammeRoleFactory(user=buddy, programme=cast.programme, role=Role.BUDDY)
    ProgrammeRoleFactory(user=backup, programme=cast.programme, role=Role.BACKUP)
    trajectory_in(Phase.ACTIVE, buddy=buddy, backup=backup, household__programme=cast.programme)
    return buddy if role == Role.BUDDY else backup


@pytest.fixture
def outsider(request, cast):
    """A logged-in user with no reason to see the cast's households."""
    return {
        "buddy of another household": lambda: _pair_of_another_household(cast, Role.BUDDY),
        "backup of another household": lambda: _pair_of_another_household(cast, Role.BACKUP),
        "coordinator of another programme": lambda: cast.other_coordinator,
        "funder": lambda: cast.funder,
        "doorbraak professional": lambda: _outsider_with_role(cast, Role.DOORBRAAK),
        "referrer": lambda: _outsider_with_role(cast, Role.REFERRER),
        "stranger": lambda: cast.stranger,
    }[request.param]()


def test_every_household_page_is_covered_by_these_tests():
    assert {pattern.name for pattern in household_patterns} == set(
        PAGE_PHASES
    ) | PAGES_COVERED_ELSEWHERE


@pytest.mark.parametrize("page", HOUSEHOLD_PAGES)
def test_coordinator_opens_every_household_page_in_its_phase(client, cast, journey, page):
    trajectory = journey(PAGE_PHASES[page])
    client.force_login(cast.coordinator)

    response = client.get(reverse(page, args=[trajectory.household.uuid]))

    assert response.status_code == 200


@pytest.mark.parametrize("outsider", OUTSIDERS, indirect=True)
@pytest.mark.parametrize("page", HOUSEHOLD_PAGES)
def test_outsiders_get_404_on_every_household_page_and_leave_no_read_in_the_log(
    client, cast, journey, outsider, page
):
    trajectory = journey(PAGE_PHASES[page])
    client.force_login(outsider)

    response = client.get(reverse(page, args=[trajectory.household.uuid]))

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW).exists()
    assert not AuditEntry.objects.filter(household=trajectory.household).exists()


@pytest.mark.parametrize("outsider", OUTSIDERS, indirect=True)
@pytest.mark.parametrize("page", FORM_PAGES)
def test_outsiders_get_404_when_posting_to_a_household_page_and_nothing_changes(
    client, cast, journey, outsider, page
):
    trajectory = journey(PAGE_PHASES[page])
    client.force_login(outsider)

    response = client.post(
        reverse(page, args=[trajectory.household.uuid]),
        {"version": trajectory.version, "reason": "other", "on": "2025-06-16", "kind": "visit"},
    )

    assert response.status_code == 404
    after = Trajectory.objects.get(pk=trajectory.pk)
    assert (after.phase, after.version) == (trajectory.phase, trajectory.version)
    assert not PhaseChange.objects.filter(trajectory=trajectory).exists()
    assert not Contact.objects.exists()
    assert not Assessment.objects.exists()
    assert not AuditEntry.objects.filter(household=trajectory.household).exists()


@pytest.mark.parametrize("outsider", OUTSIDERS, indirect=True)
def test_posting_to_the_household_page_is_405_for_anyone_so_it_tells_nothing(
    client, cast, journey, outsider
):
    trajectory = journey(Phase.ACTIVE)
    client.force_login(outsider)

    existing = client.post(reverse("household", args=[trajectory.household.uuid]))
    missing = client.post(reverse("household", args=["00000000-0000-0000-0000-000000000000"]))

    assert existing.status_code == missing.status_code == 405
    assert not AuditEntry.objects.filter(household=trajectory.household).exists()


def test_a_household_that_does_not_exist_is_404_for_its_coordinator_too(client, cast):
    client.force_login(cast.coordinator)

    response = client.get(reverse("household", args=["00000000-0000-0000-0000-000000000000"]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("who", "role"),
    [("coordinator", Role.COORDINATOR), ("buddy", Role.BUDDY), ("backup", Role.BACKUP)],
)
@pytest.mark.parametrize("phase", [Phase.ACTIVE, Phase.AFTERCARE])
def test_the_coordinator_buddy_and_backup_open_the_household_page_and_the_read_is_logged(
    client, cast, journey, who, role, phase
):
    trajectory = journey(phase)
    user = getattr(cast, who)
    client.force_login(user)

    response = client.get(reverse("household", args=[trajectory.household.uuid]))

    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.VIEW)
    assert (entry.household, entry.actor, entry.role) == (trajectory.household, user, role)
    assert entry.actor_name == user.username
    assert entry.ip_address == "127.0.0.1"


@pytest.mark.parametrize("phase", [Phase.REFERRED, Phase.INTAKE, Phase.MATCHING])
def test_the_coordinator_opens_a_household_that_waits_for_its_year(client, cast, journey, phase):
    trajectory = journey(phase)
    client.force_login(cast.coordinator)

    response = client.get(reverse("household", args=[trajectory.household.uuid]))

    assert response.status_code == 200
    assert AuditEntry.objects.get(action=AuditAction.VIEW).role == Role.COORDINATOR


@pytest.mark.parametrize("who", ["buddy", "backup"])
@pytest.mark.parametrize("phase", [Phase.CLOSED, Phase.DROPPED_OUT])
def test_buddy_and_backup_can_no_longer_open_a_household_after_its_journey_ended(
    client, cast, journey, who, phase
):
    trajectory = journey(Phase.ACTIVE)
    Trajectory.objects.filter(pk=trajectory.pk).update(phase=phase, ended_on=trajectory.matched_on)
    client.force_login(getattr(cast, who))

    response = client.get(reverse("household", args=[trajectory.household.uuid]))

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW).exists()


def test_the_coordinator_still_opens_a_closed_household(client, cast, journey):
    trajectory = journey(Phase.CLOSED)
    client.force_login(cast.coordinator)

    response = client.get(reverse("household", args=[trajectory.household.uuid]))

    assert response.status_code == 200


@pytest.mark.parametrize(
    "page", ["start_intake", "intake", "pair", "close", "drop_out", "extend", "household_type"]
)
@pytest.mark.parametrize("who", ["buddy", "backup"])
def test_buddy_and_backup_cannot_open_the_coordinators_pages_of_their_own_household(
    client, cast, journey, page, who
):
    trajectory = journey(Phase.AFTERCARE)
    client.force_login(getattr(cast, who))

    response = client.get(reverse(page, args=[trajectory.household.uuid]))

    assert response.status_code == 404


@pytest.mark.parametrize("page", ["log_contact", "record_assessment", "start_aftercare"])
def test_the_buddy_opens_the_coaching_pages_of_their_own_household(client, cast, journey, page):
    trajectory = journey(Phase.ACTIVE)
    client.force_login(cast.buddy)

    response = client.get(reverse(page, args=[trajectory.household.uuid]))

    assert response.status_code == 200


def test_the_backup_cannot_start_the_aftercare(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)
    client.force_login(cast.backup)

    response = client.get(reverse("start_aftercare", args=[trajectory.household.uuid]))

    assert response.status_code == 404


@pytest.mark.parametrize("page", ["programme", "programme_households", "refer"])
@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator", "stranger"])
def test_only_the_programmes_coordinator_opens_its_dashboard_list_and_referral_form(
    client, cast, page, who
):
    client.force_login(getattr(cast, who))

    response = client.get(reverse(page, args=[cast.programme.slug]))

    assert response.status_code == 404


@pytest.mark.parametrize("page", ["programme", "programme_households", "refer"])
def test_the_coordinator_opens_the_programme_pages(client, cast, page):
    client.force_login(cast.coordinator)

    response = client.get(reverse(page, args=[cast.programme.slug]))

    assert response.status_code == 200


def test_funder_sees_their_programme_but_no_household_names(client, cast, journey):
    trajectories = [journey(phase) for phase in Phase]
    client.force_login(cast.funder)

    response = client.get(reverse("figures"))

    assert response.status_code == 200
    html = response.content.decode()
    assert cast.programme.name in html
    assert list(response.context["programmes"]) == [cast.programme]
    for trajectory in trajectories:
        assert trajectory.household.display_name not in html
        assert str(trajectory.household.uuid) not in html
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW).exists()


def test_figures_show_nothing_to_someone_who_funds_nothing(client, cast, journey):
    journey(Phase.ACTIVE)
    client.force_login(cast.buddy)

    response = client.get(reverse("figures"))

    assert response.status_code == 200
    assert not response.context["programmes"]


def _every_page(cast, trajectory) -> list[str]:
    household = [reverse(name, args=[trajectory.household.uuid]) for name in HOUSEHOLD_PAGES]
    programme = [
        reverse(name, args=[cast.programme.slug])
        for name in ("programme", "programme_households", "refer")
    ]
    personal = [reverse(name) for name in ("home", "buddy_home", "backup_home", "figures")]
    return household + programme + personal


def test_anonymous_visitors_are_sent_to_the_login_for_every_page(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)

    for url in _every_page(cast, trajectory):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('login')}?next={url}"
        assert client.post(url).status_code == 302, url

    assert not AuditEntry.objects.exists()
    assert Trajectory.objects.get(pk=trajectory.pk).version == trajectory.version
