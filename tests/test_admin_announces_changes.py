"""Every save and delete made in the admin sends `configuration_changed` once, in the admin's
own transaction, so what is kept from configuration (the programmes' figures versions) follows."""

import pytest
from django.urls import reverse

from kansrijk.core.admin import configuration_changed
from kansrijk.people.models import Organisation
from kansrijk.trajectories import counts
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    senders = []

    def listen(sender, **kwargs):
        senders.append(sender)

    configuration_changed.connect(listen, dispatch_uid="test-heard")
    yield senders
    configuration_changed.disconnect(dispatch_uid="test-heard")


@pytest.fixture
def staff(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_an_add_a_change_and_a_delete_are_each_announced_once(staff, heard, cast):
    before = counts.figures_version(cast.programme.pk)
    data = {"name": "Voedselbank Groningen", "slug": "voedselbank", "kind": "charity"}

    assert staff.post(reverse("admin:people_organisation_add"), data).status_code == 302
    added = Organisation.objects.get(slug="voedselbank")
    assert heard == [Organisation]
    assert counts.figures_version(cast.programme.pk) not in (None, before)

    change = reverse("admin:people_organisation_change", args=[added.pk])
    assert staff.post(change, {**data, "name": "Voedselbank Stad"}).status_code == 302
    delete = reverse("admin:people_organisation_delete", args=[added.pk])
    assert staff.post(delete, {"post": "yes"}).status_code == 302

    assert heard == [Organisation] * 3


def test_a_bulk_delete_is_announced(staff, heard):
    for n in range(2):
        Organisation.objects.create(name=f"Buurthuis {n}", slug=f"buurthuis-{n}", kind="other")
    changelist = reverse("admin:people_organisation_changelist")

    response = staff.post(
        changelist,
        {
            "action": "delete_selected",
            "_selected_action": list(Organisation.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert not Organisation.objects.exists()
    assert heard == [Organisation]
