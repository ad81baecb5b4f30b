"""A household is registered once: the referral form first shows households that may be it."""

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.core.errors import Refused
from kansrijk.intake import services
from kansrijk.intake.models import ConsentMethod, Referral
from kansrijk.intake.selectors import possible_duplicates
from kansrijk.people.models import Household
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import AreaFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def coordinator_client(client, cast):
    client.force_login(cast.coordinator)
    return client


def _known(journey, phase=Phase.REFERRED, **household):
    """A household the programme already knows, by default Éva de Vries without phone."""
    household = {"display_name": "Éva de Vries", "phone": "", **household}
    return journey(phase, **{f"household__{key}": value for key, value in household.items()})


def _search(cast, user=None, **fields):
    query = {"given_name": "Anna", "family_name": "Jansen", **fields}
    return possible_duplicates(user=user or cast.coordinator, programme=cast.programme, **query)


def _referral(cast, **changes) -> dict[str, str]:
    data = {
        "area": str(cast.area.pk),
        "organisation": str(cast.organisation.pk),
        "given_name": "Eva",
        "family_name": "de Vries",
        "phone": "",
        "reason": "Debts and stress about the rent.",
        "consent_given": "on",
        "consent_on": "2025-06-12",
        "consent_method": "paper",
        "children-TOTAL_FORMS": "3",
        "children-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def _refer(client, cast, **changes):
    return client.post(reverse("refer", args=[cast.programme.slug]), _referral(cast, **changes))


def test_the_same_name_with_other_accents_case_and_spaces_is_found(cast, journey):
    known = _known(journey)

    found = _search(cast, given_name="  EVA ", family_name="de  vries")

    assert found == [known]


def test_the_same_phone_number_written_another_way_is_found(cast, journey):
    known = _known(journey, phone="06-1122 3344")

    assert _search(cast, phone="+31 6 11223344") == [known]


def test_the_same_postcode_and_house_number_is_found(cast, journey):
    known = _known(journey, postcode="9736 AB", street_address="Beijumerweg 12a")

    assert _search(cast, postcode="9736AB", street_address="beijumerweg 12 A") == [known]


def test_a_different_household_is_not_flagged(cast, journey):
    _known(journey, phone="06 11223344", postcode="9736 AB", street_address="Beijumerweg 12")

    found = _search(cast, phone="06 99887766", postcode="9736 AB", street_address="Beijumerweg 14")

    assert found == []


def test_households_of_another_programme_are_never_candidates(cast, journey):
    elsewhere = AreaFactory(programme=cast.other_programme)
    _known(journey, programme=cast.other_programme, area=elsewhere, phone="06 11223344")

    found = _search(cast, given_name="Eva", family_name="de Vries", phone="0611223344")

    assert found == []


def test_a_referral_that_may_be_known_creates_nothing_and_shows_the_candidates(
    coordinator_client, cast, journey
):
    known = _known(journey)

    response = _refer(coordinator_client, cast)

    assert response.status_code == 422
    assert response.context["duplicates"] == [known]
    assert (Household.objects.count(), Trajectory.objects.count()) == (1, 1)
    page = response.content.decode()
    assert "This household may already be known" in page
    assert reverse("household", args=[known.household.uuid]) in page
    # The journey is still open: the page says so and offers no way to add to it.
    assert "has not ended yet" in page
    assert 'name="same_household"' not in page


def test_the_solid_action_on_a_likely_duplicate_opens_the_known_household(
    coordinator_client, cast, journey
):
    known = _known(journey)

    page = _refer(coordinator_client, cast).content.decode()

    primary = page.index('class="button button--primary"')
    assert page[primary:].startswith(
        f'class="button button--primary" href="{reverse("household", args=[known.household.uuid])}"'
    )
    # Registering anyway stays possible, as a quieter choice that must be made on purpose.
    anyway = page.index('name="confirm" value="different"')
    assert 'class="button button--quiet"' in page[anyway - 80 : anyway]
    notice = page[page.index('id="duplicates"') : page.index("</section>")]
    assert notice.count("button--primary") == 1


def test_a_confirmed_different_household_is_registered(coordinator_client, cast, journey):
    _known(journey)

    response = _refer(coordinator_client, cast, confirm="different")

    assert response.status_code == 302
    assert Household.objects.filter(display_name="Eva de Vries").count() == 1
    assert Household.objects.count() == 2


def test_the_same_household_whose_journey_ended_gets_a_new_journey(
    coordinator_client, cast, journey, frozen_today
):
    known = _known(journey, Phase.CLOSED)

    first = _refer(coordinator_client, cast)
    assert 'name="same_household"' in first.content.decode()
    response = _refer(coordinator_client, cast, same_household=str(known.household.uuid))

    assert response.status_code == 302
    assert Household.objects.count() == 1
    new = Trajectory.objects.exclude(pk=known.pk).get()
    assert (new.household, new.phase, new.referred_on) == (
        known.household,
        Phase.REFERRED,
        frozen_today,
    )
    assert Referral.objects.get(trajectory=new).organisation == cast.organisation
    assert AuditEntry.objects.filter(
        household=known.household, action=AuditAction.CREATE, detail="re-referral"
    ).exists()


def test_the_same_household_with_an_open_journey_is_refused(coordinator_client, cast, journey):
    known = _known(journey, Phase.INTAKE)

    response = _refer(coordinator_client, cast, same_household=str(known.household.uuid))

    assert response.status_code == 422
    assert "has not ended yet" in response.content.decode()
    assert Trajectory.objects.count() == 1


def test_a_household_of_another_programme_cannot_be_named_as_the_same(client, cast, journey):
    known = _known(journey, Phase.CLOSED)
    client.force_login(cast.other_coordinator)

    response = client.post(
        reverse("refer", args=[cast.other_programme.slug]),
        _referral(cast, area="", same_household=str(known.household.uuid)),
    )

    assert response.status_code == 422  # the area of programme A is not theirs to choose
    assert Trajectory.objects.count() == 1


def test_the_rereferral_service_refuses_an_open_journey(cast, journey):
    known = _known(journey, Phase.MATCHING)

    with pytest.raises(Refused):
        services.rereferral_register(
            by=cast.coordinator,
            household=known.household,
            organisation=cast.organisation,
            reason="Again.",
            stress_sources="",
            preferences="",
            consent_on=known.referred_on,
            consent_method=ConsentMethod.PAPER,
        )


def test_only_a_coordinator_of_the_programme_may_refer_a_household_again(cast, journey):
    known = _known(journey, Phase.CLOSED)

    with pytest.raises(Refused):
        services.rereferral_register(
            by=cast.other_coordinator,
            household=known.household,
            organisation=cast.organisation,
            reason="Again.",
            stress_sources="",
            preferences="",
            consent_on=known.referred_on,
            consent_method=ConsentMethod.PAPER,
        )
