"""Consent to a named organisation on the pages: the coordinator records one, the participant
gives, stops and undoes one herself, and a person of the organisation finds the household."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access import policy, services
from kansrijk.access.choices import FilePart, Recipient
from kansrijk.access.models import Consent
from kansrijk.access.selectors import consents_in_force, seen_token
from kansrijk.core.dates import today
from kansrijk.core.phases import Phase
from kansrijk.overview.views import HOUSEHOLDS_PER_PAGE
from kansrijk.people.choices import OrganisationKind
from tests.factories import ConsentFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def coached(journey):
    return journey(Phase.ACTIVE, backup_consent=False)


@pytest.fixture
def participant(cast, coached):
    return services.participant_account_create(
        household=coached.household, trajectory=coached, by=cast.coordinator, email="p@example.org"
    )


@pytest.fixture
def wij(cast):
    UserFactory(first_name="Wendy", last_name="de Wit", organisation=cast.organisation)
    UserFactory(
        first_name="Oud", last_name="Collega", organisation=cast.organisation, is_active=False
    )
    return cast.organisation


def _record(client, cast, coached, **data):
    client.force_login(cast.coordinator)
    form = {
        "recipient": Recipient.ORGANISATION,
        "parts": [FilePart.BASIC, FilePart.PLAN],
        "starts_on": coached.referred_on.isoformat(),
        "ends_on": "",
        "method": "paper",
        "submission_key": "k1",
        **data,
    }
    return client.post(
        reverse("consents", args=[coached.household.uuid]), form, HTTP_ACCEPT_LANGUAGE="en"
    )


def test_the_coordinator_records_a_consent_naming_an_organisation(client, cast, coached, wij):
    response = _record(client, cast, coached, organisation=wij.slug)

    assert response.status_code == 302
    consent = Consent.objects.get()
    assert (consent.recipient, consent.organisation) == (Recipient.ORGANISATION, wij)
    assert consent.parts == (FilePart.BASIC, FilePart.PLAN)
    page = client.get(reverse("consents", args=[coached.household.uuid]))
    assert "WIJ Beijum" in page.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose the organisation that may see it."),
        ({"organisation": "no-such-thing"}, "Select a valid choice"),
        ({"recipient": Recipient.BACKUP, "organisation": "wij-beijum"}, "only named for"),
    ],
)
def test_without_a_good_organisation_nothing_is_saved(client, cast, coached, wij, data, message):
    response = _record(client, cast, coached, **data)

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Consent.objects.exists()


def test_a_funder_cannot_be_named(client, cast, coached):
    funder = OrganisationFactory(kind=OrganisationKind.FUNDER, slug="npg")

    response = _record(client, cast, coached, organisation=funder.slug)

    assert response.status_code == 422
    assert not Consent.objects.exists()


def _tap(client, view, part, organisation, seen=""):
    return client.post(
        reverse(view),
        {
            "recipient": Recipient.ORGANISATION,
            "organisation": organisation.slug,
            "part": part,
            "seen": seen,
            "submission_key": f"{view}-{part}",
        },
    )


def test_she_reads_who_works_there_before_she_allows_anything(client, participant, wij):
    client.force_login(participant)

    response = client.get(reverse("my_consent_organisation"), {"organisation": wij.slug})

    text = response.content.decode()
    assert response.status_code == 200
    assert "Wendy de Wit" in text
    assert "Oud Collega" not in text  # no longer there
    assert not Consent.objects.exists()


def test_an_unknown_organisation_sends_her_back_to_choose(client, participant):
    client.force_login(participant)

    response = client.get(reverse("my_consent_organisation"), {"organisation": "nope"})

    assert response.status_code == 302 and response.url == reverse("my_consents")


def test_she_gives_stops_and_undoes_a_named_organisation_part_by_part(
    client, coached, participant, wij
):
    household = coached.household
    client.force_login(participant)
    person = UserFactory(organisation=wij)

    given = _tap(client, "my_consent_give", FilePart.PLAN, wij)

    assert given.status_code == 302 and "organisation=wij-beijum" in given.url
    consent = consents_in_force(household).get()
    assert (consent.organisation, consent.parts) == (wij, (FilePart.BASIC, FilePart.PLAN))
    done = client.get(given.url)
    assert "WIJ Beijum" in done.content.decode()
    assert household in policy.visible_households(person)

    seen = seen_token([consent])
    stop = _tap(client, "my_consent_stop", FilePart.BASIC, wij, seen)
    assert stop.status_code == 200  # first: what stopping changes
    stopped = client.post(
        reverse("my_consent_stop"),
        {
            "recipient": Recipient.ORGANISATION,
            "organisation": wij.slug,
            "part": FilePart.BASIC,
            "seen": seen,
            "confirm": "yes",
        },
    )
    assert stopped.status_code == 302
    assert not consents_in_force(household).exists()

    assert household not in policy.visible_households(person)
    page = client.get(stopped.url)
    assert f'name="ended" value="{consent.uuid}"' in page.content.decode()
    undone = client.post(
        reverse("my_consent_undo"),
        {
            "recipient": Recipient.ORGANISATION,
            "organisation": wij.slug,
            "given": "",
            "ended": str(consent.uuid),
        },
    )
    assert undone.status_code == 302
    assert consents_in_force(household).get().organisation == wij


def test_a_person_of_the_organisation_finds_the_household_on_their_home(client, cast, coached, wij):
    services.consent_record(
        household=coached.household,
        trajectory=coached,
        by=cast.coordinator,
        recipient=Recipient.ORGANISATION,
        organisation=wij,
        parts={FilePart.BASIC, FilePart.PLAN},
        starts_on=coached.referred_on,
        ends_on=None,
        method="paper",
    )
    person = UserFactory(organisation=wij)
    other = UserFactory(organisation=OrganisationFactory())
    client.force_login(person)

    assert client.get(reverse("home")).url == reverse("organisation_home")
    text = client.get(reverse("organisation_home")).content.decode()
    assert coached.household.display_name in text
    client.force_login(other)
    text = client.get(reverse("organisation_home")).content.decode()
    assert coached.household.display_name not in text
    assert client.get(reverse("household", args=[coached.household.uuid])).status_code == 404


def test_coordinators_see_the_organisations_and_their_people_others_get_404(
    client, cast, wij, django_assert_max_num_queries
):
    OrganisationFactory(name="Leger des Heils", kind=OrganisationKind.CHARITY)
    OrganisationFactory(name="Nationaal Programma Groningen", kind=OrganisationKind.FUNDER)
    client.force_login(cast.coordinator)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("organisations"))

    text = response.content.decode()
    assert "WIJ Beijum" in text and "Wendy de Wit" in text and "Leger des Heils" in text
    assert "Oud Collega" not in text and "Nationaal Programma Groningen" not in text
    for user in (cast.buddy, cast.backup, cast.funder, UserFactory(organisation=wij)):
        client.force_login(user)
        assert client.get(reverse("organisations")).status_code == 404


def test_the_organisation_home_costs_the_same_however_many_households(client, cast, journey, wij):
    """The list is a page of households; only the page's consents are read and grouped."""

    def add(count: int) -> None:
        for _ in range(count):
            household = journey(Phase.ACTIVE, backup_consent=False).household
            for plan in (False, True):  # two consents of one household make one row
                ConsentFactory(
                    household=household,
                    recipient=Recipient.ORGANISATION,
                    organisation=wij,
                    plan=plan,
                    starts_on=today(),
                )

    def queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("organisation_home"), HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        return len(captured), response.content.decode()

    client.force_login(UserFactory(organisation=wij))
    add(2)
    small, text = queries()
    assert text.count("You may see") == 2
    add(30)  # more than a page
    large, text = queries()
    assert text.count("You may see") == HOUSEHOLDS_PER_PAGE
    assert large == small
