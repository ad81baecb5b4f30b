"""`kansrijk remind`: one digest a day per person, with what is due for them and nothing more."""

import datetime as dt
import smtplib
from unittest import mock

import pytest
import time_machine
from django.core.management import CommandError
from django.utils import translation

from conftest import FROZEN_AT
from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.escalation.choices import SignalKind
from kansrijk.people.choices import Role
from kansrijk.reminders.models import ReminderDigest
from kansrijk.reminders.selectors import digest_for
from kansrijk.reminders.services import digest_send
from kansrijk.trajectories.choices import Phase
from tests.factories import (
    AssessmentFactory,
    ConsentFactory,
    ContactFactory,
    ProgrammeRoleFactory,
    SignalFactory,
    UserFactory,
    days_ago,
    months_ago,
)

pytestmark = pytest.mark.usefixtures("frozen_today")


def _to(mailoutbox, user) -> list:
    return [m for m in mailoutbox if m.to == [user.email]]


def _text(mailoutbox, user) -> str:
    (message,) = _to(mailoutbox, user)
    return message.body


@pytest.fixture
def quiet(journey):
    """An active household without contact for three weeks whose start assessment is done."""
    trajectory = journey(
        Phase.ACTIVE, matched_on=months_ago(2), household__display_name="Fam. Stil"
    )
    ContactFactory(trajectory=trajectory, on=days_ago(21), note="Zij huilde om de brief.")
    AssessmentFactory(trajectory=trajectory)
    return trajectory


def test_running_twice_the_same_day_sends_once_and_the_next_day_again(
    cast, quiet, remind, mailoutbox
):
    remind()
    remind()

    assert len(_to(mailoutbox, cast.buddy)) == 1
    assert ReminderDigest.objects.filter(user=cast.buddy).count() == 1
    with time_machine.travel(FROZEN_AT + dt.timedelta(days=1), tick=False):
        remind()
        remind()
    assert len(_to(mailoutbox, cast.buddy)) == 2
    assert list(
        ReminderDigest.objects.filter(user=cast.buddy).order_by("day").values_list("day", flat=True)
    ) == [FROZEN_AT.date(), FROZEN_AT.date() + dt.timedelta(days=1)]


def test_each_person_gets_one_digest_with_a_section_per_role(
    cast, journey, quiet, remind, mailoutbox
):
    ProgrammeRoleFactory(user=cast.coordinator, programme=cast.programme, role=Role.BUDDY)
    journey(
        Phase.ACTIVE,
        buddy=cast.coordinator,
        matched_on=months_ago(2),
        household__display_name="Fam. Eigen",
    )

    remind()

    text = _text(mailoutbox, cast.coordinator)
    assert "Your households" in text and "Kansrijk Oost" in text
    assert "Fam. Eigen" in text and "Fam. Stil" in text
    assert ReminderDigest.objects.filter(user=cast.coordinator).count() == 1


def test_the_buddy_hears_of_assessments_contact_the_end_of_the_year_and_waiting_signals(
    cast, journey, remind, mailoutbox
):
    ending = journey(
        Phase.ACTIVE,
        matched_on=months_ago(12) + dt.timedelta(days=10),
        household__display_name="Fam. Bijna",
    )
    AssessmentFactory(trajectory=ending, held_on=ending.matched_on)
    ContactFactory(trajectory=ending, on=days_ago(2))
    SignalFactory(
        trajectory=ending,
        raised_at=FROZEN_AT - dt.timedelta(days=3),
        description="De deurwaarder stond voor de deur.",
    )
    SignalFactory(trajectory=ending, raised_at=FROZEN_AT - dt.timedelta(hours=1))

    remind()

    text = _text(mailoutbox, cast.buddy)
    assert "Fam. Bijna: Halfway assessment overdue since" in text
    assert "End assessment due on 26 June 2025" in text
    assert "The active year ends on 26 June 2025" in text
    assert "Question waits for a response for 3 days" in text
    assert text.count("waits for a response") == 1  # the one of an hour ago does not wait long
    assert "No contact" not in text
    assert "deurwaarder" not in text
    assert f"https://kansrijk.example.nl/households/{ending.household.uuid}/" in text


def test_a_household_without_contact_for_fourteen_days_is_named(cast, quiet, remind, mailoutbox):
    remind()

    assert "Fam. Stil: No contact for 21 days, last on 26 May 2025" in _text(mailoutbox, cast.buddy)
    assert "huilde" not in _text(mailoutbox, cast.buddy)


def test_thirteen_days_without_contact_is_not_yet_due(cast, quiet, remind, mailoutbox):
    ContactFactory(trajectory=quiet, on=days_ago(13))

    remind()

    assert not _to(mailoutbox, cast.buddy)


def test_the_backup_hears_of_consented_households_only_and_of_assessments_with_that_consent(
    cast, journey, quiet, remind, mailoutbox
):
    basics_only = journey(
        Phase.ACTIVE,
        backup_consent=False,
        matched_on=months_ago(2),
        household__display_name="Fam. Basis",
        buddy=UserFactory(),
    )
    ConsentFactory(
        household=basics_only.household,
        recorded_by=cast.coordinator,
        starts_on=basics_only.referred_on,
        assessments=False,
    )
    hidden = journey(
        Phase.ACTIVE,
        backup_consent=False,
        matched_on=months_ago(2),
        household__display_name="Fam. Geheim",
        buddy=UserFactory(first_name="Wim"),
    )
    SignalFactory(
        trajectory=hidden,
        kind=SignalKind.URGENT,
        raised_at=FROZEN_AT - dt.timedelta(hours=5),
        description="Geweld thuis.",
    )

    remind()

    text = _text(mailoutbox, cast.backup)
    assert "Households you back up" in text
    assert "Fam. Stil: No contact for 21 days" in text
    assert "Fam. Basis: No contact logged since the start" in text
    assert "Fam. Basis: Start assessment" not in text  # no consent for the assessments
    assert "Fam. Geheim" not in text
    assert "Urgent safety concern waits for a response for 5 hours (from buddy Wim" in text
    assert "https://kansrijk.example.nl/backup/signals/" in text
    assert "Geweld" not in text


