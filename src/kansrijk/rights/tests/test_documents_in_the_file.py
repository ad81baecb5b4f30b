"""Documents are the participant's data: in their download (the files themselves in the ZIP),
gone when the household is erased on request or by `kansrijk retention`."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command

from kansrijk.access.choices import FilePart
from kansrijk.core.dates import add_months
from kansrijk.documents.models import Document
from kansrijk.rights.export import household_export
from kansrijk.rights.pdf import export_pdf
from kansrijk.rights.services import household_erase, household_export_zip
from kansrijk.trajectories.choices import Phase
from tests.factories import DocumentFactory
from tests.files import pdf_bytes, png_bytes
from tests.pdfs import read_pdf

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_the_zip_holds_every_document_of_every_part_named_by_its_id(full_household, cast):
    household = full_household.household
    letter = DocumentFactory(
        household=household,
        part=FilePart.SENSITIVE,
        name="Brief deurwaarder.pdf",
        uploaded_by=cast.buddy,
    )
    photo = DocumentFactory(
        household=household,
        part=FilePart.BASIC,
        kind="png",
        name="Toestemming.png",
        content=png_bytes(),
    )

    archive = zipfile.ZipFile(
        io.BytesIO(household_export_zip(household=household, by=cast.coordinator))
    )

    data = json.loads(archive.read("household.json"))
    listed = {d["uuid"]: d for d in data["documents"]}
    assert listed[str(letter.uuid)]["name"] == "Brief deurwaarder.pdf"
    assert listed[str(letter.uuid)]["part"] == {"value": "sensitive", "label": "gevoelige notities"}
    assert listed[str(letter.uuid)]["added_by"] == str(cast.buddy)
    assert listed[str(photo.uuid)]["file"] == f"documents/{photo.uuid}.png"
    assert archive.read(f"documents/{letter.uuid}.pdf") == letter.content
    assert archive.read(f"documents/{photo.uuid}.png") == photo.content
    assert "documents/" in archive.read("README.txt").decode()


def test_the_pdf_lists_the_documents_by_name(full_household):
    DocumentFactory(household=full_household.household, name="Besluit toeslag.pdf")

    pdf = read_pdf(export_pdf(household_export(full_household.household)))

    assert "Besluittoeslag.pdf" in pdf.text.replace(" ", "")


def test_the_export_holds_no_document_of_another_household(full_household, journey):
    elsewhere = DocumentFactory(household=journey(Phase.ACTIVE).household)

    data = household_export(full_household.household)

    assert str(elsewhere.uuid) not in json.dumps(data)


def test_erasure_removes_the_documents_and_leaves_other_households_alone(
    full_household, cast, journey
):
    DocumentFactory(household=full_household.household)
    kept = DocumentFactory(household=journey(Phase.ACTIVE).household)

    household_erase(household=full_household.household, by=cast.coordinator, reason="Gevraagd.")

    assert list(Document.objects.all()) == [kept]


def test_retention_removes_the_documents_of_a_household_whose_time_is_over(journey, frozen_today):
    ended_on = add_months(frozen_today, -30)
    expired = journey(
        Phase.CLOSED,
        matched_on=add_months(ended_on, -18),
        aftercare_started_on=add_months(ended_on, -6),
        ended_on=ended_on,
    )
    current = journey(Phase.ACTIVE)
    DocumentFactory(household=expired.household, content=pdf_bytes("Oud"))
    kept = DocumentFactory(household=current.household)

    call_command("retention", stdout=io.StringIO(), stderr=io.StringIO())

    assert list(Document.objects.all()) == [kept]
