"""Referrals not accepted keep who they were about only so long (`kansrijk retention`)."""

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from kansrijk.partners import services
from kansrijk.partners.choices import Decision
from kansrijk.partners.models import PartnerReferral
from tests.factories import PartnerReferralFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

PERSONAL = (
    "given_name",
    "family_name",
    "phone",
    "email",
    "street_address",
    "postcode",
    "languages",
    "reason",
    "stress_sources",
    "preferences",
    "decline_reason",
    "consent_recorded_by",
)


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("retention", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _sent(referrer, cast, **fields) -> PartnerReferral:
    return PartnerReferralFactory(
        area=cast.area,
        organisation=cast.organisation,
        referred_by=referrer,
        email="yasmin@example.org",
        street_address="Kastanjelaan 12",
        postcode="9736 AB",
        languages="Arabisch",
        stress_sources="De huur.",
        preferences="Een vrouw.",
        **fields,
    )


def _days_later(days: int):
    return time_machine.travel(timezone.now() + dt.timedelta(days=days), tick=False)


def _raw(referral: PartnerReferral, column: str):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM partners_partnerreferral WHERE id = %s", [referral.pk]
        )
        return cursor.fetchone()[0]


def _assert_blanked(referral: PartnerReferral) -> None:
    referral.refresh_from_db()
    assert referral.blanked_at is not None
    assert {name: getattr(referral, name) for name in PERSONAL} == dict.fromkeys(PERSONAL, "")
    # Still counted: who sent it, where to, when, and what was decided.
    assert referral.organisation_id and referral.area_id and referral.consent_on
    assert referral.status == Decision.DECLINED


def test_a_declined_referral_is_blanked_after_the_period_and_only_then(cast, referrer):
    referral = _sent(referrer, cast)
    services.partner_referral_decline(by=cast.coordinator, referral=referral, reason="Te oud.")

    with _days_later(89):
        assert "0 were blanked" in _run()
    referral.refresh_from_db()
    assert referral.blanked_at is None and referral.given_name == "Yasmin"
    assert _raw(referral, "reason") != ""  # its ciphertext

    with _days_later(91):
        assert "1 were blanked" in _run()
        _assert_blanked(referral)
        # The encrypted texts are gone in the table itself, not only in what Django reads.
        assert _raw(referral, "reason") == ""
        # Idempotent: a second run picks it no more, and changes nothing.
        blanked_at = referral.blanked_at
        assert "0 were blanked" in _run()
        referral.refresh_from_db()
        assert referral.blanked_at == blanked_at


@override_settings(RETENTION_DECLINED_REFERRAL_DAYS=10)
def test_the_period_is_a_setting(cast, referrer):
    referral = _sent(referrer, cast)
    services.partner_referral_decline(by=cast.coordinator, referral=referral, reason="Nee.")
    with _days_later(11):
        _run()
    _assert_blanked(referral)


def test_an_undecided_referral_is_declined_with_a_reason_then_blanked_later(
    cast, referrer, settings, django_capture_on_commit_callbacks
):
    settings.LANGUAGE_CODE = "en"
    referral = _sent(referrer, cast)

    with _days_later(179):
        assert "0 were declined" in _run()
    referral.refresh_from_db()
    assert referral.status == Decision.RECEIVED

    with _days_later(181), django_capture_on_commit_callbacks(execute=True):
        out = _run()
        assert "1 were declined" in out and "0 were blanked" in out
        referral.refresh_from_db()
        assert referral.status == Decision.DECLINED
        assert referral.decided_by is None
        assert "within 180 days" in referral.decline_reason
        assert referral.given_name == "Yasmin"  # the referrer can still tell which one
    assert [m.to for m in mail.outbox] == [[referrer.email]]
    assert "not accepted" in mail.outbox[0].body
    with _days_later(182), django_capture_on_commit_callbacks(execute=True):
        assert "0 were declined" in _run()
    assert len(mail.outbox) == 1

    with _days_later(181 + 91):
        assert "1 were blanked" in _run()
    _assert_blanked(referral)


def test_accepted_and_waiting_referrals_are_left_alone(cast, referrer):
    accepted = _sent(referrer, cast)
    services.partner_referral_accept(by=cast.coordinator, referral=accepted)
    waiting = _sent(referrer, cast)
    with _days_later(100):
        _run()
    for referral in (accepted, waiting):
        referral.refresh_from_db()
        assert referral.blanked_at is None and referral.given_name == "Yasmin"


def test_a_dry_run_counts_and_changes_nothing(cast, referrer):
    declined = _sent(referrer, cast)
    services.partner_referral_decline(by=cast.coordinator, referral=declined, reason="Nee.")
    _sent(referrer, cast)
    with _days_later(200):
        out = _run("--dry-run")
    assert "1 would be declined" in out and "1 would be blanked" in out
    assert not PartnerReferral.objects.filter(blanked_at__isnull=False).exists()
    assert PartnerReferral.objects.filter(status=Decision.RECEIVED).count() == 1


def test_the_referrer_sees_that_the_details_were_removed(client, cast, referrer):
    referral = _sent(referrer, cast)
    services.partner_referral_decline(by=cast.coordinator, referral=referral, reason="Te oud.")
    with _days_later(91):
        _run()
    client.force_login(referrer)
    page = client.get(f"/referrals/{referral.uuid}/").content.decode()
    assert "were removed" in page and "Te oud." not in page and "Yasmin" not in page