def test_the_coordinator_hears_of_the_programme_as_its_dashboard_says(
    cast, journey, quiet, remind, mailoutbox
):
    journey(
        Phase.ACTIVE,
        matched_on=months_ago(8),
        household__display_name="Fam. Laat",
        buddy=UserFactory(),
    )
    journey(
        Phase.ACTIVE,
        household__programme=cast.other_programme,
        household__display_name="Fam. West",
        buddy=UserFactory(),
    )

    remind()

    text = _text(mailoutbox, cast.coordinator)
    assert "Kansrijk Oost" in text
    assert "Fam. Laat: Start assessment overdue since" in text
    assert "Fam. Laat: Halfway assessment overdue since" in text
    assert "Fam. Stil: No contact for 21 days" in text
    assert "Halfway assessment due on" not in text  # the dashboard lists the overdue ones
    assert "Fam. West" not in text
    assert "https://kansrijk.example.nl/programmes/oost/" not in text  # nothing beyond the list


def test_nothing_due_means_no_e_mail(cast, journey, remind, mailoutbox):
    fine = journey(Phase.ACTIVE, matched_on=days_ago(10))
    ContactFactory(trajectory=fine, on=days_ago(1))
    AssessmentFactory(trajectory=fine)

    output = remind()

    assert mailoutbox == []
    assert not ReminderDigest.objects.exists()
    assert "0 sent" in output


def test_funders_strangers_and_people_without_an_address_get_nothing(
    cast, quiet, remind, mailoutbox
):
    cast.buddy.email = ""
    cast.buddy.save(update_fields=["email"])

    output = remind()

    recipients = {address for m in mailoutbox for address in m.to}
    assert recipients == {cast.coordinator.email, cast.backup.email}
    assert "1 without an e-mail address" in output


def test_the_e_mail_has_a_plain_and_an_html_part_in_dutch(
    settings, cast, quiet, remind, mailoutbox
):
    settings.LANGUAGE_CODE = "nl"

    remind()

    (message,) = _to(mailoutbox, cast.buddy)
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert '<html lang="nl">' in html
    assert f'href="https://kansrijk.example.nl/households/{quiet.household.uuid}/"' in html
    assert message.subject == "kansrijk: 1 ding om te doen"
    assert "Hallo Bas," in message.body
    assert "Fam. Stil: Al 21 dagen geen contact, laatst op 26 mei 2025" in message.body
    assert message.from_email == settings.DEFAULT_FROM_EMAIL


def test_a_dry_run_prints_the_e_mails_and_sends_and_records_nothing(
    cast, quiet, remind, mailoutbox
):
    output = remind("--dry-run")

    assert f"To: {cast.buddy.email}" in output
    assert "Fam. Stil" in output
    assert "Nothing was sent or recorded." in output
    assert mailoutbox == []
    assert not ReminderDigest.objects.exists()
    assert not AuditEntry.objects.filter(detail__startswith="reminder").exists()


def test_each_e_mail_sent_is_in_the_audit_log_without_names(cast, quiet, remind, mailoutbox):
    remind()

    entry = AuditEntry.objects.get(actor=cast.buddy, detail__startswith="reminder e-mail")
    assert entry.action == AuditAction.VIEW
    assert entry.household is None
    assert "Stil" not in entry.detail


def test_a_failed_send_is_tried_again_by_the_next_run(cast, quiet, remind, mailoutbox):
    down = smtplib.SMTPException("down")
    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=down),
        pytest.raises(CommandError, match="could not be sent"),
    ):
        remind()
    assert not ReminderDigest.objects.exists()

    remind()

    assert len(_to(mailoutbox, cast.buddy)) == 1


def test_without_a_site_address_it_refuses_to_start(settings, remind, db):
    # `db`: a job takes its lock first, on PostgreSQL in the database (core/jobs.py).
    settings.SITE_URL = ""

    with pytest.raises(CommandError, match="Set SITE_URL"):
        remind()


def test_the_items_are_worded_in_the_persons_language_whatever_is_active(cast, quiet):
    with (
        mock.patch("kansrijk.reminders.selectors.language_of", return_value="nl"),
        translation.override("en"),
    ):
        digest = digest_for(cast.buddy)

    assert digest.language == "nl"
    assert digest.sections[0].title == "Jouw huishoudens"
    assert digest.sections[0].items[0].text == "Al 21 dagen geen contact, laatst op 26 mei 2025"


def test_a_digest_claimed_by_another_run_is_not_sent_again(cast, quiet, mailoutbox):
    """The claim decides, not what the run read at its start: a run that has composed the
    digest meets the row another run wrote meanwhile, and sends nothing."""
    digest = digest_for(cast.buddy)
    ReminderDigest.objects.create(user=cast.buddy, day=FROZEN_AT.date(), items=1)

    sent = digest_send(digest=digest, day=FROZEN_AT.date(), site_url="https://kansrijk.example.nl")

    assert sent is False
    assert mailoutbox == []
