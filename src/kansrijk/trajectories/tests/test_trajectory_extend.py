"""Extending the active year or the aftercare: a new end with a reason, by the coordinator.

Today is Monday 16 June 2025 (the `frozen_today` fixture).
"""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditEntry
from kansrijk.core.errors import Overtaken, Refused
from kansrijk.trajectories import services
from kansrijk.trajectories.choices import ExtendedPart, ExtensionReason, Phase
from kansrijk.trajectories.models import Trajectory, TrajectoryExtension
from kansrijk.trajectories.selectors import ending_soon

# A year that started on 1 August 2024 ends on 1 August 2025, in six weeks.
STARTED = dt.date(2024, 8, 1)
YEAR_END = dt.date(2025, 8, 1)


def _extend(trajectory, by, new_end, reason=ExtensionReason.GOALS_UNDER_WAY, version=None):
    return services.trajectory_extend(
        trajectory=trajectory,
        by=by,
        new_end=new_end,
        reason=reason,
        note="De schuldregeling is pas net rond.",
        version=trajectory.version if version is None else version,
    )


@pytest.fixture
def active(journey):
    return journey(Phase.ACTIVE, matched_on=STARTED)


def test_the_coordinator_extends_the_active_year_and_its_start_stays(cast, active):
    extension = _extend(active, cast.coordinator, dt.date(2025, 11, 1))

    after = Trajectory.objects.get(pk=active.pk)
    assert after.active_year_ends_on == dt.date(2025, 11, 1)
    assert after.standard_year_ends_on == YEAR_END
    assert (after.matched_on, after.halfway_on) == (STARTED, dt.date(2025, 2, 1))
    assert after.version == active.version + 1
    assert after.is_extended
    assert (extension.part, extension.old_end, extension.new_end, extension.by) == (
        ExtendedPart.ACTIVE_YEAR,
        YEAR_END,
        dt.date(2025, 11, 1),
        cast.coordinator,
    )
    assert extension.note == "De schuldregeling is pas net rond."
    assert AuditEntry.objects.filter(
        household=active.household, detail="extended active_year"
    ).exists()


def test_the_aftercare_is_extended_from_its_own_end(cast, journey):
    trajectory = journey(
        Phase.AFTERCARE, matched_on=dt.date(2024, 5, 1), aftercare_started_on=dt.date(2025, 5, 1)
    )

    extension = _extend(trajectory, cast.coordinator, dt.date(2026, 1, 15))

    after = Trajectory.objects.get(pk=trajectory.pk)
    assert extension.part == ExtendedPart.AFTERCARE
    assert extension.old_end == dt.date(2025, 11, 1)
    assert after.aftercare_ends_on == dt.date(2026, 1, 15)
    assert after.active_year_extended_to is None


def test_a_second_extension_follows_the_first(cast, active):
    _extend(active, cast.coordinator, dt.date(2025, 10, 1))
    second = _extend(Trajectory.objects.get(pk=active.pk), cast.coordinator, dt.date(2026, 2, 1))

    assert second.old_end == dt.date(2025, 10, 1)
    assert list(
        TrajectoryExtension.objects.filter(trajectory=active).values_list("new_end", flat=True)
    ) == [dt.date(2025, 10, 1), dt.date(2026, 2, 1)]
    assert Trajectory.objects.get(pk=active.pk).active_year_ends_on == dt.date(2026, 2, 1)


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator", "stranger"])
def test_only_the_programmes_coordinator_may_extend(cast, active, who):
    with pytest.raises(Refused, match="Only a coordinator of this programme"):
        _extend(active, getattr(cast, who), dt.date(2025, 11, 1))

    assert not TrajectoryExtension.objects.exists()
    assert Trajectory.objects.get(pk=active.pk).active_year_extended_to is None


@pytest.mark.parametrize(
    "phase", [Phase.REFERRED, Phase.MATCHING, Phase.MATCHED, Phase.CLOSED, Phase.DROPPED_OUT]
)
def test_only_a_running_year_or_aftercare_can_be_extended(cast, journey, phase):
    trajectory = journey(phase)

    with pytest.raises(Refused):
        _extend(trajectory, cast.coordinator, dt.date(2026, 1, 1))

    assert not TrajectoryExtension.objects.exists()


@pytest.mark.parametrize(
    ("new_end", "message"),
    [
        (YEAR_END, "must come after the current end"),
        (dt.date(2025, 7, 1), "must come after the current end"),
        (dt.date(2026, 8, 2), "at most 12 months"),
    ],
)
def test_a_new_end_that_is_not_later_or_too_far_is_refused(cast, active, new_end, message):
    with pytest.raises(Refused, match=message):
        _extend(active, cast.coordinator, new_end)

    assert not TrajectoryExtension.objects.exists()
    assert Trajectory.objects.get(pk=active.pk).version == active.version


def test_twelve_months_more_is_the_most(cast, active):
    _extend(active, cast.coordinator, dt.date(2026, 8, 1))

    assert Trajectory.objects.get(pk=active.pk).active_year_ends_on == dt.date(2026, 8, 1)


def test_a_new_end_in_the_past_is_refused(cast, journey):
    overdue = journey(Phase.ACTIVE, matched_on=dt.date(2024, 3, 1))  # ended on 1 March 2025

    with pytest.raises(Refused, match="cannot be in the past"):
        _extend(overdue, cast.coordinator, dt.date(2025, 6, 1))


