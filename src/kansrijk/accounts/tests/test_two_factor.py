"""The second factor: staff set up an authenticator app, then type its code after the password.

Pages are refused (sent to the two-factor page) until the code is right; wrong codes are
logged and throttled; without REQUIRE_TWO_FACTOR only users who chose an app are asked.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.accounts.selectors import secret_in_groups
from kansrijk.accounts.sessions import IDP_MFA_SESSION_KEY
from kansrijk.people.choices import Role
from tests.factories import ProgrammeRoleFactory, UserFactory

from .helpers import code_for, log_in, pass_second_factor, pending_app, wrong_code_for

pytestmark = pytest.mark.django_db


def _setup_url(next_url: str) -> str:
    return f"{reverse('two_factor_setup')}?next={next_url}"


def _verify_url(next_url: str) -> str:
    return f"{reverse('two_factor')}?next={next_url}"


# ---- REQUIRE_TWO_FACTOR on: staff without an app must set one up ----


def test_staff_without_an_app_are_sent_to_set_one_up_after_the_password(
    client, cast, with_password, require_two_factor
):
    with_password(cast.coordinator)

    response = log_in(client, "coordinator")
    assert response["Location"] == reverse("home")
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == _setup_url("/")


def test_staff_without_an_app_cannot_open_any_page_until_they_confirm_one(
    client, cast, journey, require_two_factor
):
    trajectory = journey()
    urls = [
        reverse("home"),
        reverse("programme", args=[cast.programme.slug]),
        reverse("programme_households", args=[cast.programme.slug]),
        reverse("household", args=[trajectory.household.uuid]),
        reverse("security"),
        reverse("password_change"),
        reverse("figures"),
    ]
    client.force_login(cast.coordinator)

    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == _setup_url(url)
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW).exists()


@pytest.mark.parametrize(
    "role", [Role.BUDDY, Role.BACKUP, Role.FUNDER, Role.DOORBRAAK, Role.REFERRER]
)
def test_every_role_must_set_up_an_app(client, cast, role, require_two_factor):
    user = UserFactory()
    ProgrammeRoleFactory(user=user, programme=cast.programme, role=role)
    client.force_login(user)

    response = client.get(reverse("security"))

    assert response["Location"] == _setup_url(reverse("security"))


def test_admin_users_must_set_up_an_app_too(client, db, require_two_factor):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:index"))

    assert response["Location"] == _setup_url(reverse("admin:index"))


def test_someone_without_a_role_is_not_asked_for_a_second_factor(client, cast, require_two_factor):
    client.force_login(cast.stranger)

    assert client.get(reverse("security")).status_code == 200


def test_staff_may_log_out_and_switch_language_before_the_second_factor(
    client, cast, require_two_factor
):
    client.force_login(cast.coordinator)

    language = client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    logout = client.post(reverse("logout"))

    assert language.status_code == 302
    assert logout["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_the_setup_page_shows_a_qr_code_and_the_key_in_groups_of_four(
    client, cast, require_two_factor
):
    client.force_login(cast.coordinator)

    response = client.get(reverse("two_factor_setup"), {"next": "/"})

    html = response.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.coordinator).exists()  # kept in the session
    assert re.search(r'<svg role="img" aria-label="[^"]+"[^>]*class="qr__code"', html)
    assert "<img" not in html
    groups = response.context["secret"].split(" ")
    assert len(groups) == 8 and all(len(group) == 4 for group in groups)
    assert response.context["secret"] in html
    assert secret_in_groups(pending_app(client)) == response.context["secret"]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_reloading_the_setup_page_keeps_the_same_key(client, cast, require_two_factor):
    client.force_login(cast.coordinator)

    first = client.get(reverse("two_factor_setup")).context["secret"]
    second = client.get(reverse("two_factor_setup")).context["secret"]

    assert first == second
    assert not TOTPDevice.objects.filter(user=cast.coordinator).exists()  # nothing stored yet


def test_a_right_code_turns_the_app_on_and_opens_the_pages(client, cast, require_two_factor):
    client.force_login(cast.coordinator)
    client.get(reverse("two_factor_setup"))
    device = pending_app(client)
    programme_url = reverse("programme", args=[cast.programme.slug])

    response = client.post(
        reverse("two_factor_setup"), {"code": code_for(device), "next": programme_url}
    )

    assert response["Location"] == programme_url
    stored = TOTPDevice.objects.get(user=cast.coordinator)
    assert (stored.key, stored.confirmed) == (device.key, True)
    assert client.get(programme_url).status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE)
    assert (entry.actor, entry.detail) == (cast.coordinator, "second factor set up")


def test_a_wrong_code_during_setup_turns_nothing_on(client, cast, require_two_factor):
    client.force_login(cast.coordinator)
    client.get(reverse("two_factor_setup"))
    device = pending_app(client)

    response = client.post(reverse("two_factor_setup"), {"code": wrong_code_for(device)})

    assert response.status_code == 200
    assert "That code is not right." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.coordinator).exists()
    assert client.get(reverse("security"))["Location"].startswith(reverse("two_factor_setup"))
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (entry.actor, entry.detail) == (cast.coordinator, "second factor setup")


def test_a_code_that_is_not_six_digits_gets_a_clear_message(client, cast, require_two_factor):
    client.force_login(cast.coordinator)

    response = client.post(reverse("two_factor_setup"), {"code": "12ab"})

    assert "Type the 6 digits your app shows." in response.content.decode()


# ---- with an app: the code after the password ----


def test_staff_with_an_app_are_asked_for_its_code_after_the_password(
    client, cast, with_password, app_of, require_two_factor
):
    with_password(cast.coordinator)
    app_of(cast.coordinator)

    log_in(client, "coordinator")
    response = client.get(reverse("home"))

    assert response["Location"] == _verify_url("/")
    assert client.get(reverse("two_factor_setup"))["Location"].startswith(reverse("two_factor"))


def test_a_wrong_code_is_refused_and_logged(client, cast, app_of, require_two_factor):
    device = app_of(cast.coordinator)
    client.force_login(cast.coordinator)

    response = client.post(reverse("two_factor"), {"code": wrong_code_for(device), "next": "/"})

    assert response.status_code == 200
    assert "That code is not right." in response.content.decode()
    assert client.get(reverse("security"))["Location"] == _verify_url(reverse("security"))
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (entry.actor, entry.detail, entry.ip_address) == (
        cast.coordinator,
        "second factor",
        "127.0.0.1",
    )


def test_the_right_code_lets_them_in(client, cast, app_of, require_two_factor):
    device = app_of(cast.coordinator)
    client.force_login(cast.coordinator)
    session_key = client.session.session_key
    programme_url = reverse("programme", args=[cast.programme.slug])

    response = client.post(reverse("two_factor"), {"code": code_for(device), "next": programme_url})

    assert response["Location"] == programme_url
    assert client.get(programme_url).status_code == 200
    assert client.session.session_key != session_key  # a fresh key once fully signed in
    entry = AuditEntry.objects.filter(action=AuditAction.LOGIN).first()
    assert (entry.actor, entry.detail) == (cast.coordinator, "second factor")


def test_a_code_cannot_be_used_twice(client, cast, app_of, require_two_factor):
    device = app_of(cast.coordinator)
    code = code_for(device)
    client.force_login(cast.coordinator)
    client.post(reverse("two_factor"), {"code": code})
    client.logout()
    client.force_login(cast.coordinator)

    response = client.post(reverse("two_factor"), {"code": code})

    assert response.status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 1


def test_after_a_wrong_code_the_next_try_must_wait_a_moment(
    client, cast, app_of, require_two_factor
):
    device = app_of(cast.coordinator)
    with time_machine.travel(dt.datetime(2025, 6, 16, 10, 0, 5, tzinfo=dt.UTC), tick=False) as t:
        client.force_login(cast.coordinator)
        client.post(reverse("two_factor"), {"code": wrong_code_for(device)})

        too_soon = client.post(reverse("two_factor"), {"code": code_for(device)})
        t.shift(dt.timedelta(seconds=2))
        in_time = client.post(reverse("two_factor"), {"code": code_for(device), "next": "/"})

    assert "Too many wrong codes. Wait 1 second," in too_soon.content.decode()
    assert in_time.status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 2


def test_the_next_page_must_be_on_this_site(client, cast, app_of, require_two_factor):
    device = app_of(cast.coordinator)
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("two_factor"), {"code": code_for(device), "next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("home")


def test_a_password_alone_cannot_replace_the_app(client, cast, app_of, require_two_factor):
    app_of(cast.coordinator)
    client.force_login(cast.coordinator)

    response = client.get(reverse("two_factor_setup"))

    assert response["Location"].startswith(reverse("two_factor"))
    assert TOTPDevice.objects.filter(user=cast.coordinator).count() == 1


def test_after_the_code_a_new_phone_can_replace_the_old_app(client, cast, app_of):
    old = app_of(cast.coordinator)
    client.force_login(cast.coordinator)
    pass_second_factor(client, old)

    page = client.get(reverse("two_factor_setup"))
    new = pending_app(client)
    response = client.post(reverse("two_factor_setup"), {"code": code_for(new), "next": "/"})

    assert page.context["replacing"]
    assert response.status_code == 302
    [kept] = TOTPDevice.objects.filter(user=cast.coordinator)
    assert (kept.key, kept.confirmed) == (new.key, True)
    assert kept.key != old.key


# ---- REQUIRE_TWO_FACTOR off (development, the demo) ----


def test_without_the_requirement_nobody_is_forced(client, cast, settings):
    settings.REQUIRE_TWO_FACTOR = False
    client.force_login(cast.coordinator)

    assert client.get(reverse("programme", args=[cast.programme.slug])).status_code == 200
    assert client.get(reverse("security")).status_code == 200
    assert not TOTPDevice.objects.exists()


def test_without_the_requirement_a_user_who_set_up_an_app_still_types_its_code(
    client, cast, app_of, settings
):
    settings.REQUIRE_TWO_FACTOR = False
    device = app_of(cast.buddy)
    client.force_login(cast.buddy)

    assert client.get(reverse("security"))["Location"] == _verify_url(reverse("security"))
    pass_second_factor(client, device)
    assert client.get(reverse("security")).status_code == 200


def test_anyone_can_set_up_an_app_from_the_security_page(client, cast, settings):
    settings.REQUIRE_TWO_FACTOR = False
    client.force_login(cast.buddy)

    page = client.get(reverse("security"))
    client.get(reverse("two_factor_setup"))
    device = pending_app(client)
    response = client.post(
        reverse("two_factor_setup"), {"code": code_for(device), "next": reverse("security")}
    )

    assert reverse("two_factor_setup") in page.content.decode()
    assert response["Location"] == reverse("security")
    assert "Two-step verification is on." in client.get(reverse("security")).content.decode()


def test_where_not_required_the_app_can_be_turned_off(client, cast, app_of, settings):
    settings.REQUIRE_TWO_FACTOR = False
    device = app_of(cast.buddy)
    client.force_login(cast.buddy)
    pass_second_factor(client, device)

    response = client.post(reverse("two_factor_remove"))

    assert response["Location"] == reverse("security")
    assert not TOTPDevice.objects.exists()
    assert client.get(reverse("security")).status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE)
    assert entry.detail == "second factor removed"


def test_where_required_the_app_cannot_be_turned_off(client, cast, app_of, require_two_factor):
    device = app_of(cast.buddy)
    client.force_login(cast.buddy)
    pass_second_factor(client, device)

    page = client.get(reverse("security"))
    client.post(reverse("two_factor_remove"))

    assert reverse("two_factor_remove") not in page.content.decode()
    assert TOTPDevice.objects.filter(user=cast.buddy).exists()


# ---- single sign-on whose identity provider does the MFA ----


def _idp_login(client, user) -> None:
    client.force_login(user)
    session = client.session
    session[IDP_MFA_SESSION_KEY] = True
    session.save()


def test_a_login_through_a_provider_trusted_for_mfa_needs_no_second_code(
    client, cast, settings, require_two_factor
):
    settings.OIDC_TRUSTED_MFA = True
    _idp_login(client, cast.coordinator)

    assert client.get(reverse("security")).status_code == 200


def test_without_trust_in_the_provider_the_second_factor_is_still_asked(
    client, cast, settings, require_two_factor
):
    settings.OIDC_TRUSTED_MFA = False
    _idp_login(client, cast.coordinator)

    assert client.get(reverse("security"))["Location"] == _setup_url(reverse("security"))


def test_wrong_codes_while_setting_up_make_the_next_try_wait(client, cast, require_two_factor):
    """The setup page keeps no device in the database, so its throttle lives in the session:
    the same doubling wait as for a confirmed app, and a right code meanwhile is refused too."""
    client.force_login(cast.coordinator)
    client.get(reverse("two_factor_setup"))
    device = pending_app(client)

    with time_machine.travel(dt.datetime(2025, 6, 16, 10, 0, 0), tick=False):
        client.post(reverse("two_factor_setup"), {"code": wrong_code_for(device)})
        waiting = client.post(reverse("two_factor_setup"), {"code": code_for(device)})
    with time_machine.travel(dt.datetime(2025, 6, 16, 10, 0, 5), tick=False):
        later = client.post(reverse("two_factor_setup"), {"code": code_for(device), "next": "/"})

    assert "Too many wrong codes. Wait 1 second," in waiting.content.decode()
    assert later.status_code == 302
    assert TOTPDevice.objects.get(user=cast.coordinator).confirmed
