"""The viewer is read once per request, and dropped as soon as a write can change it."""

from django.http import Http404
from django.utils import timezone

from kansrijk.access import policy
from kansrijk.access.models import Consent
from kansrijk.access.viewer import viewer_of, viewer_scope
from kansrijk.core.phases import Phase
from kansrijk.people.choices import Role
from tests.factories import HouseholdFactory, ProgrammeRoleFactory

from .conftest import give_consent


def test_a_request_reads_the_viewer_once(cast, journey, django_assert_num_queries):
    coached = journey(Phase.ACTIVE)
    household = coached.household
    policy.roles_of(cast.backup)
    with viewer_scope():
        with django_assert_num_queries(1):
            viewer_of(cast.backup).backed_up()
        # Only the household's own row (is it erased?), read afresh for each question.
        with django_assert_num_queries(2):
            assert policy.reads_signals_of(cast.backup, household, [])
            assert policy.reads_cases_of(cast.backup, household)
            assert viewer_of(cast.backup).backed_up() == {household.pk}


def test_outside_a_request_every_question_reads_afresh(cast, journey):
    coached = journey(Phase.ACTIVE)
    household = coached.household
    assert policy.reads_signals_of(cast.backup, household, [])
    # A write that sends no signal: only a viewer kept past its request would miss it.
    Consent.objects.filter(household=household).update(withdrawn_at=timezone.now())
    assert not policy.reads_signals_of(cast.backup, household, [])


def test_a_consent_given_in_the_request_counts_in_the_same_request(cast, coached):
    household = coached.household
    with viewer_scope():
        assert not policy.reads_signals_of(cast.backup, household, [])
        give_consent(coached, by=cast.coordinator)
        # An htmx fragment rendered after the write reads the new answer.
        assert policy.reads_signals_of(cast.backup, household, [])


def test_a_withdrawn_consent_stops_counting_in_the_same_request(cast, journey):
    coached = journey(Phase.ACTIVE)
    household = coached.household
    with viewer_scope():
        assert policy.household_for_user_or_404(cast.backup, household.uuid) == household
        consent = Consent.objects.get(household=household)
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        try:
            policy.household_for_user_or_404(cast.backup, household.uuid)
        except Http404:
            pass
        else:
            raise AssertionError("the withdrawn consent still counted")


def test_a_new_role_or_journey_counts_in_the_same_request(cast, journey):
    household = HouseholdFactory(programme=cast.other_programme)
    with viewer_scope():
        assert not policy.visible_households(cast.buddy).exists()
        coached = journey(Phase.MATCHED)
        assert list(policy.visible_households(cast.buddy)) == [coached.household]
        ProgrammeRoleFactory(user=cast.buddy, programme=cast.other_programme, role=Role.COORDINATOR)
        del cast.buddy._kansrijk_roles  # roles are kept on the user object, as before
        assert set(policy.visible_households(cast.buddy)) == {coached.household, household}


def test_a_buddy_opens_a_household_and_its_parts_in_three_queries(
    cast, journey, django_assert_max_num_queries
):
    """Roles, the viewer, the household; the buddy's parts are known without a query. Asking
    for cases and signals reads the household's erasure afresh: one small query each."""
    coached = journey(Phase.ACTIVE)
    with viewer_scope(), django_assert_max_num_queries(3 + 2):
        household = policy.household_for_user_or_404(cast.buddy, coached.household.uuid)
        assert policy.visible_parts(cast.buddy, household, coached) == policy.ALL_PARTS
        assert policy.reads_cases_of(cast.buddy, household)
        assert policy.reads_signals_of(cast.buddy, household, [])


def test_a_coordinator_opens_a_household_of_their_programme_in_two_queries(
    cast, journey, django_assert_max_num_queries
):
    """Roles and the household: their programme answers, the viewer's sets are not read."""
    coached = journey(Phase.ACTIVE)
    with viewer_scope(), django_assert_max_num_queries(2):
        household = policy.household_for_user_or_404(cast.coordinator, coached.household.uuid)
        assert policy.visible_parts(cast.coordinator, household, coached) == policy.ALL_PARTS


def test_a_second_household_in_the_request_is_one_query(cast, journey, django_assert_num_queries):
    coached = journey(Phase.ACTIVE)
    with viewer_scope():
        policy.household_for_user_or_404(cast.buddy, coached.household.uuid)
        with django_assert_num_queries(1):
            policy.household_for_user_or_404(cast.buddy, coached.household.uuid)


def test_a_list_adds_one_query_whatever_the_readers(cast, journey, django_assert_num_queries):
    """After the viewer, each list is one query on plain ids: no union of subqueries. The
    households of a colleague one stands in for are read once, when first asked."""
    for _ in range(3):
        journey(Phase.ACTIVE, buddy=cast.backup, backup=cast.buddy)
    journey(Phase.ACTIVE)
    for user in (cast.buddy, cast.backup, cast.coordinator):
        with viewer_scope():
            viewer_of(user).coached()
            with django_assert_num_queries(4 + 1):
                list(policy.visible_households(user))
                list(policy.signal_households(user, [cast.coordinator.pk]))
                list(policy.case_households(user))
                list(policy.outcome_households(user))
