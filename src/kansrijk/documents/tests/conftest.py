"""Fixtures for the documents' tests: a coached household and a letter in each part."""

import pytest

from kansrijk.access.choices import FilePart
from kansrijk.trajectories.choices import Phase
from tests.factories import DocumentFactory
from tests.files import pdf_bytes


@pytest.fixture
def coached(journey):
    """An active household of the cast's buddy; its backup professional sees the basic details
    and the assessments (the cast's usual consent), not the plan or the sensitive notes."""
    return journey(Phase.ACTIVE)


@pytest.fixture
def letters(coached, cast):
    """One document in each part of the file, named after its part."""
    return {
        part: DocumentFactory(
            household=coached.household,
            part=part,
            name=f"brief-{part.value}.pdf",
            content=pdf_bytes(f"Brief {part.value}"),
            uploaded_by=cast.buddy,
        )
        for part in FilePart
    }
