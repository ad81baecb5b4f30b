"""The download of her data speaks her language: its labels, its README and its PDF."""

import io
import zipfile

import pytest
from django.utils import translation

from kansrijk.rights.export import household_export
from kansrijk.rights.services import household_export_zip
from kansrijk.trajectories.choices import Phase

pytestmark = pytest.mark.usefixtures("frozen_today")


def _dutch(text: str) -> str:
    with translation.override("nl"):
        return translation.pgettext("participant", text)


@pytest.fixture
def coached(journey):
    trajectory = journey(Phase.ACTIVE)
    trajectory.household.language = "nl"
    trajectory.household.save(update_fields=["language"])
    return trajectory


def test_the_readme_explains_the_download_in_her_language(cast, coached):
    content = household_export_zip(household=coached.household, by=cast.coordinator)

    readme = zipfile.ZipFile(io.BytesIO(content)).read("README.txt").decode()
    assert readme.startswith(_dutch("All data about your household in kansrijk"))
    assert "household.json" in readme and "audit_log" in readme


def test_the_labels_are_in_her_language_whoever_downloads(coached):
    with translation.override("en"):  # the coordinator's page is English
        data = household_export(coached.household)

    assert data["labels_language"] == "nl"
    assert data["household"]["language"] == "nl"


def test_arabic_labels_for_an_arabic_speaker(coached):
    coached.household.language = "ar"

    assert household_export(coached.household)["labels_language"] == "ar"
