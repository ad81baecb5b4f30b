"""The coordinator searches the audit log of their own programme, and only that."""

import pytest
from django.urls import reverse

from kansrijk.access.audit import audit
from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.trajectories.choices import Phase

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
