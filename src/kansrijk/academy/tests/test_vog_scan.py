"""The scan of a buddy's certificate of conduct (VOG) is a document of the buddy: kept
encrypted with their selection file, opened only by the coordinators of the programme that
selects them, and gone when a rejected candidate's data is erased."""

import pytest
from django.urls import reverse

from kansrijk.academy import services
from kansrijk.academy.models import VogScan
from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.people.choices import Role
from tests.encryption import TOKEN_PREFIX, stored
from tests.factories import CandidateFactory, ProgrammeRoleFactory, UserFactory, VogScanFactory
from tests.files import jpeg_with_exif, upload

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def candidate(cast):
    return CandidateFactory(programme=cast.programme, created_by=cast.coordinator)


def _new(cast, candidate):
    return reverse("academy_vog_scan_new", args=[cast.programme.slug, candidate.uuid])


def _file(cast, scan):
    return reverse("academy_vog_scan", args=[cast.programme.slug, scan.candidate.uuid, scan.uuid])


def test_the_coordinator_keeps_a_photo_of_the_vog_without_its_exif(client, cast, candidate):
    client.force_login(cast.coordinator)

    response = client.post(
        _new(cast, candidate), {"file": upload("VOG Kandidaat.jpg", jpeg_with_exif(), "image/jpeg")}
    )

    assert response.status_code == 302
    scan = VogScan.objects.get(candidate=candidate)
    assert (scan.name, scan.kind, scan.uploaded_by) == (
        "VOG Kandidaat.jpg",
        "jpeg",
        cast.coordinator,
    )
    assert b"Exif" not in scan.content
    assert stored(scan, "content").startswith(TOKEN_PREFIX)
    assert "Kandidaat" not in stored(scan, "name")
    entry = AuditEntry.objects.get(action=AuditAction.CREATE)
    assert (entry.actor, entry.household, entry.detail) == (
        cast.coordinator,
        None,
        f"VOG scan {scan.uuid} added",
    )
    page = client.get(reverse("academy_candidate", args=[cast.programme.slug, candidate.uuid]))
    assert _file(cast, scan) in page.content.decode()


def test_a_text_file_is_refused_with_a_message(client, cast, candidate):
    client.force_login(cast.coordinator)

    response = client.post(_new(cast, candidate), {"file": upload("vog.pdf", b"no pdf at all")})

    assert response.status_code == 422
    assert "This is not a PDF, JPEG or PNG file." in response.content.decode()
    assert not VogScan.objects.exists()


def test_the_coordinator_downloads_it_as_a_file_and_the_download_is_logged(client, cast, candidate):
    scan = VogScanFactory(candidate=candidate)
    client.force_login(cast.coordinator)

    response = client.get(_file(cast, scan))

    assert response.status_code == 200 and response.content == scan.content
    assert response["Content-Disposition"] == 'attachment; filename="VOG.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    entry = AuditEntry.objects.latest("id")
    assert (entry.actor, entry.action, entry.detail) == (
        cast.coordinator,
        AuditAction.VIEW,
        f"VOG scan {scan.uuid}",
    )


def _the_buddy_themselves(cast, candidate):
    candidate.user = cast.buddy
    candidate.save(update_fields=["user"])
    return cast.buddy


def _a_backup(cast, candidate):
    return cast.backup


def _another_coordinator(cast, candidate):
    return cast.other_coordinator


def _an_academy_colleague(cast, candidate):
    """A coordinator of another programme runs the Academie too, but did not select this buddy."""
    user = UserFactory()
    ProgrammeRoleFactory(user=user, programme=cast.other_programme, role=Role.COORDINATOR)
    return user


@pytest.mark.parametrize(
    "who", [_the_buddy_themselves, _a_backup, _another_coordinator, _an_academy_colleague]
)
def test_nobody_but_the_programmes_coordinators_opens_or_adds_a_scan(client, cast, candidate, who):
    scan = VogScanFactory(candidate=candidate)
    client.force_login(who(cast, candidate))

    assert client.get(_file(cast, scan)).status_code == 404
    assert client.get(_new(cast, candidate)).status_code == 404
    assert (
        client.post(_new(cast, candidate), {"file": upload("v.pdf", scan.content)}).status_code
        == 404
    )
    assert VogScan.objects.count() == 1


def test_erasing_a_candidate_removes_the_scans(cast, candidate):
    VogScanFactory(candidate=candidate)
    kept = VogScanFactory(candidate=CandidateFactory(programme=cast.programme))

    services.candidate_erase(candidate)

    assert list(VogScan.objects.all()) == [kept]
