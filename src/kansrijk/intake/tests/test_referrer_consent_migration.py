"""Upgrading a database with consents "for the referring organisation": each becomes a consent
naming the organisation of the household's latest referral, so the same people keep seeing the
same parts; one whose household has no referral named nobody and stays as it was."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kansrijk.access.choices import FilePart, Recipient
from kansrijk.access.models import Consent
from kansrijk.trajectories.choices import Phase
from tests.factories import HouseholdFactory, OrganisationFactory, ReferralFactory

BEFORE = [("access", "0006_drop_consent_by_recipient")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_a_referrers_consent_names_the_referring_organisation(cast, journey):
    referred = journey(Phase.ACTIVE, backup_consent=False)
    library = OrganisationFactory(name="De Oude Bieb", slug="de-oude-bieb")
    ReferralFactory(trajectory=referred, organisation=library)
    unreferred = HouseholdFactory(programme=cast.programme)
    try:
        old = _migrate(BEFORE)
        OldConsent = old.get_model("access", "Consent")
        for household_id in (referred.household_id, unreferred.pk):
            OldConsent.objects.create(
                household_id=household_id,
                recipient="referrer",
                basic=True,
                plan=True,
                starts_on=referred.referred_on,
                method="paper",
                recorded_by_id=cast.coordinator.pk,
            )

        _migrate(_latest())

        named = Consent.objects.get(household=referred.household)
        assert (named.recipient, named.organisation) == (Recipient.ORGANISATION, library)
        assert named.parts == (FilePart.BASIC, FilePart.PLAN)
        assert named.starts_on == referred.referred_on
        left = Consent.objects.get(household=unreferred)
        assert (left.recipient, left.organisation) == ("referrer", None)
    finally:
        _migrate(_latest())
