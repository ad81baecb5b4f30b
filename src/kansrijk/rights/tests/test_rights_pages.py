"""The rights pages: only the programme's coordinator opens them; everyone else gets 404."""

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.trajectories.choices import Phase

RIGHTS_PAGES = ["rights", "rights_export_zip", "rights_export_pdf", "rights_erase"]
OUTSIDERS = ["buddy", "backup", "funder", "other_coordinator", "stranger"]


def _get(client, user, page: str, household):
    client.force_login(user)
    return client.get(reverse(page, args=[household.uuid]))


@pytest.mark.parametrize("page", RIGHTS_PAGES)
def test_the_coordinator_opens_every_rights_page(client, cast, full_household, page):
    response = _get(client, cast.coordinator, page, full_household.household)

    assert response.status_code == 200


@pytest.mark.parametrize("page", RIGHTS_PAGES)
@pytest.mark.parametrize("who", OUTSIDERS)
def test_nobody_but_the_coordinator_opens_a_rights_page(client, cast, journey, page, who):
    # An active household: the buddy and the backup (with consent) may see its file, but
    # exporting and erasing are the coordinator's.
    household = journey(Phase.ACTIVE).household

    response = _get(client, getattr(cast, who), page, household)

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(household=household).exists()


def test_the_household_page_offers_the_coordinator_the_rights_page(client, cast, full_household):
    client.force_login(cast.coordinator)

    response = client.get(reverse("household", args=[full_household.household.uuid]))

    assert reverse("rights", args=[full_household.household.uuid]) in response.content.decode()


def test_the_buddy_is_not_offered_the_export(client, cast, journey):
    household = journey(Phase.ACTIVE).household
    client.force_login(cast.buddy)

    response = client.get(reverse("household", args=[household.uuid]))

    assert reverse("rights", args=[household.uuid]) not in response.content.decode()


def test_opening_the_rights_page_is_logged_as_a_read(client, cast, full_household):
    household = full_household.household

    _get(client, cast.coordinator, "rights", household)

    entry = AuditEntry.objects.filter(household=household).first()
    assert (entry.action, entry.detail, entry.actor) == (
        AuditAction.VIEW,
        "rights page",
        cast.coordinator,
    )


@pytest.mark.parametrize(
    ("page", "content_type", "suffix"),
    [
        ("rights_export_zip", "application/zip", "zip"),
        ("rights_export_pdf", "application/pdf", "pdf"),
    ],
)
def test_a_download_is_named_by_the_uuid_never_by_the_name(
    client, cast, full_household, page, content_type, suffix
):
    household = full_household.household

    response = _get(client, cast.coordinator, page, household)

    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="kansrijk-{household.uuid}.{suffix}"'
    )
    assert response["Cache-Control"] == "no-store"
    entry = AuditEntry.objects.filter(household=household).first()
    assert (entry.action, entry.detail) == (AuditAction.EXPORT, suffix)


def test_the_pdf_download_is_a_pdf(client, cast, full_household):
    response = _get(client, cast.coordinator, "rights_export_pdf", full_household.household)

    assert response.content.startswith(b"%PDF-")


def test_an_open_trajectory_must_end_before_erasure(client, cast, journey):
    household = journey(Phase.ACTIVE).household

    response = _get(client, cast.coordinator, "rights", household)

    html = response.content.decode()
    assert reverse("drop_out", args=[household.uuid]) in html
    assert reverse("rights_erase", args=[household.uuid]) not in html


def test_the_export_urls_reject_a_post(client, cast, full_household):
    client.force_login(cast.coordinator)

    response = client.post(reverse("rights_export_pdf", args=[full_household.household.uuid]))

    assert response.status_code == 405
