"""A consent's dates must be ones a participant can really have given: no year 1, no year 9999."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.models import AuditEntry, Consent
from kansrijk.core.dates import add_months
from kansrijk.core.errors import Refused

from .conftest import give_consent

pytestmark = pytest.mark.usefixtures("frozen_today")

# The window every typed date must fall in on the frozen day (16 June 2025): ten years around it.
WINDOW = "Choose a date between 1 January 2015 and 31 December 2035."


def _assert_nothing_recorded(household) -> None:
    assert not Consent.objects.exists()
    assert not AuditEntry.objects.filter(household=household, purpose="consent").exists()


def test_consent_given_in_the_year_one_is_refused(cast, coached):
    with pytest.raises(Refused, match="a month before the referral"):
        give_consent(coached, cast.coordinator, starts_on=dt.date(1, 1, 1))

    _assert_nothing_recorded(coached.household)


def test_consent_cannot_start_more_than_a_month_before_the_referral(cast, coached):
    a_month_before = add_months(coached.referred_on, -1)

    with pytest.raises(Refused, match="a month before the referral"):
        give_consent(coached, cast.coordinator, starts_on=a_month_before - dt.timedelta(days=1))

    assert (
        give_consent(coached, cast.coordinator, starts_on=a_month_before).starts_on
        == a_month_before
    )


def test_consent_until_the_year_9999_is_refused(cast, coached):
    with pytest.raises(Refused, match="at most three years"):
        give_consent(coached, cast.coordinator, ends_on=dt.date(9999, 12, 31))

    _assert_nothing_recorded(coached.household)


def test_consent_runs_at_most_three_years_from_its_start(cast, coached):
    last = add_months(coached.referred_on, 36)

    with pytest.raises(Refused, match="at most three years"):
        give_consent(coached, cast.coordinator, ends_on=last + dt.timedelta(days=1))

    assert give_consent(coached, cast.coordinator, ends_on=last).ends_on == last


def test_a_consent_that_is_already_over_is_refused(cast, coached, frozen_today):
    with pytest.raises(Refused, match="already be over"):
        give_consent(coached, cast.coordinator, ends_on=frozen_today - dt.timedelta(days=1))

    _assert_nothing_recorded(coached.household)


def test_a_consent_for_today_only_is_recorded(cast, coached, frozen_today):
    # One meeting, one day: the participant lets Doorbraak join today's case conference.
    consent = give_consent(
        coached,
        cast.coordinator,
        recipient=Recipient.DOORBRAAK,
        starts_on=frozen_today,
        ends_on=frozen_today,
    )

    assert (consent.starts_on, consent.ends_on) == (frozen_today, frozen_today)


def _post(client, cast, trajectory, **dates):
    client.force_login(cast.coordinator)
    data = {
        "recipient": Recipient.BACKUP,
        "parts": [FilePart.BASIC],
        "starts_on": trajectory.referred_on.isoformat(),
        "method": ConsentMethod.PAPER,
        **dates,
    }
    return client.post(reverse("consents", args=[trajectory.household.uuid]), data)


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        ({"starts_on": "0001-01-01"}, WINDOW),
        ({"ends_on": "9999-12-31"}, WINDOW),
        ({"ends_on": "2030-01-01"}, "A consent runs at most three years"),
        ({"starts_on": "2025-01-01"}, "a month before the referral"),
    ],
)
def test_the_consent_page_refuses_implausible_dates_with_a_message_and_saves_nothing(
    client, cast, coached, dates, message
):
    response = _post(client, cast, coached, **dates)

    assert response.status_code == 422
    assert message in response.content.decode()
    _assert_nothing_recorded(coached.household)
