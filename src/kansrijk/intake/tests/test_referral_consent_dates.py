"""The consent recorded with a referral is given on a real day: not in the year 1."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.access.choices import ConsentMethod
from kansrijk.core.errors import Refused
from kansrijk.intake.models import Referral
from kansrijk.intake.services import NewMember, referral_register
from kansrijk.people.choices import MemberRelation
from kansrijk.people.models import Household

pytestmark = pytest.mark.usefixtures("frozen_today")

WINDOW = "Choose a date between 1 January 2015 and 31 December 2035."


def test_the_referral_form_refuses_consent_given_in_the_year_one_and_creates_nothing(client, cast):
    client.force_login(cast.coordinator)
    data = {
        "area": str(cast.area.pk),
        "organisation": str(cast.organisation.pk),
        "given_name": "Yasmin",
        "family_name": "El Amrani",
        "reason": "Debts and stress about the rent.",
        "consent_given": "on",
        "consent_on": "0001-01-01",
        "consent_method": "paper",
        "children-TOTAL_FORMS": "0",
        "children-INITIAL_FORMS": "0",
    }

    response = client.post(reverse("refer", args=[cast.programme.slug]), data)

    assert response.status_code == 422
    assert WINDOW in response.content.decode()
    assert not Household.objects.exists()
    assert not Referral.objects.exists()


def test_the_referral_service_refuses_consent_given_in_the_year_one(cast):
    with pytest.raises(Refused, match="Choose a date between"):
        referral_register(
            by=cast.coordinator,
            area=cast.area,
            organisation=cast.organisation,
            participant=NewMember(MemberRelation.PARTICIPANT, "Yasmin", "El Amrani"),
            others=[],
            contact={},
            reason="Debts.",
            stress_sources="",
            preferences="",
            consent_on=dt.date(1, 1, 1),
            consent_method=ConsentMethod.PAPER,
        )

    assert not Household.objects.exists()
