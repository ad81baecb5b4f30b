"""Someone edits an id into a form post by hand: refused, and nothing changes."""

import pytest
from django.urls import reverse

from kansrijk.core.phases import Phase
from kansrijk.people.choices import Role
from tests.factories import ProgrammeRoleFactory, UserFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_pairing_with_a_buddy_of_another_programme_is_refused(client, cast, journey):
    waiting = journey(Phase.MATCHING)
    outsider = UserFactory()
    ProgrammeRoleFactory(user=outsider, programme=cast.other_programme, role=Role.BUDDY)
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("pair", args=[waiting.household.uuid]),
        {
            "buddy": outsider.pk,
            "paired_on": waiting.referred_on.isoformat(),
            "version": waiting.version,
        },
    )

    assert response.status_code == 422
    waiting.refresh_from_db()
    assert waiting.phase == Phase.MATCHING
    assert waiting.buddy_id != outsider.pk


def test_pairing_with_a_backup_of_another_programme_is_refused(client, cast, journey):
    waiting = journey(Phase.MATCHING)
    outsider = UserFactory()
    ProgrammeRoleFactory(user=outsider, programme=cast.other_programme, role=Role.BACKUP)
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("pair", args=[waiting.household.uuid]),
        {
            "buddy": cast.buddy.pk,
            "backup": outsider.pk,
            "paired_on": waiting.referred_on.isoformat(),
            "version": waiting.version,
        },
    )

    assert response.status_code == 422
    waiting.refresh_from_db()
    assert waiting.phase == Phase.MATCHING


def test_a_referral_into_an_area_of_another_programme_is_refused(client, cast):
    other_area = cast.other_programme.areas.create(
        name="Elders", slug="elders", joined_on=cast.programme.started_on
    )
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("refer", args=[cast.programme.slug]),
        {"area": other_area.pk, "given_name": "A", "family_name": "B"},
    )

    assert response.status_code == 422
    assert not other_area.households.exists()
