"""A contact's short note is stored encrypted; the form still keeps it short."""

from kansrijk.contacts.forms import ContactForm
from kansrijk.contacts.models import ContactKind
from kansrijk.contacts.services import contact_log
from kansrijk.trajectories.choices import Phase
from tests.encryption import assert_encrypted_at_rest


def test_the_note_of_a_contact_is_encrypted_at_rest(cast, journey, frozen_today):
    trajectory = journey(Phase.ACTIVE)

    contact = contact_log(
        trajectory=trajectory,
        by=cast.buddy,
        on=frozen_today,
        kind=ContactKind.VISIT,
        minutes=45,
        note="Opened the letters from the bailiff together.",
    )

    assert_encrypted_at_rest(contact, "note", "Opened the letters from the bailiff together.")


def test_the_contact_form_still_refuses_a_note_of_more_than_500_characters():
    form = ContactForm(data={"on": "2025-06-16", "kind": ContactKind.VISIT, "note": "x" * 501})

    assert "note" in form.errors
