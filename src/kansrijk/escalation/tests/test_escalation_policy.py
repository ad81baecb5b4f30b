"""The readers of signals and Doorbraak cases, as `access.policy` decides them."""

from django.utils import timezone

from kansrijk.access import policy
from kansrijk.access.choices import Recipient
from kansrijk.core.phases import Phase
from kansrijk.people.choices import Role
from kansrijk.trajectories.models import Trajectory
from tests.factories import ConsentFactory, OrganisationFactory, ProgrammeRoleFactory, UserFactory


def _with_role(cast, role: Role, **fields):
    user = UserFactory(**fields)
    ProgrammeRoleFactory(user=user, programme=cast.programme, role=role)
    return user


def _reads_signals(user, trajectory, standing_in_for=()) -> bool:
    """Asked both ways: the household list and the check of one household must agree."""
    households = policy.signal_households(user, list(standing_in_for))
    listed = households.filter(pk=trajectory.household_id).exists()
    assert listed == policy.reads_signals_of(user, trajectory.household, list(standing_in_for))
    return listed


def test_the_buddy_coordinator_and_backup_with_consent_read_the_signals(cast, journey):
    trajectory = journey(Phase.ACTIVE)

    for user in (cast.buddy, cast.coordinator, cast.backup):
        assert _reads_signals(user, trajectory)
    for user in (cast.funder, cast.other_coordinator, cast.stranger):
        assert not _reads_signals(user, trajectory)


def test_the_backup_without_consent_reads_no_signals(cast, journey):
    trajectory = journey(Phase.ACTIVE, backup_consent=False)

    assert not _reads_signals(cast.backup, trajectory)


def test_a_stand_in_reads_the_signals_only_under_the_backups_consent_while_covering(cast, journey):
    colleague = _with_role(cast, Role.BACKUP)
    consented = journey(Phase.ACTIVE)
    quiet = journey(Phase.ACTIVE, backup_consent=False, buddy=UserFactory())

    assert _reads_signals(colleague, consented, standing_in_for=[cast.backup.pk])
    assert not _reads_signals(colleague, quiet, standing_in_for=[cast.backup.pk])
    assert not _reads_signals(colleague, consented)


def test_after_the_year_the_backup_and_stand_in_read_no_signals(cast, journey):
    colleague = _with_role(cast, Role.BACKUP)
    trajectory = journey(Phase.ACTIVE)
    Trajectory.objects.filter(pk=trajectory.pk).update(phase=Phase.CLOSED)

    assert not _reads_signals(cast.backup, trajectory)
    assert not _reads_signals(colleague, trajectory, standing_in_for=[cast.backup.pk])
    assert _reads_signals(cast.coordinator, trajectory)


def test_doorbraak_professionals_and_named_organisations_read_no_signals(cast, journey):
    trajectory = journey(Phase.ACTIVE)
    named = OrganisationFactory()
    ConsentFactory(household=trajectory.household, recipient=Recipient.DOORBRAAK)
    ConsentFactory(
        household=trajectory.household, recipient=Recipient.ORGANISATION, organisation=named
    )

    assert not _reads_signals(_with_role(cast, Role.DOORBRAAK), trajectory)
    assert not _reads_signals(UserFactory(organisation=named), trajectory)


def _reads_cases(user, trajectory) -> bool:
    """Asked both ways: the household list and the per-row condition (for the case list) must
    always give the same answer."""
    listed = policy.case_households(user).filter(pk=trajectory.household_id).exists()
    per_row = (
        Trajectory.objects.filter(policy.case_households_condition(user, "household"))
        .filter(pk=trajectory.pk)
        .exists()
    )
    assert listed == per_row == policy.reads_cases_of(user, trajectory.household)
    return listed


def test_cases_of_an_erased_household_are_read_by_nobody(cast, journey):
    trajectory = journey(Phase.ACTIVE)
    ConsentFactory(household=trajectory.household, recipient=Recipient.DOORBRAAK)
    professional = _with_role(cast, Role.DOORBRAAK)
    assert _reads_cases(professional, trajectory)

    type(trajectory.household).objects.filter(pk=trajectory.household_id).update(
        erased_at=timezone.now()
    )
    for user in (cast.coordinator, cast.buddy, cast.backup, professional):
        assert not _reads_cases(user, trajectory)


def test_other_programmes_coordinators_and_strangers_read_no_cases(cast, journey):
    trajectory = journey(Phase.ACTIVE)
    assert _reads_cases(cast.coordinator, trajectory)
    for user in (cast.funder, cast.other_coordinator, cast.stranger):
        assert not _reads_cases(user, trajectory)


def test_cases_are_read_by_doorbraak_professionals_only_while_consent_lasts(cast, journey):
    professional = _with_role(cast, Role.DOORBRAAK)
    trajectory = journey(Phase.ACTIVE)
    assert not _reads_cases(professional, trajectory)

    consent = ConsentFactory(household=trajectory.household, recipient=Recipient.DOORBRAAK)
    assert _reads_cases(professional, trajectory)

    consent.withdrawn_at = timezone.now()
    consent.save()
    assert not _reads_cases(professional, trajectory)


def test_a_named_organisations_consent_does_not_cover_cases(cast, journey):
    named = OrganisationFactory()
    person = UserFactory(organisation=named)
    trajectory = journey(Phase.ACTIVE)
    ConsentFactory(
        household=trajectory.household, recipient=Recipient.ORGANISATION, organisation=named
    )

    assert policy.visible_parts(person, trajectory.household, trajectory)
    assert not _reads_cases(person, trajectory)
    assert _reads_cases(cast.buddy, trajectory)
    assert _reads_cases(cast.backup, trajectory)


def test_the_consent_for_doorbraak_is_in_force_from_its_start_until_it_is_withdrawn(cast, journey):
    trajectory = journey(Phase.ACTIVE)
    assert not policy.doorbraak_consent_in_force(trajectory.household)

    consent = ConsentFactory(household=trajectory.household, recipient=Recipient.DOORBRAAK)
    assert policy.doorbraak_consent_in_force(trajectory.household)

    consent.withdrawn_at = timezone.now()
    consent.save()
    assert not policy.doorbraak_consent_in_force(trajectory.household)
