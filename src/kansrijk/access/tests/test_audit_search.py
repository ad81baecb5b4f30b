"""The coordinator searches the audit log of their own programme, and only that."""

import pytest
from django.urls import reverse

from kansrijk.access.audit import audit
from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.core.phases import Phase
from kansrijk.people.choices import Role
from tests.factories import ProgrammeRoleFactory, UserFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def entries(cast, journey):
    ours = journey(Phase.ACTIVE)
    theirs = journey(Phase.ACTIVE, household__programme=cast.other_programme)
    audit(actor=cast.buddy, action=AuditAction.VIEW, household=ours.household, detail="ours")
    audit(
        actor=cast.other_coordinator,
        action=AuditAction.VIEW,
        household=theirs.household,
        detail="theirs",
    )
    return ours, theirs


def _search(client, cast, **query):
    client.force_login(cast.coordinator)
    return client.get(reverse("audit_log", args=[cast.programme.slug]), query)


def test_the_log_shows_entries_of_the_programme_and_not_of_another(client, cast, entries):
    response = _search(client, cast)

    details = {entry.detail for entry in response.context["page_obj"]}
    assert "ours" in details
    assert "theirs" not in details


def test_the_log_can_be_searched_by_household_name(client, cast, entries):
    ours, _ = entries

    response = _search(client, cast, text=ours.household.display_name)

    assert {e.household_id for e in response.context["page_obj"]} == {ours.household.pk}


def test_the_log_can_be_filtered_by_action(client, cast, entries):
    response = _search(client, cast, action=AuditAction.PHASE_CHANGE)

    assert all(e.action == AuditAction.PHASE_CHANGE for e in response.context["page_obj"])


@pytest.mark.parametrize(
    "query", [{"since": "31-02-2026"}, {"action": "steal"}, {"text": "x" * 101}]
)
def test_a_search_that_cannot_be_read_says_so_and_lists_nothing(client, cast, entries, query):
    response = _search(client, cast, **query)

    assert response.status_code == 422
    assert response.context["form"].errors
    assert response.context["page_obj"] is None
    assert "ours" not in response.content.decode()


def test_reading_the_log_is_itself_logged(client, cast, entries):
    _search(client, cast, text="x")

    assert AuditEntry.objects.filter(
        actor=cast.coordinator, detail__startswith="audit log"
    ).exists()


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator", "stranger"])
def test_only_the_programmes_coordinator_opens_its_log(client, cast, who):
    client.force_login(getattr(cast, who))

    response = client.get(reverse("audit_log", args=[cast.programme.slug]))

    assert response.status_code == 404


def test_the_search_text_is_not_written_into_the_log(client, cast, entries):
    _search(client, cast, text="Yılmaz", action=AuditAction.VIEW)

    entry = AuditEntry.objects.get(actor=cast.coordinator, detail__startswith="audit log")
    assert "Yılmaz" not in entry.detail
    assert "Y%C4" not in entry.detail
    assert entry.detail == "audit log oost action=view text (6 characters)"


def test_the_log_shows_purposes_in_words_and_keeps_the_code(client, cast, entries):
    audit(actor=cast.buddy, action=AuditAction.VIEW, purpose="coaching", detail="worded")

    html = _search(client, cast).content.decode()

    assert "coaching the household" in html
    assert AuditEntry.objects.get(detail="worded").purpose == "coaching"


@pytest.fixture
def jeroen(cast):
    """A backup professional whose login name says nothing of the name everyone knows him by."""
    user = UserFactory(username="wij-0042", first_name="Jeroen", last_name="Dijkstra")
    ProgrammeRoleFactory(user=user, programme=cast.programme, role=Role.BACKUP)
    return user


@pytest.mark.parametrize("text", ["Jeroen", "jeroen", "DIJKSTRA", "jeroen dijkstra", "wij-0042"])
def test_the_log_can_be_searched_by_the_staff_members_name_as_shown(
    client, cast, entries, jeroen, text
):
    ours, _ = entries
    audit(actor=jeroen, action=AuditAction.VIEW, household=ours.household, detail="his read")

    response = _search(client, cast, text=text)

    assert [e.detail for e in response.context["page_obj"]] == ["his read"]
    assert "Jeroen Dijkstra" in response.content.decode()


def test_searching_a_name_finds_nobody_of_another_programme(client, cast, entries):
    response = _search(client, cast, text="Olaf")

    assert list(response.context["page_obj"]) == []


def test_a_colleague_in_two_programmes_shows_only_this_programmes_households(
    client, cast, entries, jeroen
):
    ours, theirs = entries
    ProgrammeRoleFactory(user=jeroen, programme=cast.other_programme, role=Role.BACKUP)
    audit(actor=jeroen, action=AuditAction.VIEW, household=ours.household, detail="here")
    audit(actor=jeroen, action=AuditAction.VIEW, household=theirs.household, detail="there")
    audit(actor=jeroen, action=AuditAction.LOGIN, detail="logged in")

    for query in ({}, {"text": "Jeroen"}, {"text": theirs.household.display_name}):
        response = _search(client, cast, **query)

        details = {entry.detail for entry in response.context["page_obj"]}
        assert "there" not in details
        # The search box repeats what was typed; the list of entries must not show the name.
        listed = response.content.decode().partition('class="list log-days')[2]
        assert "log-day__doings" in listed or not response.context["page_obj"]
        assert theirs.household.display_name not in listed
    assert {"here", "logged in"} <= {e.detail for e in _search(client, cast).context["page_obj"]}


def test_a_search_by_name_is_paginated_with_a_bounded_number_of_queries(
    client, cast, entries, django_assert_max_num_queries
):
    ours, _ = entries
    for number in range(12):
        colleague = UserFactory(first_name="Jeroen", last_name=f"Collega {number}")
        ProgrammeRoleFactory(user=colleague, programme=cast.programme, role=Role.BUDDY)
        for _ in range(5):
            audit(actor=colleague, action=AuditAction.VIEW, household=ours.household)
    client.force_login(cast.coordinator)
    url = reverse("audit_log", args=[cast.programme.slug])

    with django_assert_max_num_queries(10):
        first = client.get(url, {"text": "jeroen"})
    second = client.get(url, {"text": "jeroen", "page": 2})

    assert len(first.context["page_obj"]) == 50
    assert len(second.context["page_obj"]) == 10
    assert first.context["page_obj"].paginator.count == 60
