"""The phase-change pages: a form, a refusal shown on the form, a redirect when it worked."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.people.choices import Role
from kansrijk.people.models import ProgrammeRole
from kansrijk.trajectories.choices import DropOutReason, Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import ProgrammeRoleFactory, UserFactory


def _url(name: str, trajectory: Trajectory) -> str:
    return reverse(name, args=[trajectory.household.uuid])


def _buddy(cast, first_name: str, *, capacity: int = 1, programme=None, active: bool = True):
    user = UserFactory(first_name=first_name)
    ProgrammeRoleFactory(
        user=user,
        programme=programme or cast.programme,
        role=Role.BUDDY,
        capacity=capacity,
        active=active,
        default_backup=cast.backup,
    )
    return user


@pytest.fixture
def coordinator_client(client, cast):
    client.force_login(cast.coordinator)
    return client


def test_pair_form_lists_only_the_programmes_buddies_with_room(coordinator_client, cast, journey):
    journey(Phase.ACTIVE)  # the cast's buddy: room for one, coaching one
    half_full = _buddy(cast, "Hanna", capacity=2)
    journey(Phase.AFTERCARE, buddy=half_full)
    free = _buddy(cast, "Femke")
    _buddy(cast, "Wouter", programme=cast.other_programme)
    _buddy(cast, "Ingrid", active=False)
    waiting = journey(Phase.MATCHING)

    response = coordinator_client.get(_url("pair", waiting))

    assert response.status_code == 200
    offered = {value for value, _label in response.context["form"].fields["buddy"].choices}
    assert offered == {half_full.pk, free.pk}
    html = response.content.decode()
    assert "Hanna" in html and "(coaches 1 of 2)" in html
    assert "Femke" in html
    for absent in (cast.buddy.first_name, "Wouter", "Ingrid"):
        assert absent not in html


def test_pairing_through_the_form_matches_the_household_and_returns_to_it(
    coordinator_client, cast, journey, frozen_today
):
    waiting = journey(Phase.MATCHING)

    response = coordinator_client.post(
        _url("pair", waiting),
        {"version": 1, "buddy": cast.buddy.pk, "backup": "", "paired_on": "2025-06-16"},
        follow=True,
    )

    assert response.redirect_chain == [(_url("household", waiting), 302)]
    assert "Start the year at the first meeting." in response.content.decode()
    paired = Trajectory.objects.get(pk=waiting.pk)
    assert (paired.phase, paired.buddy, paired.backup) == (Phase.MATCHED, cast.buddy, cast.backup)


def test_a_buddy_who_is_full_cannot_be_posted_into_the_pair_form(coordinator_client, cast, journey):
    journey(Phase.ACTIVE)
    waiting = journey(Phase.MATCHING)

    response = coordinator_client.post(
        _url("pair", waiting), {"version": 1, "buddy": cast.buddy.pk, "paired_on": "2025-06-16"}
    )

    assert response.status_code == 422
    assert "buddy" in response.context["form"].errors
    assert Trajectory.objects.get(pk=waiting.pk).phase == Phase.MATCHING


def test_a_post_with_a_stale_version_says_someone_else_changed_it_and_changes_nothing(
    coordinator_client, cast, journey
):
    # The coordinator opened the drop-out form at version 1; a colleague started the intake.
    trajectory = journey(Phase.REFERRED)
    Trajectory.objects.filter(pk=trajectory.pk).update(phase=Phase.INTAKE, version=2)

    response = coordinator_client.post(
        _url("drop_out", trajectory),
        {"version": 1, "reason": DropOutReason.MOVED, "on": "2025-06-16", "note": ""},
    )

    assert response.status_code == 422
    assert "Someone else changed this household in the meantime." in response.content.decode()
    after = Trajectory.objects.get(pk=trajectory.pk)
    assert (after.phase, after.version, after.drop_out_reason) == (Phase.INTAKE, 2, "")
    assert not after.phase_changes.exists()


def test_the_forms_carry_the_version_the_user_saw(coordinator_client, journey):
    trajectory = journey(Phase.ACTIVE)
    Trajectory.objects.filter(pk=trajectory.pk).update(version=5)

    response = coordinator_client.get(_url("drop_out", trajectory))

    assert response.context["form"]["version"].value() == 5
    assert 'name="version" value="5"' in response.content.decode()


def test_closing_an_active_year_early_shows_why_on_the_form(coordinator_client, journey):
    trajectory = journey(Phase.ACTIVE, matched_on=dt.date(2025, 2, 3))

    response = coordinator_client.post(
        _url("close", trajectory),
        {"version": 1, "on": "2025-06-16", "note": "", "nothing_reached": "on"},
    )

    assert response.status_code == 422
    assert "To end it earlier, record a drop-out with the reason." in response.content.decode()
    assert Trajectory.objects.get(pk=trajectory.pk).phase == Phase.ACTIVE


def test_a_form_with_missing_fields_answers_422_and_changes_nothing(coordinator_client, journey):
    trajectory = journey(Phase.ACTIVE)

    response = coordinator_client.post(_url("drop_out", trajectory), {"version": 1})

    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"reason", "on"}
    assert Trajectory.objects.get(pk=trajectory.pk).phase == Phase.ACTIVE


def test_coordinator_starts_the_intake_from_its_page(coordinator_client, journey):
    trajectory = journey(Phase.REFERRED)

    response = coordinator_client.post(_url("start_intake", trajectory), {"version": 1})

    assert response.status_code == 302
    assert response["Location"] == _url("household", trajectory)
    assert Trajectory.objects.get(pk=trajectory.pk).phase == Phase.INTAKE


def test_coordinator_records_a_drop_out_from_its_page(coordinator_client, journey):
    trajectory = journey(Phase.ACTIVE)

    response = coordinator_client.post(
        _url("drop_out", trajectory),
        {"version": 1, "reason": DropOutReason.HEALTH, "on": "2025-06-16", "note": "Hospital."},
    )

    assert response.status_code == 302
    after = Trajectory.objects.get(pk=trajectory.pk)
    assert (after.phase, after.drop_out_reason) == (Phase.DROPPED_OUT, DropOutReason.HEALTH)


def test_buddy_starts_the_aftercare_from_its_page(client, cast, journey):
    trajectory = journey(Phase.ACTIVE, matched_on=dt.date(2024, 6, 16))
    client.force_login(cast.buddy)

    response = client.post(
        _url("start_aftercare", trajectory), {"version": 1, "start_on": "2025-06-16"}
    )

    assert response.status_code == 302
    assert Trajectory.objects.get(pk=trajectory.pk).phase == Phase.AFTERCARE


def test_a_page_for_another_phase_is_404_even_for_the_coordinator(coordinator_client, journey):
    trajectory = journey(Phase.ACTIVE)

    for name in ("start_intake", "intake", "pair"):
        assert coordinator_client.get(_url(name, trajectory)).status_code == 404, name


def test_a_buddy_who_left_the_programme_is_not_offered(coordinator_client, cast, journey):
    ProgrammeRole.objects.filter(user=cast.buddy).update(active=False)
    waiting = journey(Phase.MATCHING)

    response = coordinator_client.get(_url("pair", waiting))

    assert response.context["form"].fields["buddy"].choices == []
