"""The signed-in user is read once per request with their active roles and confirmed apps
(`selectors.signed_in_user`): the same answers as reading each on its own, and none of them
kept past the request: a role or app removed counts from the next page on."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from kansrijk.access.viewer import roles_of
from kansrijk.accounts.backends import PasswordBackend
from kansrijk.accounts.selectors import signed_in_user
from kansrijk.people.choices import Role
from kansrijk.people.models import ProgrammeRole
from tests.factories import ProgrammeFactory, ProgrammeRoleFactory

from .helpers import pass_second_factor

pytestmark = pytest.mark.django_db


def _verified(client, user, app_of):
    device = app_of(user)
    client.force_login(user)
    pass_second_factor(client, device)
    return device


def test_the_roles_read_with_the_user_are_those_read_alone(cast):
    zuid = ProgrammeFactory(name="Kansrijk Zuid", slug="zuid")
    ProgrammeRoleFactory(user=cast.buddy, programme=zuid, role=Role.DOORBRAAK)
    ProgrammeRoleFactory(user=cast.buddy, programme=cast.other_programme, role=Role.BACKUP)
    ProgrammeRoleFactory(user=cast.buddy, programme=zuid, role=Role.FUNDER, active=False)

    user = signed_in_user(cast.buddy.pk)
    alone = list(
        ProgrammeRole.objects.filter(user=cast.buddy, active=True).select_related(
            "programme", "default_backup"
        )
    )

    read = roles_of(user)
    assert read == alone
    assert [(r.programme.name, r.default_backup) for r in read] == [
        (r.programme.name, r.default_backup) for r in alone
    ]
    assert [r.role for r in read] == [Role.BUDDY, Role.BACKUP, Role.DOORBRAAK]
    assert read[0].default_backup == cast.backup


def test_only_confirmed_apps_are_read_with_the_user(cast, app_of):
    confirmed = app_of(cast.coordinator)
    TOTPDevice.objects.create(user=cast.coordinator, name="pending", confirmed=False)

    user = signed_in_user(cast.coordinator.pk)

    assert user._kansrijk_confirmed_apps == [confirmed]


def test_a_user_without_roles_or_apps_is_read_whole(cast):
    user = signed_in_user(cast.stranger.pk)

    assert user == cast.stranger
    assert user.password == cast.stranger.password  # the session hash is made from it
    assert roles_of(user) == []
    assert user._kansrijk_confirmed_apps == []


def test_an_inactive_user_is_not_signed_in(cast):
    cast.stranger.is_active = False
    cast.stranger.save()

    assert PasswordBackend().get_user(cast.stranger.pk) is None
    assert PasswordBackend().get_user(999_999) is None


def test_a_verified_page_asks_the_session_and_the_user_only(client, cast, app_of, settings):
    settings.REQUIRE_TWO_FACTOR = True
    _verified(client, cast.backup, app_of)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("security"))

    assert response.status_code == 200
    assert response.context["device"].user == cast.backup
    assert response.context["required"]  # a staff member: the roles were read
    assert len(queries) == 2, [q["sql"][:80] for q in queries]


def test_an_app_unconfirmed_since_stops_counting_on_the_next_page(
    client, cast, app_of, require_two_factor
):
    device = _verified(client, cast.coordinator, app_of)
    home = reverse("security")
    assert client.get(home).status_code == 200

    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=False)
    response = client.get(home)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_an_app_deleted_since_stops_counting_on_the_next_page(
    client, cast, app_of, require_two_factor
):
    device = _verified(client, cast.coordinator, app_of)

    device.delete()
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_another_users_app_in_the_session_does_not_count(client, cast, app_of, require_two_factor):
    theirs = app_of(cast.funder)
    client.force_login(cast.coordinator)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = theirs.persistent_id
    session.save()

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_a_role_removed_is_gone_on_the_next_page(client, cast):
    client.force_login(cast.coordinator)
    dashboard = reverse("programme", args=[cast.programme.slug])
    assert client.get(dashboard).status_code == 200

    ProgrammeRole.objects.filter(user=cast.coordinator).update(active=False)

    assert client.get(dashboard).status_code == 404


def test_a_changed_password_ends_the_other_sessions(client, cast):
    client.force_login(cast.coordinator)
    assert client.get(reverse("security")).status_code == 200

    cast.coordinator.set_password("een-ander-lang-wachtwoord")
    cast.coordinator.save()
    response = client.get(reverse("security"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_query_compiled_once_reads_what_the_orm_reads(cast, app_of):
    from kansrijk.accounts import selectors

    app_of(cast.buddy)
    ProgrammeRoleFactory(user=cast.buddy, programme=cast.other_programme, role=Role.BACKUP)

    for user in (cast.buddy, cast.stranger):
        assert selectors._signed_in_rows(user.pk) == list(selectors._signed_in_rows_query(user.pk))
