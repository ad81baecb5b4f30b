"""Crisis guidance: with an urgent safety signal the buddy and the backup read what to do, in the
programme's own words under the national numbers; the coordinator keeps those words."""

import pytest
from django.urls import reverse

from kansrijk.core.errors import Refused
from kansrijk.escalation import services
from kansrijk.escalation.crisis import DEFAULT_TEXT, crisis_guidance_for
from kansrijk.escalation.models import CrisisGuidance

VEILIG_THUIS = 'href="tel:08002000"'


def _save(cast, by=None, text="Bel eerst Anouk.", crisis_line="050 123 45 67", version=1):
    return services.crisis_guidance_save(
        programme=cast.programme,
        by=by or cast.coordinator,
        text=text,
        crisis_line=crisis_line,
        version=version,
    )


def test_a_programme_without_its_own_words_gets_the_shipped_text_and_nothing_is_saved(cast):
    guidance = crisis_guidance_for(cast.programme)

    assert (guidance.text, guidance.crisis_line) == (str(DEFAULT_TEXT), "")
    assert not CrisisGuidance.objects.exists()


def test_the_coordinator_sets_the_programmes_words_and_crisis_line(cast):
    _save(cast)

    guidance = crisis_guidance_for(cast.programme)
    assert (guidance.text, guidance.crisis_line) == ("Bel eerst Anouk.", "050 123 45 67")
    assert guidance.row.updated_by == cast.coordinator


def test_an_empty_text_brings_the_shipped_text_back(cast):
    _save(cast)
    _save(cast, text="  ", version=2)

    assert crisis_guidance_for(cast.programme).text == str(DEFAULT_TEXT)


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator"])
def test_only_the_programmes_coordinator_sets_the_guidance(cast, who):
    with pytest.raises(Refused, match="Only a coordinator"):
        _save(cast, by=getattr(cast, who))

    assert not CrisisGuidance.objects.exists()


def test_a_colleagues_change_is_never_overwritten(cast):
    _save(cast)

    with pytest.raises(Refused, match="Someone else changed the crisis guidance"):
        _save(cast, text="Iets anders.", version=1)

    assert crisis_guidance_for(cast.programme).text == "Bel eerst Anouk."


def test_a_text_that_is_too_long_is_refused(cast):
    with pytest.raises(Refused, match="at most 1000 characters"):
        _save(cast, text="x" * 1001)


# ---- the pages ----


def test_the_signal_form_shows_112_veilig_thuis_and_the_programmes_own_words(client, cast, coached):
    _save(cast)
    client.force_login(cast.buddy)

    page = client.get(reverse("signal_raise", args=[coached.household.uuid])).content.decode()

    assert 'href="tel:112"' in page
    assert VEILIG_THUIS in page
    assert "Bel eerst Anouk." in page
    assert 'href="tel:0501234567"' in page


def test_after_an_urgent_signal_the_buddy_and_the_backup_see_the_guidance(client, cast, coached):
    client.force_login(cast.buddy)
    response = client.post(
        reverse("signal_raise", args=[coached.household.uuid]),
        {"kind": "urgent", "description": "Er wordt geslagen in huis."},
        follow=True,
    )
    assert VEILIG_THUIS in response.content.decode()
    assert "Call the backup professional straight away" in response.content.decode()

    client.force_login(cast.backup)
    signal_url = response.redirect_chain[-1][0]
    assert VEILIG_THUIS in client.get(signal_url).content.decode()


def test_a_question_shows_no_crisis_guidance_on_its_signal(client, cast, raised):
    signal = raised(kind="question")
    client.force_login(cast.backup)

    page = client.get(reverse("signal", args=[signal.uuid])).content.decode()

    assert VEILIG_THUIS not in page


def test_the_coordinator_saves_the_guidance_on_its_page(client, cast):
    client.force_login(cast.coordinator)
    url = reverse("crisis_guidance", args=[cast.programme.slug])
    form = client.get(url).context["form"]
    assert form["text"].value() == str(DEFAULT_TEXT)

    response = client.post(
        url, {"text": "Bel de WIJ-crisisdienst.", "crisis_line": "", "version": 1}
    )

    assert response.status_code == 302
    assert crisis_guidance_for(cast.programme).text == "Bel de WIJ-crisisdienst."


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator", "stranger"])
def test_the_guidance_page_is_not_found_for_anyone_else(client, cast, who):
    client.force_login(getattr(cast, who))

    response = client.get(reverse("crisis_guidance", args=[cast.programme.slug]))

    assert response.status_code == 404
