"""Consent to a named organisation: its people (active users whose organisation it is) see the
parts she allows while the consent is in force, and nobody else does because of it."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.urls import reverse

from kansrijk.access import policy
from kansrijk.access.choices import FilePart, Recipient
from kansrijk.access.models import BY_ORGANISATION, AuditEntry, Consent
from kansrijk.access.selectors import consented_households, households_consenting_to
from kansrijk.access.services import consent_withdraw
from kansrijk.core.errors import Refused
from kansrijk.people.choices import OrganisationKind, Role
from tests.factories import (
    ConsentFactory,
    OrganisationFactory,
    ProgrammeRoleFactory,
    UserFactory,
)

from .conftest import give_consent

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def wij(cast):
    return cast.organisation


@pytest.fixture
def person(wij):
    """Someone of WIJ Beijum, without any programme role."""
    return UserFactory(username="wij-person", first_name="Wim", organisation=wij)


def _consent(coached, wij, **kwargs):
    kwargs.setdefault("parts", {FilePart.BASIC, FilePart.PLAN})
    return give_consent(
        coached,
        kwargs.pop("by", None) or coached.buddy,
        **kwargs,
        recipient=Recipient.ORGANISATION,
        organisation=wij,
    )


def _sees(user, trajectory) -> frozenset:
    household = trajectory.household
    listed = policy.visible_households(user).filter(pk=household.pk).exists()
    parts = policy.visible_parts(user, household, trajectory)
    assert listed == bool(parts), "the list and the parts must agree"
    return parts


def test_a_person_of_the_named_organisation_sees_the_consented_parts(cast, coached, wij, person):
    assert _sees(person, coached) == frozenset()

    _consent(coached, wij)

    assert _sees(person, coached) == {FilePart.BASIC, FilePart.PLAN}
    assert policy.consented_as(person, coached.household, coached) == {Recipient.ORGANISATION}


def test_no_programme_role_is_needed_and_a_referrer_of_another_organisation_sees_nothing(
    cast, coached, wij, person
):
    elsewhere = UserFactory(organisation=OrganisationFactory(name="Leger des Heils"))
    ProgrammeRoleFactory(user=elsewhere, programme=cast.programme, role=Role.REFERRER)
    _consent(coached, wij)

    assert not policy.roles_of(person)
    assert _sees(person, coached)
    assert _sees(elsewhere, coached) == frozenset()
    for user in (cast.backup, cast.stranger, cast.funder):
        assert _sees(user, coached) == frozenset()


def test_part_by_part(cast, coached, wij, person):
    _consent(coached, wij, parts={FilePart.BASIC, FilePart.SENSITIVE})

    sight = policy.sight(person, coached.household, coached)
    assert sight.contact_note and sight.household
    assert not sight.plan and not sight.assessment_scores
    # what only the backup professional reads stays out, whatever the parts
    assert policy.document_parts(person, coached.household, coached) == frozenset()
    assert not policy.reads_signals_of(person, coached.household, [])
    assert not policy.reads_cases_of(person, coached.household)
    assert coached.household not in policy.outcome_households(person)


def test_a_consent_that_has_not_started_counts_for_nothing(
    cast, coached, wij, person, frozen_today
):
    ConsentFactory(
        household=coached.household,
        recipient=Recipient.ORGANISATION,
        organisation=wij,
        starts_on=frozen_today + dt.timedelta(days=1),
    )

    assert _sees(person, coached) == frozenset()


def test_a_consent_that_ended_counts_for_nothing(cast, coached, wij, person, frozen_today):
    ConsentFactory(
        household=coached.household,
        recipient=Recipient.ORGANISATION,
        organisation=wij,
        starts_on=frozen_today - dt.timedelta(days=30),
        ends_on=frozen_today - dt.timedelta(days=1),
    )

    assert _sees(person, coached) == frozenset()


def test_a_consent_counts_on_its_last_day(cast, coached, wij, person, frozen_today):
    ConsentFactory(
        household=coached.household,
        recipient=Recipient.ORGANISATION,
        organisation=wij,
        starts_on=frozen_today - dt.timedelta(days=30),
        ends_on=frozen_today,
    )

    assert FilePart.BASIC in _sees(person, coached)


def test_withdrawn_consent_counts_from_the_next_request(client, cast, coached, wij, person):
    consent = _consent(coached, wij)
    client.force_login(person)
    page = reverse("household", args=[coached.household.uuid])
    assert client.get(page).status_code == 200

    consent_withdraw(consent=consent, trajectory=coached, by=cast.coordinator)

    assert client.get(page).status_code == 404
    assert _sees(person, coached) == frozenset()


def test_an_inactive_person_sees_nothing(cast, coached, wij, person):
    _consent(coached, wij)
    person.is_active = False
    person.save()

    assert _sees(person, coached) == frozenset()
    assert list(households_consenting_to(person)) == []


def test_without_the_basic_details_nothing_is_seen(cast, coached, wij, person):
    ConsentFactory(
        household=coached.household,
        recipient=Recipient.ORGANISATION,
        organisation=wij,
        basic=False,
        plan=True,
    )

    assert _sees(person, coached) == frozenset()


def test_the_page_says_which_organisation_and_the_log_keeps_the_role(
    client, cast, coached, wij, person
):
    _consent(coached, wij)
    client.force_login(person)

    response = client.get(
        reverse("household", args=[coached.household.uuid]), HTTP_ACCEPT_LANGUAGE="en"
    )

    reason = policy.reason_to_see(person, coached.household, coached)
    assert reason.role == BY_ORGANISATION
    assert "for WIJ Beijum to see: basic details, wishes and plan" in reason.sentence
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(actor=person).latest("id")
    assert entry.role == BY_ORGANISATION
    assert entry.role_label and entry.purpose_label != BY_ORGANISATION


def test_the_home_list_names_the_households_with_parts_and_end(cast, coached, wij, person):
    _consent(coached, wij, ends_on=coached.referred_on + dt.timedelta(days=400))

    rows = consented_households(person, households_consenting_to(person))

    assert [row.household for row in rows] == [coached.household]
    assert rows[0].parts == (FilePart.BASIC, FilePart.PLAN)
    assert rows[0].until == coached.referred_on + dt.timedelta(days=400)
    assert not households_consenting_to(UserFactory(organisation=OrganisationFactory())).exists()


def test_an_organisation_is_needed_for_that_recipient_and_only_for_it(cast, coached, wij):
    with pytest.raises(Refused, match="Choose the organisation"):
        give_consent(coached, cast.coordinator, recipient=Recipient.ORGANISATION)
    with pytest.raises(Refused, match="Choose one of the organisations"):
        give_consent(coached, cast.coordinator, recipient=Recipient.BACKUP, organisation=wij)
    funder = OrganisationFactory(kind=OrganisationKind.FUNDER)
    with pytest.raises(Refused, match="Choose one of the organisations"):
        give_consent(
            coached, cast.coordinator, recipient=Recipient.ORGANISATION, organisation=funder
        )
    assert not Consent.objects.exists()


def test_the_database_refuses_a_consent_naming_an_organisation_for_another_recipient(coached, wij):
    with pytest.raises(IntegrityError):
        ConsentFactory(household=coached.household, recipient=Recipient.BACKUP, organisation=wij)


def test_the_municipality_cannot_be_named_so_its_coordinators_and_funders_read_nothing_by_it(
    cast, coached
):
    """Coordinators, Doorbraak professionals and funders work at the municipality: naming it
    would open the file to all of them, funders included, who never see a person."""
    municipality = OrganisationFactory(name="Gemeente", kind=OrganisationKind.MUNICIPALITY)
    other_coordinator = UserFactory(organisation=municipality)
    ProgrammeRoleFactory(
        user=other_coordinator, programme=cast.other_programme, role=Role.COORDINATOR
    )

    with pytest.raises(Refused):
        _consent(coached, municipality)
    # Not even a consent already stored (or an organisation whose kind changed later) counts.
    ConsentFactory(
        household=coached.household,
        recipient=Recipient.ORGANISATION,
        organisation=municipality,
        starts_on=dt.date(2025, 1, 1),
    )

    assert _sees(other_coordinator, coached) == frozenset()


def test_a_funder_reads_no_household_even_when_their_organisation_is_named(cast, coached, wij):
    funder = UserFactory(organisation=wij)
    ProgrammeRoleFactory(user=funder, programme=cast.programme, role=Role.FUNDER)
    _consent(coached, wij)

    assert _sees(funder, coached) == frozenset()
