"""Whatever a logged-in person gets may not be stored by the browser: downloads too.

A report, a register, a certificate or a household's whole file left in the disk cache of a
shared desk computer is there for the next person. The download URLs are found in the URLconf,
so a new one fails here until it is added to DOWNLOADS.
"""

import datetime as dt
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kansrijk.access.services import participant_account_create
from kansrijk.documents.models import Document
from kansrijk.trajectories.choices import Phase
from tests.factories import DocumentFactory, VogScanFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

# A route that ends in a file name, or in a format chosen by the URL, is a download; so is a
# document kept with a household's file, and the scan of a VOG.
DOWNLOAD_ROUTE = re.compile(
    r"\.(csv|xlsx|pdf|zip|json)$|\.<slug:file_format>$|<uuid:(document|scan)_uuid>/$"
)


def _download_names(patterns=None, prefix: str = "") -> set[str]:
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            names |= _download_names(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and DOWNLOAD_ROUTE.search(route):
            names.add(pattern.name)
    return names


def _report(kind: str, file_format: str):
    def url(cast, household):
        return reverse("report_download", args=[cast.programme.slug, kind, file_format])

    return url


# URL name → (who downloads it, how to make its URL).
DOWNLOADS = {
    "report_download": [
        ("coordinator", _report(kind, file_format))
        for kind in ("dashboard", "cost-benefit", "results")
        for file_format in ("csv", "xlsx", "pdf")
    ]
    + [("funder", _report("results", "xlsx"))],
    "learning_register_csv": [("coordinator", lambda cast, h: reverse("learning_register_csv"))],
    "academy_certificate": [("buddy", lambda cast, h: reverse("academy_certificate"))],
    "academy_buddy_certificate": [
        (
            "coordinator",
            lambda cast, h: reverse(
                "academy_buddy_certificate", args=[cast.programme.slug, cast.buddy.uuid]
            ),
        )
    ],
    "rights_export_zip": [("coordinator", lambda cast, h: reverse("rights_export_zip", args=[h]))],
    "rights_export_pdf": [("coordinator", lambda cast, h: reverse("rights_export_pdf", args=[h]))],
    "my_export_zip": [("participant", lambda cast, h: reverse("my_export_zip"))],
    "my_export_pdf": [("participant", lambda cast, h: reverse("my_export_pdf"))],
    "household_document": [
        ("buddy", lambda cast, h: reverse("household_document", args=[h, _document(h)]))
    ],
    "my_document": [("participant", lambda cast, h: reverse("my_document", args=[_document(h)]))],
    "academy_vog_scan": [("coordinator", lambda cast, h: _vog_scan(cast))],
}


def _vog_scan(cast):
    scan = VogScanFactory(candidate__programme=cast.programme)
    return reverse("academy_vog_scan", args=[cast.programme.slug, scan.candidate.uuid, scan.uuid])


def _document(household_uuid):
    return Document.objects.get(household__uuid=household_uuid).uuid


# Public documents, the same for everyone and without a person in them.
PUBLIC = {"openapi-json"}


def test_every_download_of_the_urlconf_is_checked_here():
    assert _download_names() == set(DOWNLOADS) | PUBLIC


@pytest.fixture
def household(cast, journey):
    trajectory = journey(Phase.ACTIVE, matched_on=dt.date(2025, 1, 6))
    participant_account_create(
        household=trajectory.household,
        trajectory=trajectory,
        by=cast.coordinator,
        email="sam@example.org",
    )
    DocumentFactory(household=trajectory.household)
    return trajectory.household


@pytest.mark.parametrize(
    ("who", "url"),
    [download for downloads in DOWNLOADS.values() for download in downloads],
    ids=[
        f"{name}-{index}"
        for name, downloads in DOWNLOADS.items()
        for index in range(len(downloads))
    ],
)
def test_a_download_may_not_be_stored_by_the_browser(client, cast, household, who, url):
    user = household.participant_account.user if who == "participant" else getattr(cast, who)
    client.force_login(user)

    response = client.get(url(cast, household.uuid))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_page_that_is_not_html_nor_a_download_may_not_be_stored_either(client, cast):
    """A redirect and a refusal are answers to a logged-in person too."""
    client.force_login(cast.coordinator)

    redirect = client.get(reverse("home"))
    refused = client.get(reverse("report_download", args=[cast.other_programme.slug, "x", "csv"]))

    assert redirect.status_code == 302
    assert redirect["Cache-Control"] == "no-store"
    assert refused.status_code == 404
    assert refused["Cache-Control"] == "no-store"
