"""Documents with the file: the buddy and the coordinator add them, whoever may read their part
downloads them (audited, never cached, always as a file to save), and nobody else learns they
exist."""

import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kansrijk.access.choices import FilePart, Recipient
from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.access.services import participant_account_create
from kansrijk.documents.models import Document
from kansrijk.people.choices import Role
from kansrijk.trajectories.choices import Phase
from tests.encryption import TOKEN_PREFIX, stored
from tests.factories import (
    ConsentFactory,
    DocumentFactory,
    ProgrammeRoleFactory,
    UserFactory,
    trajectory_in,
)
from tests.files import jpeg_with_exif, pdf_bytes, png_bytes, upload

pytestmark = pytest.mark.usefixtures("frozen_today")


def _page(coached):
    return reverse("household_documents", args=[coached.household.uuid])


def _download(coached, document):
    return reverse("household_document", args=[coached.household.uuid, document.uuid])


def _post(client, coached, file, part=FilePart.BASIC):
    return client.post(_page(coached), {"file": file, "part": part})


def test_the_buddy_adds_a_scanned_consent_form_and_it_is_kept_encrypted(client, cast, coached):
    client.force_login(cast.buddy)
    content = pdf_bytes("Toestemming getekend door Sam")

    response = _post(client, coached, upload("Toestemming Sam.pdf", content))

    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.household, document.part, document.uploaded_by) == (
        coached.household,
        FilePart.BASIC,
        cast.buddy,
    )
    assert (document.name, document.kind, document.size) == (
        "Toestemming Sam.pdf",
        "pdf",
        len(content),
    )
    raw_content, raw_name = stored(document, "content"), stored(document, "name")
    assert raw_content.startswith(TOKEN_PREFIX) and raw_name.startswith(TOKEN_PREFIX)
    assert b"Toestemming" not in raw_content.encode() and "Sam" not in raw_name
    entry = AuditEntry.objects.get(action=AuditAction.CREATE)
    assert (entry.actor, entry.household, entry.role) == (cast.buddy, coached.household, Role.BUDDY)
    assert entry.detail == f"document {document.uuid} added: basic"


def test_the_raw_table_holds_no_byte_of_the_file(client, cast, coached):
    client.force_login(cast.coordinator)
    _post(client, coached, upload("scan.png", png_bytes()), FilePart.SENSITIVE)

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM documents_document")
        row = cursor.fetchone()
    stored_text = " ".join(str(value) for value in row)
    assert "PNG" not in stored_text and "scan" not in stored_text


def test_a_photo_is_kept_without_its_exif(client, cast, coached):
    client.force_login(cast.buddy)

    _post(client, coached, upload("IMG_2041.JPG", jpeg_with_exif(), "image/jpeg"))

    document = Document.objects.get()
    assert (document.kind, document.name) == ("jpeg", "IMG_2041.jpg")
    assert b"Exif" not in document.content and b"PhoneMaker" not in document.content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("brief.pdf", b"Just some text, not a PDF.", "This is not a PDF, JPEG or PNG file."),
        ("brief.pdf", b"%PDF-1.7 broken", "This PDF cannot be opened."),
        ("leeg.pdf", b"", "The submitted file is empty."),
    ],
)
def test_a_wrong_file_is_refused_with_a_message_and_nothing_is_kept(
    client, cast, coached, name, content, message
):
    client.force_login(cast.buddy)

    response = _post(client, coached, upload(name, content))

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Document.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.CREATE).exists()


def test_a_file_over_the_limit_is_refused_in_words(client, cast, coached, settings):
    settings.DOCUMENT_MAX_BYTES = 2_000
    client.force_login(cast.buddy)

    response = _post(client, coached, upload("groot.pdf", pdf_bytes() + b"%" * 5_000))

    assert response.status_code == 422
    assert "This file is too big." in response.content.decode()
    assert not Document.objects.exists()


def test_a_download_is_audited_saved_as_a_file_and_never_cached(client, cast, coached, letters):
    client.force_login(cast.coordinator)
    letter = letters[FilePart.SENSITIVE]

    response = client.get(_download(coached, letter))

    assert response.status_code == 200
    assert response.content == letter.content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="brief-sensitive.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW).latest("id")
    assert (entry.actor, entry.household, entry.detail) == (
        cast.coordinator,
        coached.household,
        f"document {letter.uuid}: {letter.part}",
    )


def test_the_household_page_lists_the_documents_with_a_way_to_add_one(
    client, cast, coached, letters
):
    client.force_login(cast.buddy)

    page = client.get(reverse("household", args=[coached.household.uuid])).content.decode()

    assert "Documents" in page
    for letter in letters.values():
        assert _download(coached, letter) in page
    assert "Add a document" in page


def _consent(cast, coached, **parts):
    coached.household.consents.all().delete()
    ConsentFactory(
        household=coached.household,
        recorded_by=cast.coordinator,
        starts_on=coached.referred_on,
        **{"basic": True, "plan": False, "assessments": False, "sensitive": False, **parts},
    )


@pytest.mark.parametrize("part", list(FilePart))
def test_the_backup_reads_exactly_the_documents_of_the_parts_the_participant_allows(
    client, cast, coached, letters, part
):
    _consent(cast, coached, **{part.value: True})
    client.force_login(cast.backup)

    page = client.get(_page(coached))

    assert page.status_code == 200
    for other, letter in letters.items():
        allowed = other in (FilePart.BASIC, part)
        assert (letter.name in page.content.decode()) is allowed, other
        assert client.get(_download(coached, letter)).status_code == (200 if allowed else 404)


