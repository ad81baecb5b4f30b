"""The phase counts kept on write (`trajectories.counts`) equal a recount after every write that
changes a phase, an area, a programme or an erasure; the coordinator's dashboard shows them."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.core.dates import add_months, today
from kansrijk.intake.models import ConsentMethod
from kansrijk.intake.services import (
    NewMember,
    intake_record,
    referral_register,
    rereferral_register,
)
from kansrijk.people.choices import MemberRelation, Role
from kansrijk.people.models import Programme
from kansrijk.reports.reach import cached_reach, reach
from kansrijk.rights.services import household_erase
from kansrijk.trajectories import counts, services
from kansrijk.trajectories.choices import DropOutReason, Phase
from kansrijk.trajectories.models import PhaseCount, Trajectory
from kansrijk.trajectories.selectors import phase_counts
from kansrijk.transfers.services import transfer_accept, transfer_request
from tests.factories import AreaFactory, ProgrammeRoleFactory, UserFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


def _agree() -> None:
    assert counts.differences() == {}
    # The dashboard reads the counts and the version together, in one query.
    for programme_id in Programme.objects.values_list("pk", flat=True):
        assert counts.kept_figures(programme_id) == counts.KeptFigures(
            counts.programme_phase_counts(programme_id), counts.figures_version(programme_id)
        )


def _fresh(trajectory: Trajectory) -> Trajectory:
    return Trajectory.objects.get(pk=trajectory.pk)


def _refer(cast, area=None) -> Trajectory:
    return referral_register(
        by=cast.coordinator,
        area=area or cast.area,
        organisation=cast.organisation,
        participant=NewMember(MemberRelation.PARTICIPANT, "Yasmin", "El Amrani", 1988),
        others=[],
        contact={},
        reason="Debts.",
        stress_sources="",
        preferences="",
        consent_on=today(),
        consent_method=ConsentMethod.IN_PERSON,
        check_known=False,
    )


def test_a_whole_journey_keeps_the_counts_equal_to_a_recount(cast, frozen_today):
    t = _refer(cast)
    _agree()
    assert counts.programme_phase_counts(cast.programme.pk)[Phase.REFERRED] == 1
    services.trajectory_start_intake(trajectory=t, by=cast.coordinator, version=t.version)
    _agree()
    t = _fresh(t)
    intake_record(
        trajectory=t,
        by=cast.coordinator,
        held_on=frozen_today,
        stress_now="The energy bill.",
        wishes="Someone to talk to.",
        version=t.version,
    )
    _agree()
    t = _fresh(t)
    services.trajectory_match(
        trajectory=t,
        by=cast.coordinator,
        buddy=cast.buddy,
        backup=None,
        paired_on=frozen_today,
        version=t.version,
    )
    _agree()
    t = _fresh(t)
    services.trajectory_start_year(
        trajectory=t, by=cast.coordinator, start_on=frozen_today, version=t.version
    )
    _agree()
    services.back_to_matching(trajectory=_fresh(t), by=cast.coordinator, note="")
    _agree()
    t = _fresh(t)
    services.trajectory_drop_out(
        trajectory=t,
        by=cast.coordinator,
        reason=DropOutReason.MOVED,
        on=frozen_today,
        note="",
        version=t.version,
    )
    _agree()
    again = rereferral_register(
        by=cast.coordinator,
        household=t.household,
        organisation=cast.organisation,
        reason="Again.",
        stress_sources="",
        preferences="",
        consent_on=frozen_today,
        consent_method=ConsentMethod.PAPER,
    )
    _agree()
    assert counts.programme_phase_counts(cast.programme.pk) == {
        **dict.fromkeys(Phase, 0),
        Phase.REFERRED: 1,
        Phase.DROPPED_OUT: 1,
    }
    services.trajectory_drop_out(
        trajectory=again,
        by=cast.coordinator,
        reason=DropOutReason.MOVED,
        on=frozen_today,
        note="",
        version=again.version,
    )
    household_erase(household=t.household, by=cast.coordinator, reason="She asked.")
    _agree()
    assert counts.programme_phase_counts(cast.programme.pk) == dict.fromkeys(Phase, 0)


def test_aftercare_and_closing_keep_the_counts(cast, journey, frozen_today):
    t = journey(Phase.ACTIVE, matched_on=add_months(frozen_today, -12))
    _agree()
    services.trajectory_start_aftercare(
        trajectory=t, by=cast.coordinator, start_on=frozen_today, version=t.version
    )
    _agree()
    t = _fresh(t)
    services.trajectory_close(
        trajectory=t, by=cast.coordinator, on=frozen_today, note="", version=t.version
    )
    _agree()
    assert counts.programme_phase_counts(cast.programme.pk)[Phase.CLOSED] == 1


@pytest.mark.parametrize("phase", [Phase.INTAKE, Phase.ACTIVE, Phase.AFTERCARE])
def test_transfers_move_the_counts_with_the_household(cast, journey, phase):
    b_buddy, b_backup = UserFactory(), UserFactory()
    ProgrammeRoleFactory(user=b_backup, programme=cast.other_programme, role=Role.BACKUP)
    ProgrammeRoleFactory(
        user=b_buddy, programme=cast.other_programme, role=Role.BUDDY, default_backup=b_backup
    )
    earlier = journey(Phase.CLOSED)
    t = journey(phase, household=earlier.household)
    lewenborg = AreaFactory(programme=cast.programme, slug="lewenborg")
    selwerd = AreaFactory(programme=cast.other_programme, slug="selwerd")
    _agree()
    transfer_request(household=t.household, by=cast.coordinator, to_area=lewenborg, reason="Moved.")
    _agree()
    transfer = transfer_request(
        household=_fresh(t).household, by=cast.coordinator, to_area=selwerd, reason="Moved."
    )
    _agree()
    new_buddy = b_buddy if phase == Phase.AFTERCARE else None
    transfer_accept(transfer=transfer, by=cast.other_coordinator, new_buddy=new_buddy)
    _agree()
    moved_to = counts.programme_phase_counts(cast.other_programme.pk)
    assert sum(moved_to.values()) == 1
    # The closed journey stays with the programme that ran it, seen from neither now.
    assert sum(counts.programme_phase_counts(cast.programme.pk).values()) == 0


def test_the_dashboard_shows_the_same_phase_counts_as_a_recount(cast, journey, client):
    for phase in Phase:
        journey(phase)
    erased = journey(Phase.DROPPED_OUT)
    household_erase(household=erased.household, by=cast.coordinator, reason="She asked.")
    west = AreaFactory(programme=cast.other_programme, slug="west")
    journey(Phase.ACTIVE, household__programme=cast.other_programme, household__area=west)
    client.force_login(cast.coordinator)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("programme", args=[cast.programme.slug]))

    # Read from the kept rows, not counted from the programme's journeys.
    assert [q for q in queries if "trajectories_phasecount" in q["sql"]]
    recounted = phase_counts(
        Trajectory.objects.filter(programme=cast.programme, household__erased_at__isnull=True)
    )
    assert response.context["dashboard"].phases == recounted
    assert recounted[Phase.DROPPED_OUT] == 1


def test_the_command_finds_a_difference_and_the_rebuild_repairs_it(cast, journey, capsys):
    journey(Phase.ACTIVE)
    PhaseCount.objects.update(count=5)

    with pytest.raises(CommandError) as failed:
        call_command("counters", "--check")
    assert failed.value.returncode == 1
    assert "kept 5, recounted 1" in capsys.readouterr().out

    call_command("counters", "--rebuild")
    call_command("counters", "--check")
    assert "agree" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_writes_at_the_same_moment_each_count_once(cast, journey, frozen_today):
    """Two journeys of one area start their intake at once (two threads): both counted."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite in memory serialises writers; tests/test_never_created_twice.py")
    first, second = journey(Phase.REFERRED), journey(Phase.REFERRED)
    barrier = threading.Barrier(2)
    errors = []

    def start(t: Trajectory) -> None:
        try:
            barrier.wait()
            services.trajectory_start_intake(trajectory=t, by=cast.coordinator, version=t.version)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=start, args=(t,)) for t in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    _agree()
    assert counts.programme_phase_counts(cast.programme.pk)[Phase.INTAKE] == 2


def test_the_cached_reach_follows_every_year_that_starts(
    cast, journey, frozen_today, django_assert_num_queries
):
    waiting = journey(Phase.MATCHED)
    areas = [cast.area]
    year = frozen_today.year

    def cached():
        version = counts.kept_figures(cast.programme.pk).version
        return cached_reach(cast.programme, areas, year=year, until=frozen_today, version=version)

    def both():
        return cached().started_in_year, reach(
            cast.programme, areas, year=year, until=frozen_today
        ).started_in_year

    assert both() == (0, 0)
    with django_assert_num_queries(1):  # the version; the counts come from the cache
        cached()
    services.trajectory_start_year(
        trajectory=waiting, by=cast.coordinator, start_on=frozen_today, version=waiting.version
    )
    assert both() == (1, 1)
    services.back_to_matching(trajectory=_fresh(waiting), by=cast.coordinator, note="")
    assert both() == (0, 0)
