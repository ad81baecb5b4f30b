"""While a backup professional is away, a colleague takes their signals: visibly, for the days
of the cover, under the participant's consent for the backup, and no longer."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from kansrijk.core.errors import Refused
from kansrijk.escalation import services
from kansrijk.escalation.choices import SignalStatus
from kansrijk.escalation.models import Cover
from kansrijk.escalation.selectors import queue_of
from kansrijk.people.choices import Role
from kansrijk.trajectories.choices import Phase
from tests.factories import ProgrammeRoleFactory, UserFactory


@pytest.fixture
def away(cast, colleague, frozen_today):
    """The cast's backup is away this week and next; the colleague covers."""
    return services.cover_record(
        backup=cast.backup,
        colleague=colleague,
        starts_on=frozen_today,
        ends_on=frozen_today + dt.timedelta(days=10),
        by=cast.backup,
    )


def test_the_covering_colleague_finds_the_backups_signals_in_their_queue(
    cast, colleague, raised, away
):
    signal = raised(kind="urgent")

    queue = queue_of(colleague)

    assert [s.pk for s in queue.rows] == [signal.pk]
    assert queue.rows[0].shown
    assert queue.urgent == 1
    assert [c.backup for c in queue.covering] == [cast.backup]


def test_the_colleague_picks_up_and_answers_while_covering(cast, colleague, raised, away):
    signal = raised()

    signal = services.signal_pick_up(signal=signal, by=colleague, version=1)
    signal = services.signal_answer(signal=signal, by=colleague, version=2, answer="Geregeld.")

    assert signal.status == SignalStatus.ANSWERED
    assert signal.picked_up_by == colleague


def test_the_hand_over_shows_on_both_queues_and_on_the_buddys_signal(
    client, cast, colleague, raised, away
):
    signal = raised()
    until = away.ends_on.strftime("%-d %B %Y")

    client.force_login(cast.backup)
    backups_queue = client.get(reverse("signal_queue")).content.decode()
    client.force_login(colleague)
    colleagues_queue = client.get(reverse("signal_queue")).content.decode()
    colleagues_signal = client.get(reverse("signal", args=[signal.uuid]))
    client.force_login(cast.buddy)
    buddys_signal = client.get(reverse("signal", args=[signal.uuid])).content.decode()

    assert f"Your signals are covered by Cor Collega until {until}." in backups_queue
    assert f"You cover for Bea Backup until {until}." in colleagues_queue
    assert "Fatima El Amrani" in colleagues_queue
    assert colleagues_signal.status_code == 200
    assert "You see this because you cover for Bea Backup" in colleagues_signal.content.decode()
    assert f"Bea Backup is away: signals are covered by Cor Collega until {until}." in buddys_signal


def test_after_the_cover_the_colleague_no_longer_reads_the_signal(
    client, cast, colleague, raised, away
):
    signal = raised()

    with time_machine.travel(away.ends_on + dt.timedelta(days=1, hours=10), tick=False):
        client.force_login(colleague)
        response = client.get(reverse("signal", args=[signal.uuid]))
        queue = queue_of(colleague)

    assert response.status_code == 404
    assert queue.rows == []


def test_a_cover_ended_early_hands_the_signals_back(cast, colleague, raised, away):
    signal = raised()

    services.cover_end(cover=away, by=cast.backup)

    colleague = type(colleague).objects.get(pk=colleague.pk)  # a fresh request
    with pytest.raises(Refused):
        services.signal_pick_up(signal=signal, by=colleague, version=1)
    assert queue_of(colleague).rows == []


def test_without_the_participants_consent_the_colleague_learns_only_that_a_buddy_waits(
    client, cast, colleague, journey, away
):
    quiet = journey(Phase.ACTIVE, backup_consent=False)
    signal = services.signal_raise(
        trajectory=quiet, by=cast.buddy, kind="urgent", description="Geheim verhaal."
    )
    client.force_login(colleague)

    queue = client.get(reverse("signal_queue"))
    page = client.get(reverse("signal", args=[signal.uuid]))

    html = queue.content.decode()
    assert quiet.household.display_name not in html
    assert "Geheim verhaal." not in html
    assert "A household of buddy Bas Buddy" in html
    assert queue.context["queue"].urgent == 1
    assert page.status_code == 404


