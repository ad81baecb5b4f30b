"""The download of all data: the JSON in the ZIP holds every part, the PDF prints it."""

import io
import json
import uuid
import zipfile
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import translation

from kansrijk.access.models import AuditAction, AuditEntry, ParticipantAccount
from kansrijk.core.errors import Refused
from kansrijk.core.pdf import render_pdf
from kansrijk.rights.export import household_export
from kansrijk.rights.pdf import Block, export_pdf
from kansrijk.rights.services import household_export_pdf, household_export_zip
from kansrijk.trajectories.choices import Phase
from tests.factories import UserFactory
from tests.pdfs import assert_tagged, read_pdf

from .conftest import PARTICIPANT

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_dejavu = pytest.mark.skipif(not DEJAVU.is_file(), reason=f"{DEJAVU} is not installed")


def _unzip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _keys(value) -> set[str]:
    """Every key anywhere in a JSON document."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _in_dutch(text) -> str:
    with translation.override("nl"):
        return str(text)


@pytest.fixture
def exported(full_household, cast) -> dict:
    content = household_export_zip(household=full_household.household, by=cast.coordinator)
    return json.loads(_unzip(content)["household.json"])


def test_the_zip_holds_the_data_a_readme_and_the_documents(full_household, cast):
    content = household_export_zip(household=full_household.household, by=cast.coordinator)

    files = _unzip(content)
    document = full_household.household.documents.get()
    assert set(files) == {"household.json", "README.txt", f"documents/{document.uuid}.pdf"}
    readme = files["README.txt"].decode()
    assert "household.json" in readme
    assert "audit_log" in readme


def test_the_json_holds_every_part_of_the_file(exported, full_household):
    assert list(exported) == [
        "format",
        "format_version",
        "exported_at",
        "labels_language",
        "household",
        "members",
        "trajectories",
        "consents",
        "documents",
        "portal_account",
        "audit_log",
    ]
    household = exported["household"]
    assert household["uuid"] == str(full_household.household.uuid)
    assert household["name"] == PARTICIPANT
    assert household["street_address"] == "Beijumerweg 12"
    assert household["email"] == "ayse@example.org"
    assert [(m["given_name"], m["birth_year"]) for m in exported["members"]] == [
        ("Ayşe", 1988),
        ("Deniz", 2016),
    ]
    (trajectory,) = exported["trajectories"]
    assert trajectory["uuid"] == str(full_household.uuid)
    assert trajectory["ended_on"] == full_household.ended_on.isoformat()
    assert trajectory["end_note"].startswith("Ayşe heeft werk gevonden")
    assert trajectory["buddy"] == "Bas Buddy"
    assert [c["to_phase"]["value"] for c in trajectory["phase_changes"]] == ["referred", "closed"]
    assert trajectory["referral"]["reason"] == "Schulden en een brief over huisuitzetting."
    assert trajectory["referral"]["referred_by"] == "WIJ Beijum"
    assert trajectory["intake"]["wishes"] == "Een baan als kok."
    start, end = trajectory["assessments"]
    assert start["note"] == "Veel zorgen over geld."
    assert [(s["domain"]["value"], s["level"]["value"]) for s in end["scores"]] == [
        ("finances", 3),
        ("work", 4),
    ]
    assert [(c["kind"]["value"], c["minutes"]) for c in trajectory["contacts"]] == [
        ("visit", 90),
        ("app", None),
    ]
    (outcome,) = trajectory["outcomes"]
    assert (outcome["outcome"]["value"], outcome["details"]) == ("paid_work", ["parttime"])
    assert outcome["evidence"] == "Ayşe kookt drie dagen per week in het buurthuis."
    (follow_up,) = trajectory["follow_ups"]
    assert follow_up["moment_in_months"] == 6 and follow_up["note"] == "Kookt nu vier dagen."
    assert follow_up["answers"] == [{"outcome": outcome["uuid"], "answer": "holds"}]
    assert {c["recipient"]["value"] for c in exported["consents"]} == {"backup", "organisation"}
    assert {c["organisation"] for c in exported["consents"]} - {None}  # she sees whom she named
    assert exported["portal_account"] is None


def test_her_own_evaluation_is_in_the_export(exported, full_household):
    evaluation = exported["trajectories"][0]["evaluation"]

    assert evaluation["mark"] == 9
    assert evaluation["what_helped_most"] == "Dat Bas naast me stond bij de Kredietbank."
    assert evaluation["contact_with_the_buddy"]["value"] == "very_good"
    assert evaluation["contact_with_the_buddy_in_words"] == "Hij luisterde echt."
    assert evaluation["what_should_be_better"] == "Sneller een buddy."
    assert evaluation["entered"]["value"] == "paper"
    assert evaluation["paper_form_dated"] == full_household.ended_on.isoformat()


def test_coded_values_carry_their_dutch_label(exported):
    (trajectory,) = exported["trajectories"]

    assert exported["labels_language"] == "nl"
    assert trajectory["phase"] == {"value": "closed", "label": _in_dutch(Phase.CLOSED.label)}
    assert _in_dutch(Phase.CLOSED.label) != "closed"  # it is really Dutch


def test_dates_are_iso_and_identifiers_are_uuids_never_database_ids(exported):
    keys = _keys(exported)

    assert not {key for key in keys if key in {"id", "pk"} or key.endswith(("_id", "_pk"))}
    for found in [exported["household"], *exported["trajectories"], *exported["consents"]]:
        uuid.UUID(found["uuid"])
    (trajectory,) = exported["trajectories"]
    assert trajectory["referred_on"].count("-") == 2
    assert "T" in trajectory["phase_changes"][0]["at"]


def test_the_audit_log_about_the_household_is_in_the_export(exported, cast):
    entries = exported["audit_log"]

    assert {"who": "Carla Coördinator", "detail": "household page"}.items() <= entries[0].items()
    assert entries[0]["action"]["value"] == AuditAction.VIEW
    assert entries[0]["role"]["value"] == "coordinator"
    assert "ip_address" not in entries[0]


def test_the_export_holds_nothing_of_another_household(full_household, journey, cast):
    other = journey(Phase.ACTIVE, household__display_name="Someone Else")

    data = household_export(full_household.household)

    assert "Someone Else" not in json.dumps(data)
    assert str(other.uuid) not in json.dumps(data)


@pytest.mark.parametrize("kind", ["zip", "pdf"])
def test_each_export_is_written_in_the_audit_log(full_household, cast, kind):
    export = {"zip": household_export_zip, "pdf": household_export_pdf}[kind]

    export(household=full_household.household, by=cast.coordinator)

    entry = AuditEntry.objects.filter(household=full_household.household).first()
    assert (entry.action, entry.detail, entry.actor) == (AuditAction.EXPORT, kind, cast.coordinator)
    assert entry.role == "coordinator"


def test_the_participant_may_export_their_own_file(full_household, cast):
    participant = UserFactory()
    ParticipantAccount.objects.create(
        user=participant, household=full_household.household, created_by=cast.coordinator
    )

    content = household_export_zip(household=full_household.household, by=participant)

    data = json.loads(_unzip(content)["household.json"])
    assert data["portal_account"]["login_name"] == participant.username
    entry = AuditEntry.objects.filter(household=full_household.household).first()
    assert (entry.action, entry.role) == (AuditAction.EXPORT, "participant")


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator", "stranger"])
def test_nobody_else_may_export_the_file(full_household, cast, who):
    with pytest.raises(Refused):
        household_export_pdf(household=full_household.household, by=getattr(cast, who))

    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def _pdf(full_household):
    return read_pdf(export_pdf(household_export(full_household.household)))


@needs_dejavu
@override_settings(RIGHTS_PDF_FONT=str(DEJAVU))
def test_the_pdf_is_tagged_in_the_labels_language_and_holds_the_file(full_household):
    pdf = _pdf(full_household)

    assert_tagged(pdf, lang="nl", title=f"Alle gegevens over {PARTICIPANT}")
    assert {"H1", "H2", "H3", "P", "Table", "TH", "TD"} <= set(pdf.tags)
    # Every letter as written: no Latin-1 stand-ins (Ayse Yilmaz).
    assert PARTICIPANT in pdf.text
    assert "Wie je dossier heeft bekeken of veranderd" in pdf.text
    # The file of RIGHTS_PDF_FONT, embedded as the body font (regular and bold).
    assert {font.split("+")[-1] for font in pdf.fonts} == {"kansrijk-body", "kansrijk-body-Bold"}


@override_settings(RIGHTS_PDF_FONT="")
def test_without_a_font_file_the_pdf_embeds_the_fonts_fontconfig_finds(full_household):
    pdf = _pdf(full_household)

    assert_tagged(pdf, lang="nl", title=f"Alle gegevens over {PARTICIPANT}")
    assert PARTICIPANT in pdf.text
    assert not any("kansrijk-body" in font for font in pdf.fonts)


@override_settings(RIGHTS_PDF_FONT="/nowhere/NoSuchFont.ttf")
def test_a_missing_font_file_falls_back_to_the_fonts_fontconfig_finds(full_household, cast):
    content = household_export_pdf(household=full_household.household, by=cast.coordinator)

    pdf = read_pdf(content)
    assert pdf.embedded
    assert PARTICIPANT in pdf.title
    assert PARTICIPANT in pdf.text


def test_the_pdf_has_a_page_per_part_at_least(full_household, cast):
    content = household_export_pdf(household=full_household.household, by=cast.coordinator)

    pdf = read_pdf(content)
    assert pdf.pages >= 2
    assert "Pagina 1 van" in pdf.text


@needs_dejavu
@override_settings(RIGHTS_PDF_FONT=str(DEJAVU))
def test_a_right_to_left_language_prints_right_to_left_with_its_own_letters():
    """The participant's languages come later; the engine already writes Arabic from right to
    left, tagged with its language."""
    with translation.override("ar"):
        content = render_pdf(
            "rights/pdf/export.html",
            {"blocks": [Block("title", "عائشة"), Block("text", "مرحبا")]},
            title="عائشة",
        )

    pdf = read_pdf(content)
    assert_tagged(pdf, lang="ar", title="عائشة")
    assert "عائشة" in pdf.text


def test_the_pdf_template_says_its_language_and_direction():
    with translation.override("ar"):
        html = _html()
    assert '<html lang="ar" dir="rtl">' in html
    with translation.override("nl"):
        assert '<html lang="nl" dir="ltr">' in _html()


def _html() -> str:
    from django.template.loader import render_to_string

    from kansrijk.core.pdf import document_context

    return render_to_string("rights/pdf/export.html", document_context("t"))


ARABIC_NAME, TIGRINYA_NAME = "عائشة الأمراني", "ለተብርሃን ሓጎስ"


@pytest.mark.parametrize("font_file", [str(DEJAVU), ""], ids=["dejavu", "no-body-font"])
@pytest.mark.parametrize(
    ("language", "name", "shipped"),
    [("ar", ARABIC_NAME, "kansrijk-Arabic"), ("ti", TIGRINYA_NAME, "kansrijk-Ethiopic")],
)
def test_arabic_and_geez_print_in_the_shipped_noto_fonts(language, name, shipped, font_file):
    """The letters come from the Noto subsets in the static files (the PDF names them after
    their @font-face family, which no font on the machine carries), so a machine without
    Arabic or Ethiopic fonts prints them too; the text can be copied out again."""
    with override_settings(RIGHTS_PDF_FONT=font_file), translation.override(language):
        content = render_pdf(
            "rights/pdf/export.html",
            {"blocks": [Block("title", name), Block("text", f"{name} 2026")]},
            title=name,
        )

    pdf = read_pdf(content)
    assert_tagged(pdf, lang=language, title=name)
    assert pdf.embedded
    assert any(font.endswith(f"+{shipped}") for font in pdf.fonts), pdf.fonts
    assert f"{name} 2026" in pdf.text


@needs_dejavu
@override_settings(RIGHTS_PDF_FONT=str(DEJAVU))
def test_a_dutch_pdf_loads_no_script_font_and_the_export_in_arabic_does(full_household):
    data = household_export(full_household.household)
    dutch = read_pdf(export_pdf(data))
    assert not any("kansrijk-Arabic" in f or "kansrijk-Ethiopic" in f for f in dutch.fonts)

    data["labels_language"] = "ar"
    data["household"]["name"] = ARABIC_NAME
    arabic = read_pdf(export_pdf(data))
    assert arabic.lang == "ar"
    assert any(font.endswith("+kansrijk-Arabic-Bold") for font in arabic.fonts), arabic.fonts
    assert ARABIC_NAME in arabic.title


def test_the_pdf_fonts_are_the_static_files_of_the_web_pages():
    from django.contrib.staticfiles import finders

    from kansrijk.core.pdf import script_font_faces

    faces = script_font_faces()
    assert {family for family, *_ in faces} == {"kansrijk Arabic", "kansrijk Ethiopic"}
    for _family, _weight, path, _letters in faces:
        assert path.stat().st_size < 60_000
        assert finders.find(f"kansrijk/fonts/{path.name}") == str(path)
    assert finders.find("kansrijk/fonts/OFL.txt")
