"""Recording, correcting and removing outcomes: who may, the details per kind, no overwrites."""

import datetime as dt

import pytest

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.core.errors import Overtaken, Refused
from kansrijk.outcomes import services
from kansrijk.outcomes.choices import DEFAULT_TYPES, Hours, Level, OutcomeKind, Sector, Welfare
from kansrijk.outcomes.models import Outcome, OutcomeType
from kansrijk.outcomes.services import Details
from kansrijk.trajectories.choices import Phase
from tests.factories import HouseholdMemberFactory, ProgrammeFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_a_programme_gets_the_default_outcome_types_once(cast):
    first = services.outcome_types_seed(cast.programme)
    again = services.outcome_types_seed(cast.programme)

    assert [t.kind for t in sorted(first, key=lambda t: t.position)] == list(DEFAULT_TYPES)
    assert {t.pk for t in again} == {t.pk for t in first}
    assert OutcomeType.objects.filter(programme=cast.programme).count() == len(DEFAULT_TYPES)


def test_the_coordinator_records_paid_work_with_its_details_and_it_is_logged(cast, coached, record):
    outcome = record(
        coached,
        OutcomeKind.PAID_WORK,
        details=Details(hours=Hours.PART_TIME, welfare=Welfare.REDUCED, level=Level.MBO),
        evidence="Arbeidscontract gezien.",
    )

    saved = Outcome.objects.get(pk=outcome.pk)
    assert (saved.hours, saved.welfare) == (Hours.PART_TIME, Welfare.REDUCED)
    assert saved.level == ""  # work has no level: a stray detail is cleared
    assert saved.evidence == "Arbeidscontract gezien."
    assert saved.recorded_by == cast.coordinator
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, household=coached.household)
    assert entry.detail == "outcome paid_work"


@pytest.mark.parametrize(
    ("kind", "details", "message"),
    [
        (OutcomeKind.PAID_WORK, Details(welfare=Welfare.ENDED), "full-time or part-time"),
        (OutcomeKind.PAID_WORK, Details(hours=Hours.FULL_TIME), "welfare benefit"),
        (OutcomeKind.EDUCATION_STARTED, Details(), "level of the education"),
        (OutcomeKind.EDUCATION_COMPLETED, Details(diploma=True), "level of the education"),
        (OutcomeKind.BUSINESS_STARTED, Details(), "sector of the business"),
        (OutcomeKind.PAID_WORK, Details(hours="weekends", welfare=Welfare.ENDED), "options"),
    ],
)
def test_each_kind_asks_for_its_own_details(coached, record, kind, details, message):
    with pytest.raises(Refused, match=message):
        record(coached, kind, details=details)

    assert not Outcome.objects.exists()


def test_a_diploma_belongs_to_completed_education_only(coached, record):
    started = record(
        coached, OutcomeKind.EDUCATION_STARTED, details=Details(level=Level.HBO, diploma=True)
    )
    completed = record(
        coached, OutcomeKind.EDUCATION_COMPLETED, details=Details(level=Level.MBO, diploma=True)
    )

    assert (started.level, started.diploma) == (Level.HBO, False)
    assert (completed.level, completed.diploma) == (Level.MBO, True)


def test_the_buddy_and_the_backup_with_consent_record_while_coaching(cast, coached, record):
    by_buddy = record(coached, OutcomeKind.DEBT_FREEZE, by=cast.buddy)
    by_backup = record(
        coached,
        OutcomeKind.BUSINESS_STARTED,
        by=cast.backup,
        details=Details(sector=Sector.CARE),
    )

    assert by_buddy.recorded_by == cast.buddy
    assert by_backup.sector == Sector.CARE


@pytest.mark.parametrize("who", ["funder", "other_coordinator", "stranger"])
def test_people_outside_the_household_cannot_record(cast, coached, record, who):
    with pytest.raises(Refused):
        record(coached, by=getattr(cast, who))

    assert not Outcome.objects.exists()


def test_the_backup_without_consent_cannot_record(cast, journey, record):
    trajectory = journey(Phase.ACTIVE, backup_consent=False)

    with pytest.raises(Refused):
        record(trajectory, by=cast.backup)


def test_after_closure_only_the_coordinator_records(cast, journey, record):
    trajectory = journey(Phase.CLOSED)

    with pytest.raises(Refused):
        record(trajectory, OutcomeKind.EDUCATION_COMPLETED, by=cast.buddy)
    late = record(
        trajectory,
        OutcomeKind.EDUCATION_COMPLETED,
        details=Details(level=Level.MBO, diploma=True),
    )

    assert late.trajectory == trajectory


def test_an_outcome_is_not_in_the_future_nor_before_the_referral(coached, record, frozen_today):
    with pytest.raises(Refused, match="in the future"):
        record(coached, reached_on=frozen_today + dt.timedelta(days=1))
    with pytest.raises(Refused, match="before the referral"):
        record(coached, reached_on=coached.referred_on - dt.timedelta(days=1))


def test_an_outcome_is_for_a_member_of_this_household_only(coached, record):
    own = HouseholdMemberFactory(household=coached.household)
    stranger = HouseholdMemberFactory()

    assert record(coached, member=own).member == own
    with pytest.raises(Refused, match="member of this household"):
        record(coached, member=stranger)


def test_an_outcome_type_of_another_programme_is_refused(cast, coached, kind_type):
    elsewhere = kind_type(OutcomeKind.HOUSING_FOUND, ProgrammeFactory())

    with pytest.raises(Refused, match="outcomes of this programme"):
        services.outcome_record(
            trajectory=coached,
            by=cast.coordinator,
            outcome_type=elsewhere,
            reached_on=coached.matched_on,
        )


def test_a_type_no_longer_offered_cannot_be_recorded(cast, coached, kind_type, record):
    OutcomeType.objects.filter(pk=kind_type(OutcomeKind.VOLUNTEER_WORK).pk).update(active=False)

    with pytest.raises(Refused, match="no longer offered"):
        record(coached, OutcomeKind.VOLUNTEER_WORK)


def test_an_edit_with_an_old_version_is_refused_and_shows_what_was_saved(
    cast, coached, record, kind_type
):
    outcome = record(
        coached, OutcomeKind.PAID_WORK, details=Details(Hours.FULL_TIME, Welfare.ENDED)
    )
    services.outcome_edit(
        outcome=outcome,
        by=cast.buddy,
        version=1,
        outcome_type=outcome.outcome_type,
        reached_on=outcome.reached_on,
        details=Details(Hours.PART_TIME, Welfare.REDUCED),
    )

    with pytest.raises(Overtaken) as overtaken:
        services.outcome_edit(
            outcome=outcome,
            by=cast.coordinator,
            version=1,
            outcome_type=outcome.outcome_type,
            reached_on=outcome.reached_on,
            details=Details(Hours.FULL_TIME, Welfare.UNCHANGED),
        )

    assert overtaken.value.current.hours == Hours.PART_TIME
    saved = Outcome.objects.get(pk=outcome.pk)
    assert (saved.version, saved.welfare, saved.changed_by) == (2, Welfare.REDUCED, cast.buddy)


def test_removing_takes_the_outcome_away_unless_it_changed_meanwhile(cast, coached, record):
    outcome = record(coached)
    Outcome.objects.filter(pk=outcome.pk).update(version=2)

    with pytest.raises(Overtaken):
        services.outcome_remove(outcome=outcome, by=cast.coordinator, version=1)
    services.outcome_remove(outcome=outcome, by=cast.coordinator, version=2)

    assert not Outcome.objects.exists()
    assert AuditEntry.objects.filter(detail="outcome housing_found removed").exists()
