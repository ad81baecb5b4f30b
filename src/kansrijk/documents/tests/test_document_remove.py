"""Taking a document out of the file: a page says which one goes for good, then only the
coordinator, or the buddy who added it, takes it out; the log keeps that it was there."""

import pytest
from django.urls import reverse

from kansrijk.access.choices import FilePart
from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.core.errors import Refused
from kansrijk.documents import services
from kansrijk.documents.models import Document
from kansrijk.people.choices import Role
from tests.factories import DocumentFactory, ProgrammeRoleFactory, UserFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


def _remove(coached, document):
    return reverse("household_document_remove", args=[coached.household.uuid, document.uuid])


def test_the_first_post_asks_and_takes_nothing_out(client, cast, coached, letters):
    client.force_login(cast.buddy)
    letter = letters[FilePart.SENSITIVE]

    response = client.post(_remove(coached, letter))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Take this document out of the file?" in page and letter.name in page
    assert Document.objects.filter(pk=letter.pk).exists()


def test_the_buddy_who_added_it_takes_it_out_and_the_log_keeps_only_its_id(
    client, cast, coached, letters
):
    client.force_login(cast.buddy)
    letter = letters[FilePart.PLAN]

    response = client.post(_remove(coached, letter), {"confirm": "yes"})

    assert response.status_code == 302
    assert not Document.objects.filter(pk=letter.pk).exists()
    entry = AuditEntry.objects.filter(action=AuditAction.CHANGE).latest("id")
    assert (entry.actor, entry.household, entry.detail) == (
        cast.buddy,
        coached.household,
        f"document {letter.uuid} removed: plan",
    )
    assert letter.name not in entry.detail
    assert client.get(reverse("household_documents", args=[coached.household.uuid])).status_code


def test_the_coordinator_takes_out_a_document_someone_else_added(client, cast, coached, letters):
    client.force_login(cast.coordinator)

    client.post(_remove(coached, letters[FilePart.BASIC]), {"confirm": "yes"})

    assert Document.objects.count() == len(letters) - 1


def test_a_buddy_cannot_take_out_a_document_the_coordinator_added(client, cast, coached):
    by_coordinator = DocumentFactory(household=coached.household, uploaded_by=cast.coordinator)
    client.force_login(cast.buddy)

    response = client.post(_remove(coached, by_coordinator), {"confirm": "yes"})

    assert response.status_code == 404
    assert Document.objects.filter(pk=by_coordinator.pk).exists()


def test_the_backup_reads_but_never_takes_out(client, cast, coached, letters):
    client.force_login(cast.backup)

    response = client.post(_remove(coached, letters[FilePart.BASIC]), {"confirm": "yes"})

    assert response.status_code == 404
    assert Document.objects.count() == len(letters)


@pytest.mark.parametrize("who", ["funder", "other_coordinator", "stranger"])
def test_outsiders_get_404_and_nothing_changes(client, cast, coached, letters, who):
    client.force_login(getattr(cast, who))
    before = AuditEntry.objects.count()

    response = client.post(_remove(coached, letters[FilePart.BASIC]), {"confirm": "yes"})

    assert response.status_code == 404
    assert Document.objects.count() == len(letters)
    assert AuditEntry.objects.count() == before


def test_a_get_takes_nothing_out(client, cast, coached, letters):
    client.force_login(cast.coordinator)

    assert client.get(_remove(coached, letters[FilePart.BASIC])).status_code == 405
    assert Document.objects.count() == len(letters)


def test_the_second_of_two_removals_is_told_it_is_gone_already(cast, coached, letters):
    letter = letters[FilePart.BASIC]
    services.document_remove(document=letter, trajectory=coached, by=cast.coordinator)

    with pytest.raises(Refused, match="already taken out"):
        services.document_remove(document=letter, trajectory=coached, by=cast.coordinator)
    assert AuditEntry.objects.filter(detail__contains="removed").count() == 1


def test_a_buddy_who_stopped_coaching_cannot_take_out_what_they_added(cast, coached):
    former = UserFactory()
    ProgrammeRoleFactory(user=former, programme=cast.programme, role=Role.BUDDY)
    theirs = DocumentFactory(household=coached.household, uploaded_by=former)

    with pytest.raises(Refused):
        services.document_remove(document=theirs, trajectory=coached, by=former)
    assert Document.objects.filter(pk=theirs.pk).exists()
