"""The audit log only grows: nothing in the application (or, on PostgreSQL, the database) can
change or remove an entry. Logins, failed logins and logouts are written to it."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from kansrijk.access.audit import audit
from kansrijk.access.models import AppendOnlyError, AuditAction, AuditEntry
from tests.factories import HouseholdFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"

only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only"
)


@pytest.fixture
def entry() -> AuditEntry:
    return audit(
        actor=UserFactory(), action=AuditAction.VIEW, household=HouseholdFactory(), detail="page"
    )


def test_an_audit_entry_cannot_be_changed_once_written(entry):
    entry.detail = "something else"

    with pytest.raises(AppendOnlyError):
        entry.save()

    assert AuditEntry.objects.get(pk=entry.pk).detail == "page"


def test_an_audit_entry_cannot_be_deleted(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_audit_entries_cannot_be_updated_in_bulk(entry):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(detail="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(detail="rewritten")

    assert AuditEntry.objects.get(pk=entry.pk).detail == "page"


def test_audit_entries_cannot_be_deleted_in_bulk(entry):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()

    assert AuditEntry.objects.count() == 1


def test_a_new_audit_entry_can_be_written(entry):
    audit(actor=None, actor_name="system", action=AuditAction.EXPORT, detail="figures")

    assert AuditEntry.objects.count() == 2


@only_on_postgresql
def test_the_database_refuses_a_raw_update_of_an_audit_entry(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE access_auditentry SET detail = 'rewritten' WHERE id = %s", [entry.pk]
        )

    assert AuditEntry.objects.get(pk=entry.pk).detail == "page"


@only_on_postgresql
def test_the_database_refuses_a_raw_delete_of_an_audit_entry(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM access_auditentry WHERE id = %s", [entry.pk])

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_login_is_written_to_the_audit_log(client):
    user = UserFactory(password=PASSWORD)

    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.actor_name) == (
        AuditAction.LOGIN,
        user,
        user.username,
    )
    assert entry.ip_address == "127.0.0.1"


def test_a_failed_login_is_written_with_the_name_tried_but_never_the_password(client):
    user = UserFactory(password=PASSWORD)

    response = client.post(reverse("login"), {"username": user.username, "password": "wrong guess"})

    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.actor_name) == (
        AuditAction.LOGIN_FAILED,
        None,
        user.username,
    )
    assert "wrong guess" not in f"{entry.detail} {entry.purpose} {entry.actor_name}"


def test_a_failed_login_for_an_unknown_name_is_written_too(client):
    client.post(reverse("login"), {"username": "nobody-here", "password": "anything at all"})

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor_name) == (AuditAction.LOGIN_FAILED, "nobody-here")


def test_a_logout_is_written_to_the_audit_log(client):
    user = UserFactory()
    client.force_login(user)

    client.post(reverse("logout"))

    assert AuditEntry.objects.filter(action=AuditAction.LOGOUT, actor=user).count() == 1
