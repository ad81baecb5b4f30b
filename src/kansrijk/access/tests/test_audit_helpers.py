"""The two helpers every page and service logs through: one for reads, one for changes."""

import pytest
from django.test import RequestFactory

from kansrijk.access.audit import audit_change, audit_own_read, audit_read
from kansrijk.access.models import AuditAction
from tests.factories import HouseholdFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_of():
    def make(user):
        request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
        request.user = user
        return request

    return make


def test_a_read_is_logged_for_the_person_behind_the_request_in_the_role_read(request_of):
    user, household = UserFactory(), HouseholdFactory()

    entry = audit_read(request_of(user), household=household, detail="household page", role="buddy")

    assert (entry.actor, entry.household, entry.action) == (user, household, AuditAction.VIEW)
    assert (entry.detail, entry.role, entry.purpose) == ("household page", "buddy", "buddy")
    assert entry.ip_address == "192.0.2.7"


def test_a_read_keeps_the_purpose_the_page_names(request_of):
    entry = audit_read(
        request_of(UserFactory()),
        action=AuditAction.EXPORT,
        detail="report",
        role="coordinator",
        purpose="",
    )

    assert (entry.action, entry.role, entry.purpose) == (AuditAction.EXPORT, "coordinator", "")


def test_a_participants_own_read_is_logged_as_the_participant_in_control(request_of):
    household = HouseholdFactory()

    entry = audit_own_read(request_of(UserFactory()), household, "portal")

    assert (entry.household, entry.detail) == (household, "portal")
    assert (entry.role, entry.purpose) == ("participant", "participant in control")


def test_a_change_is_logged_without_an_address_in_the_role_acted(request_of):
    by, household = UserFactory(), HouseholdFactory()

    entry = audit_change(
        by=by, action=AuditAction.CHANGE, household=household, detail="goal", role="backup"
    )
    coached = audit_change(
        by=by,
        action=AuditAction.CREATE,
        household=household,
        detail="tie",
        role="coordinator",
        purpose="coaching",
    )

    assert (entry.actor, entry.action, entry.role, entry.purpose) == (
        by,
        AuditAction.CHANGE,
        "backup",
        "backup",
    )
    assert entry.ip_address is None
    assert (coached.role, coached.purpose) == ("coordinator", "coaching")