def test_the_backup_reads_documents_but_cannot_add_one(client, cast, coached, letters):
    client.force_login(cast.backup)

    assert "Keep the document" not in client.get(_page(coached)).content.decode()
    response = _post(client, coached, upload("brief.pdf", pdf_bytes()))

    assert response.status_code == 404
    assert Document.objects.count() == len(letters)


def test_without_consent_the_backup_gets_404_for_page_and_downloads(client, cast, coached, letters):
    coached.household.consents.all().delete()
    client.force_login(cast.backup)

    assert client.get(_page(coached)).status_code == 404
    assert client.get(_download(coached, letters[FilePart.BASIC])).status_code == 404


def test_a_withdrawn_consent_closes_the_documents_at_once(client, cast, coached, letters):
    _consent(cast, coached, sensitive=True)
    client.force_login(cast.backup)
    assert client.get(_download(coached, letters[FilePart.SENSITIVE])).status_code == 200

    coached.household.consents.update(withdrawn_at=timezone.now(), withdrawn_by=cast.coordinator)

    assert client.get(_download(coached, letters[FilePart.SENSITIVE])).status_code == 404


def test_a_doorbraak_professional_with_full_consent_reads_no_document(
    client, cast, coached, letters
):
    professional = UserFactory()
    ProgrammeRoleFactory(user=professional, programme=cast.programme, role=Role.DOORBRAAK)
    ConsentFactory(
        household=coached.household,
        recipient=Recipient.DOORBRAAK,
        recorded_by=cast.coordinator,
        starts_on=coached.referred_on,
        plan=True,
        sensitive=True,
    )
    client.force_login(professional)

    assert client.get(reverse("household", args=[coached.household.uuid])).status_code == 200
    assert client.get(_page(coached)).status_code == 404
    assert client.get(_download(coached, letters[FilePart.BASIC])).status_code == 404


def _other_buddy(cast):
    buddy = UserFactory()
    ProgrammeRoleFactory(user=buddy, programme=cast.programme, role=Role.BUDDY)
    trajectory_in(Phase.ACTIVE, buddy=buddy, household__programme=cast.programme)
    return buddy


OUTSIDERS = {
    "other buddy": _other_buddy,
    "funder": lambda cast: cast.funder,
    "coordinator of another programme": lambda cast: cast.other_coordinator,
    "stranger": lambda cast: cast.stranger,
}


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_404_and_leave_no_read(client, cast, coached, letters, who):
    client.force_login(OUTSIDERS[who](cast))
    before = AuditEntry.objects.count()

    assert client.get(_page(coached)).status_code == 404
    assert client.get(_download(coached, letters[FilePart.BASIC])).status_code == 404
    assert _post(client, coached, upload("brief.pdf", pdf_bytes())).status_code == 404
    assert AuditEntry.objects.count() == before
    assert Document.objects.count() == len(letters)


def test_a_document_of_another_household_is_404_through_this_households_address(
    client, cast, coached, letters, journey
):
    other = journey(Phase.ACTIVE, buddy=cast.buddy)
    client.force_login(cast.coordinator)

    assert client.get(_download(other, letters[FilePart.BASIC])).status_code == 404


def test_the_participant_sees_and_downloads_her_documents_on_her_own_page(
    client, cast, coached, letters
):
    participant = participant_account_create(
        household=coached.household,
        trajectory=coached,
        by=cast.coordinator,
        email="sam@example.org",
    )
    client.force_login(participant)

    page = client.get(reverse("my_file")).content.decode()
    letter = letters[FilePart.PLAN]
    response = client.get(reverse("my_document", args=[letter.uuid]))

    assert "Your documents" in page and letter.name in page
    assert response.status_code == 200 and response.content == letter.content
    assert response["Cache-Control"] == "no-store"
    entry = AuditEntry.objects.latest("id")
    assert (entry.actor, entry.detail, entry.role) == (
        participant,
        f"document {letter.uuid}: {letter.part}",
        "participant",
    )


def test_a_participant_cannot_open_another_households_document(client, cast, coached, journey):
    participant = participant_account_create(
        household=coached.household,
        trajectory=coached,
        by=cast.coordinator,
        email="sam@example.org",
    )
    elsewhere = journey(Phase.ACTIVE, buddy=cast.buddy)
    theirs = DocumentFactory(household=elsewhere.household)
    client.force_login(participant)

    assert client.get(reverse("my_document", args=[theirs.uuid])).status_code == 404


def test_the_documents_page_asks_a_bounded_number_of_queries(
    client, cast, coached, letters, django_assert_max_num_queries
):
    client.force_login(cast.buddy)
    client.get(_page(coached))

    with django_assert_max_num_queries(20):
        response = client.get(_page(coached))

    assert response.status_code == 200


def test_the_same_form_sent_twice_keeps_one_document(client, cast, coached):
    client.force_login(cast.buddy)
    page = client.get(_page(coached)).content.decode()
    key = re.search(r'name="submission" value="([^"]+)"', page).group(1)
    content = pdf_bytes("Toestemming")

    for _ in range(2):
        response = client.post(
            _page(coached),
            {"file": upload("toestemming.pdf", content), "part": "basic", "submission": key},
            follow=True,
        )

    assert Document.objects.count() == 1
    assert "This was already saved." in response.content.decode()