def test_extensions_of_year_and_aftercare_together_add_twelve_months_at_most(cast, journey):
    trajectory = journey(
        Phase.AFTERCARE,
        matched_on=dt.date(2024, 5, 1),
        aftercare_started_on=dt.date(2025, 5, 1),
        active_year_extended_to=dt.date(2025, 9, 1),  # four months used by the year
    )

    assert services.extension_limit(trajectory) == dt.date(2026, 11, 1) - dt.timedelta(days=123)
    with pytest.raises(Refused, match="at most 12 months"):
        _extend(trajectory, cast.coordinator, dt.date(2026, 11, 1))


def test_a_reason_must_be_chosen(cast, active):
    with pytest.raises(Refused, match="Choose a reason"):
        _extend(active, cast.coordinator, dt.date(2025, 11, 1), reason="because")


def test_an_extension_on_a_page_someone_else_changed_is_refused(cast, active):
    _extend(active, cast.coordinator, dt.date(2025, 10, 1))

    with pytest.raises(Overtaken):
        _extend(active, cast.coordinator, dt.date(2025, 12, 1), version=active.version)

    assert TrajectoryExtension.objects.count() == 1
    assert Trajectory.objects.get(pk=active.pk).active_year_ends_on == dt.date(2025, 10, 1)


def test_a_year_ending_soon_is_not_ending_soon_once_extended(cast, active, journey):
    soon = journey(Phase.ACTIVE, matched_on=dt.date(2024, 7, 10), buddy=cast.backup)
    assert set(ending_soon(Trajectory.objects.all())) == {soon}  # it ends on 10 July

    _extend(soon, cast.coordinator, dt.date(2025, 10, 1))

    assert not ending_soon(Trajectory.objects.all()).exists()


def test_an_extended_aftercare_ends_soon_at_its_new_end(cast, journey):
    trajectory = journey(
        Phase.AFTERCARE, matched_on=dt.date(2024, 1, 1), aftercare_started_on=dt.date(2025, 1, 1)
    )
    assert list(ending_soon(Trajectory.objects.all())) == [trajectory]  # ends on 1 July

    _extend(trajectory, cast.coordinator, dt.date(2025, 9, 1))

    assert not ending_soon(Trajectory.objects.all()).exists()


def test_the_aftercare_may_still_start_when_the_standard_year_is_over(cast, journey):
    """An extension gives room; a household that is ready sooner rounds off then."""
    trajectory = journey(Phase.ACTIVE, matched_on=dt.date(2024, 7, 1))
    _extend(trajectory, cast.coordinator, dt.date(2025, 10, 1))

    after = services.trajectory_start_aftercare(
        trajectory=Trajectory.objects.get(pk=trajectory.pk),
        by=cast.coordinator,
        start_on=dt.date(2025, 6, 16),
        version=trajectory.version + 1,
    )

    assert after.phase == Phase.AFTERCARE


def test_a_new_buddy_starts_a_new_year_without_the_old_extension(cast, active):
    _extend(active, cast.coordinator, dt.date(2025, 11, 1))

    with_new_buddy = services.back_to_matching(
        trajectory=Trajectory.objects.get(pk=active.pk), by=cast.coordinator, note=""
    )

    assert with_new_buddy.active_year_extended_to is None
    assert TrajectoryExtension.objects.filter(trajectory=active).count() == 1  # its history


# ---- the page ----


def _url(trajectory):
    return reverse("extend", args=[trajectory.household.uuid])


def test_the_coordinator_extends_the_year_on_its_page(client, cast, active):
    client.force_login(cast.coordinator)

    page = client.get(_url(active))
    response = client.post(
        _url(active),
        {
            "version": active.version,
            "new_end": "2025-11-01",
            "reason": ExtensionReason.CALM_NOT_YET,
            "note": "",
        },
        follow=True,
    )

    assert page.status_code == 200
    assert "The latest possible end: 1 August 2026" in page.content.decode()
    assert response.redirect_chain == [(reverse("household", args=[active.household.uuid]), 302)]
    html = response.content.decode()
    assert "The extension is saved." in html
    assert "1 November 2025" in html
    assert TrajectoryExtension.objects.get().reason == ExtensionReason.CALM_NOT_YET


def test_a_refused_extension_is_shown_on_the_form_and_nothing_is_saved(client, cast, active):
    client.force_login(cast.coordinator)

    response = client.post(
        _url(active),
        {"version": active.version, "new_end": "2025-07-01", "reason": "other", "note": ""},
    )

    assert response.status_code == 422
    assert "The new end must come after the current end (1 August 2025)." in (
        response.content.decode()
    )
    assert not TrajectoryExtension.objects.exists()


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator"])
def test_no_one_but_the_coordinator_finds_the_page(client, cast, active, who):
    client.force_login(getattr(cast, who))

    assert client.get(_url(active)).status_code == 404
    data = {"version": active.version, "new_end": "2025-11-01", "reason": "other"}
    assert client.post(_url(active), data).status_code == 404
    assert not TrajectoryExtension.objects.exists()


def test_the_household_page_offers_the_extension_only_to_the_coordinator(client, cast, active):
    household = reverse("household", args=[active.household.uuid])
    client.force_login(cast.coordinator)
    assert _url(active) in client.get(household).content.decode()

    client.force_login(cast.buddy)
    assert _url(active) not in client.get(household).content.decode()


def test_the_timeline_shows_the_extension(client, cast, active):
    _extend(active, cast.coordinator, dt.date(2025, 11, 1))
    client.force_login(cast.buddy)

    html = client.get(reverse("household_timeline", args=[active.household.uuid])).content
    assert "The active year extended to 1 November 2025" in html.decode()
