"""Fixtures shared by every test: the cast of users, a fixed day, and English by default.

Run with DEBUG=1 in the environment (the Makefile exports it): settings need a SECRET_KEY
otherwise, and pytest-django reads the settings before any conftest could set one.
"""

import datetime as dt
import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import translation

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.people.choices import Role
from kansrijk.people.models import Area, Organisation, Programme, User
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import PhaseChange, Trajectory
from tests.factories import (
    AreaFactory,
    ConsentFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProgrammeRoleFactory,
    UserFactory,
    trajectory_in,
)

# Two app servers behind nginx (`make two-servers`, docs/two-servers.md) start their own
# processes and database; that test runs on its own, never inside `make test`.
collect_ignore = ["tests/two_servers"]

# The day most tests live on: a Monday, mid-morning in the programme's time zone.
FROZEN_AT = dt.datetime(2025, 6, 16, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(scope="session", autouse=True)
def _no_persistent_connections():
    """Threads (the live server's, the concurrency tests') must not keep connections open
    after their work: PostgreSQL refuses to drop a test database that is still in use."""
    from django.db import connections

    for alias in connections:
        connections.settings[alias]["CONN_MAX_AGE"] = 0


@pytest.fixture(scope="session", autouse=True)
def _job_locks_of_this_run(tmp_path_factory):
    """The daily jobs' lock files (core/jobs.py) of the in-memory test database in a directory
    of this run: two test processes at once (xdist workers, a second checkout) must not find
    each other's job "already running"."""
    from django.conf import settings

    settings.JOB_LOCK_DIR = str(tmp_path_factory.mktemp("job-locks"))


def _install_shipped() -> None:
    """Put back the rows the data migrations ship, through the functions those migrations call."""
    from kansrijk.escalation.models import BarrierTag
    from kansrijk.escalation.shipped import install_barrier_tags
    from kansrijk.frameworks.models import Domain, Framework, Level
    from kansrijk.frameworks.shipped import SHIPPED, install
    from kansrijk.plans.models import GoalTemplate
    from kansrijk.plans.shipped import install_goal_templates

    for spec in SHIPPED:
        install(spec, framework_model=Framework, domain_model=Domain, level_model=Level)
    install_goal_templates(GoalTemplate)
    install_barrier_tags(BarrierTag)


def _reinstall_after_a_flush(sender, **kwargs) -> None:
    """Django sends post_migrate once per app after a transactional test empties every table
    (`flush`); answer it once, for the app that ships the first of those rows."""
    if sender.label == "frameworks":
        _install_shipped()


@pytest.fixture(scope="session", autouse=True)
def _shipped_rows():
    """Every test finds the rows the migrations ship (frameworks, goal templates, barrier tags).

    A transactional test (browser tests, threads) ends by emptying every table, those rows too,
    and the product never installs them on a read. Under xdist a worker runs the tests of one
    file after another, so a plain test can follow a transactional one: the rows are put back
    right after each flush, when Django announces it with post_migrate.
    """
    from django.db.models.signals import post_migrate

    post_migrate.connect(_reinstall_after_a_flush, dispatch_uid="kansrijk-shipped-rows")
    yield
    post_migrate.disconnect(dispatch_uid="kansrijk-shipped-rows")


@pytest.fixture(autouse=True)
def _english():
    """Services translate their refusals; assert them in the msgid language (English).

    The default language is Dutch, and its catalogue changes while the tests stay the same.
    """
    with translation.override("en"):
        yield


@pytest.fixture
def client() -> Client:
    """The test client, asking for English pages (see `_english`). Dutch has its own test."""
    return Client(headers={"accept-language": "en"})


@pytest.fixture
def frozen_today() -> dt.date:
    """Freeze the clock on FROZEN_AT for the whole test; answers that day."""
    with time_machine.travel(FROZEN_AT, tick=False):
        yield FROZEN_AT.date()


@dataclass(frozen=True)
class Cast:
    """The same people in every test module.

    Programme A has a coordinator, a buddy (room for one household, whose usual backup is
    `backup`), a backup professional and a funder. Programme B has its own coordinator.
    The stranger can log in but has no role anywhere.
    """

    programme: Programme
    area: Area
    organisation: Organisation
    other_programme: Programme
    coordinator: User
    buddy: User
    backup: User
    funder: User
    other_coordinator: User
    stranger: User


@pytest.fixture
def cast(db) -> Cast:
    programme = ProgrammeFactory(name="Kansrijk Oost", slug="oost")
    other_programme = ProgrammeFactory(name="Kansrijk West", slug="west")
    coordinator = UserFactory(username="coordinator", first_name="Carla", last_name="Coördinator")
    buddy = UserFactory(username="buddy", first_name="Bas", last_name="Buddy")
    backup = UserFactory(username="backup", first_name="Bea", last_name="Backup")
    funder = UserFactory(username="funder", first_name="Fenna", last_name="Funder")
    other_coordinator = UserFactory(username="other-coordinator", first_name="Olaf")
    ProgrammeRoleFactory(user=coordinator, programme=programme, role=Role.COORDINATOR)
    ProgrammeRoleFactory(
        user=buddy, programme=programme, role=Role.BUDDY, capacity=1, default_backup=backup
    )
    ProgrammeRoleFactory(user=backup, programme=programme, role=Role.BACKUP)
    ProgrammeRoleFactory(user=funder, programme=programme, role=Role.FUNDER)
    ProgrammeRoleFactory(user=other_coordinator, programme=other_programme, role=Role.COORDINATOR)
    return Cast(
        programme=programme,
        area=AreaFactory(programme=programme, name="Beijum", slug="beijum"),
        organisation=OrganisationFactory(name="WIJ Beijum", slug="wij-beijum"),
        other_programme=other_programme,
        coordinator=coordinator,
        buddy=buddy,
        backup=backup,
        funder=funder,
        other_coordinator=other_coordinator,
        stranger=UserFactory(username="stranger", first_name="Stan"),
    )


@pytest.fixture
def journey(cast, frozen_today):
    """Make a household of programme A in a phase: `journey(Phase.ACTIVE, matched_on=…)`.

    Once paired, the cast's buddy and backup professional coach it (unless `buddy=` says else),
    and, as most participants do, the participant lets the backup see the basic details and the
    assessments; `backup_consent=False` leaves the file to the buddy and coordinator.
    """

    def make(phase: Phase = Phase.REFERRED, backup_consent: bool = True, **kwargs) -> Trajectory:
        kwargs.setdefault("household__programme", cast.programme)
        kwargs.setdefault("household__area", cast.area)
        kwargs.setdefault("buddy", cast.buddy)
        kwargs.setdefault("backup", cast.backup)
        trajectory = trajectory_in(phase, **kwargs)
        if backup_consent:
            ConsentFactory(
                household=trajectory.household,
                recorded_by=cast.coordinator,
                starts_on=trajectory.referred_on,
            )
        return trajectory

    return make


@dataclass(frozen=True)
class JourneySnapshot:
    """A trajectory as it was before a service ran, to compare with how it is afterwards."""

    trajectory: Trajectory
    phase: str
    version: int
    phase_changes: int
    phase_audits: int

    def _fresh(self) -> Trajectory:
        return Trajectory.objects.get(pk=self.trajectory.pk)

    def assert_moved(self, *, to: str, by: User) -> Trajectory:
        """The trajectory moved once: new phase, version bumped, change recorded and logged."""
        now = self._fresh()
        assert now.phase == to
        assert now.version == self.version + 1
        changes = PhaseChange.objects.filter(trajectory=now).order_by("id")
        assert changes.count() == self.phase_changes + 1
        change = changes.last()
        assert (change.from_phase, change.to_phase, change.by) == (self.phase, to, by)
        entry = AuditEntry.objects.filter(household=now.household).first()
        assert entry.action == AuditAction.PHASE_CHANGE
        assert entry.actor == by
        assert entry.detail == f"{self.phase} → {to}"
        return now

    def assert_unchanged(self) -> None:
        """Nothing happened: same phase and version, no phase change, nothing logged."""
        now = self._fresh()
        assert (now.phase, now.version) == (self.phase, self.version)
        assert PhaseChange.objects.filter(trajectory=now).count() == self.phase_changes
        assert _phase_audits(now) == self.phase_audits


def _phase_audits(trajectory: Trajectory) -> int:
    return AuditEntry.objects.filter(
        household_id=trajectory.household_id, action=AuditAction.PHASE_CHANGE
    ).count()


@pytest.fixture
def snapshot():
    """Take a `JourneySnapshot` of a trajectory: `before = snapshot(trajectory)`."""

    def take(trajectory: Trajectory) -> JourneySnapshot:
        fresh = Trajectory.objects.get(pk=trajectory.pk)
        return JourneySnapshot(
            trajectory=fresh,
            phase=fresh.phase,
            version=fresh.version,
            phase_changes=PhaseChange.objects.filter(trajectory=fresh).count(),
            phase_audits=_phase_audits(fresh),
        )

    return take


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    """The demo programmes, loaded once for a test module and rolled back after its last test.

    Loading takes a few seconds; each test still runs in its own savepoint inside this one.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())
        yield
        transaction.set_rollback(True)
