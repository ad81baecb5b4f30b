"""`kansrijk retention`: erases exactly the households whose retention period is over."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings

from kansrijk.access.models import AuditEntry
from kansrijk.core.dates import add_months, today
from kansrijk.people.models import Household, Programme
from kansrijk.reports.selectors import area_figures
from kansrijk.trajectories.choices import DropOutReason, Phase
from tests.factories import TrajectoryFactory


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("retention", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _erased() -> set[str]:
    return set(Household.objects.filter(erased_at__isnull=False).values_list("uuid", flat=True))


@pytest.fixture
def households(journey, cast, frozen_today):
    """One household on each side of every retention line (defaults: 2 years, 12 months)."""
    two_years_ago = add_months(frozen_today, -24)
    a_year_ago = add_months(frozen_today, -12)

    def closed(ended_on):
        return journey(
            Phase.CLOSED,
            matched_on=add_months(ended_on, -18),
            aftercare_started_on=add_months(ended_on, -6),
            ended_on=ended_on,
        ).household

    def never_started(ended_on):
        return journey(
            Phase.DROPPED_OUT,
            referred_on=ended_on - dt.timedelta(days=60),
            ended_on=ended_on,
            backup_consent=False,
        ).household

    made = {
        "closed long ago": closed(two_years_ago - dt.timedelta(days=1)),
        "closed exactly two years ago": closed(two_years_ago),
        "closed recently": closed(add_months(frozen_today, -3)),
        "never started, long ago": never_started(a_year_ago - dt.timedelta(days=1)),
        "never started, recently": never_started(add_months(frozen_today, -6)),
        "dropped out after starting, 13 months ago": journey(
            Phase.DROPPED_OUT,
            matched_on=add_months(frozen_today, -20),
            ended_on=add_months(frozen_today, -13),
            drop_out_reason=DropOutReason.MOVED,
        ).household,
    }
    # Ended long ago, but came back and walks a new journey now.
    returned = closed(add_months(frozen_today, -40))
    TrajectoryFactory(household=returned, phase=Phase.INTAKE, referred_on=frozen_today)
    made["ended long ago, open again"] = returned
    return made


def test_the_dry_run_reports_per_programme_and_changes_nothing(households, cast):
    entries = AuditEntry.objects.count()

    out = _run("--dry-run")

    assert _erased() == set()
    assert AuditEntry.objects.count() == entries
    assert (
        "Kansrijk Oost: 2 households would be erased (1 ended more than 2 years ago; "
        "1 never started, ended more than 12 months ago)"
    ) in out
    assert "Kansrijk West: 0 households would be erased" in out
    assert "Nothing was changed." in out


def test_the_run_erases_exactly_the_expired_households(households):
    _run()

    assert _erased() == {
        households["closed long ago"].uuid,
        households["never started, long ago"].uuid,
    }
    reasons = set(Household.objects.exclude(erase_reason="").values_list("erase_reason", flat=True))
    assert reasons == {
        "retention: ended more than 2 years ago",
        "retention: never started, ended more than 12 months ago",
    }


def test_retention_erases_as_the_system_and_logs_it(households):
    _run()

    household = households["closed long ago"]
    entry = AuditEntry.objects.filter(household=household).first()
    assert (entry.actor, entry.actor_name, entry.detail, entry.purpose) == (
        None,
        "kansrijk retention",
        "household erased",
        "retention",
    )
    assert Household.objects.get(pk=household.pk).erased_by is None


def test_a_second_run_does_nothing(households):
    _run()
    erased, entries = _erased(), AuditEntry.objects.count()

    out = _run()

    assert _erased() == erased
    assert AuditEntry.objects.count() == entries
    assert "0 in all erased." in out


def test_the_figures_stay_the_same_after_retention(households, cast):
    def figures() -> list:
        return [area_figures(p, since=None, until=today()) for p in Programme.objects.all()]

    before = figures()

    _run()

    assert figures() == before


@override_settings(RETENTION_YEARS_AFTER_END=1, RETENTION_MONTHS_UNMATCHED=3)
def test_the_periods_come_from_the_settings(households):
    _run()

    assert _erased() == {
        households["closed long ago"].uuid,
        households["closed exactly two years ago"].uuid,
        households["never started, long ago"].uuid,
        households["never started, recently"].uuid,
        households["dropped out after starting, 13 months ago"].uuid,
    }


def test_a_household_becomes_due_when_its_time_comes(households):
    recent = households["closed recently"]

    with time_machine.travel(dt.datetime(2027, 3, 17, 10, 0), tick=False):
        _run()

    assert recent.uuid in _erased()
    assert households["ended long ago, open again"].uuid not in _erased()