def test_a_coordinator_records_a_cover_for_a_backup_of_the_programme(cast, colleague, frozen_today):
    cover = services.cover_record(
        backup=cast.backup,
        colleague=colleague,
        starts_on=dt.date(2025, 7, 1),
        ends_on=dt.date(2025, 7, 21),
        by=cast.coordinator,
    )

    assert cover.recorded_by == cast.coordinator
    assert not cover.in_force


@pytest.mark.usefixtures("frozen_today")
@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (dt.date(2025, 6, 1), dt.date(2025, 6, 20), "cannot start in the past"),
        (dt.date(2025, 6, 20), dt.date(2025, 6, 19), "on or after the start date"),
        (dt.date(2025, 6, 20), dt.date(2026, 6, 19), "at most six months"),
    ],
)
def test_a_cover_needs_sensible_dates(cast, colleague, start, end, message):
    with pytest.raises(Refused, match=message):
        services.cover_record(
            backup=cast.backup, colleague=colleague, starts_on=start, ends_on=end, by=cast.backup
        )

    assert not Cover.objects.exists()


def test_two_covers_for_the_same_days_are_refused(cast, colleague, away):
    third = UserFactory(first_name="Derde")
    ProgrammeRoleFactory(user=third, programme=cast.programme, role=Role.BACKUP)

    with pytest.raises(Refused, match="already has a colleague covering"):
        services.cover_record(
            backup=cast.backup,
            colleague=third,
            starts_on=away.ends_on,
            ends_on=away.ends_on + dt.timedelta(days=3),
            by=cast.backup,
        )


def test_a_colleague_who_is_away_too_cannot_cover(cast, colleague, frozen_today):
    services.cover_record(
        backup=colleague,
        colleague=cast.backup,
        starts_on=frozen_today + dt.timedelta(days=20),
        ends_on=frozen_today + dt.timedelta(days=25),
        by=colleague,
    )

    with pytest.raises(Refused, match="is away in these days too"):
        services.cover_record(
            backup=cast.backup,
            colleague=colleague,
            starts_on=frozen_today + dt.timedelta(days=24),
            ends_on=frozen_today + dt.timedelta(days=30),
            by=cast.backup,
        )


def test_only_a_backup_of_the_same_programme_covers(cast, frozen_today):
    outsider = UserFactory()
    ProgrammeRoleFactory(user=outsider, programme=cast.other_programme, role=Role.BACKUP)

    with pytest.raises(Refused, match="not a backup professional in the same programme"):
        services.cover_record(
            backup=cast.backup,
            colleague=outsider,
            starts_on=frozen_today,
            ends_on=frozen_today,
            by=cast.backup,
        )


@pytest.mark.parametrize("who", ["buddy", "funder", "other_coordinator"])
def test_nobody_else_records_a_cover_for_a_backup(cast, colleague, frozen_today, who):
    with pytest.raises(Refused, match="Only the backup professional or their coordinator"):
        services.cover_record(
            backup=cast.backup,
            colleague=colleague,
            starts_on=frozen_today,
            ends_on=frozen_today,
            by=getattr(cast, who),
        )


def test_a_backup_hands_over_on_the_cover_page(client, cast, colleague, frozen_today):
    client.force_login(cast.backup)

    page = client.get(reverse("covers"))
    response = client.post(
        reverse("covers"),
        {
            "backup": cast.backup.pk,
            "colleague": colleague.pk,
            "starts_on": "2025-06-16",
            "ends_on": "2025-06-27",
        },
    )

    assert page.status_code == 200
    assert response.status_code == 302
    cover = Cover.objects.get()
    assert (cover.backup, cover.colleague, cover.ends_on) == (
        cast.backup,
        colleague,
        dt.date(2025, 6, 27),
    )


def test_a_backup_cannot_hand_over_someone_elses_signals_on_the_page(
    client, cast, colleague, frozen_today
):
    client.force_login(colleague)

    response = client.post(
        reverse("covers"),
        {
            "backup": cast.backup.pk,
            "colleague": colleague.pk,
            "starts_on": "2025-06-16",
            "ends_on": "2025-06-27",
        },
    )

    assert response.status_code == 422
    assert not Cover.objects.exists()


@pytest.mark.parametrize("who", ["buddy", "funder", "stranger"])
def test_the_cover_page_is_for_backups_and_coordinators(client, cast, who):
    client.force_login(getattr(cast, who))

    assert client.get(reverse("covers")).status_code == 404
