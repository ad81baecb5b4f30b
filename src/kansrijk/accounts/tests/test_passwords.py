"""Passwords: reset by e-mail with a one-time link, change on the security page, and the rules."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry

from .helpers import PASSWORD, log_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "fietsen-langs-het-reitdiep"


def _reset_link(client, email: str) -> str:
    response = client.post(reverse("password_reset"), {"email": email})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    return re.search(r"https?://testserver(/password-reset/\S+/)", mail.outbox[0].body).group(1)


def test_the_login_page_offers_a_password_reset(client, db):
    html = client.get(reverse("login")).content.decode()

    assert f'href="{reverse("password_reset")}"' in html
    assert "Forgot your password?" in html


def test_password_reset_sends_a_mail_with_a_link_that_sets_a_new_password(
    client, cast, with_password
):
    with_password(cast.buddy)
    link = _reset_link(client, cast.buddy.email)

    message = mail.outbox[0]
    assert message.to == [cast.buddy.email]
    assert message.subject == "Choose a new password for kansrijk"
    assert "Your user name is buddy." in message.body
    assert str(cast.buddy.uuid) in link  # the public id, never the database id
    form_page = client.get(link)
    assert form_page.status_code == 302  # the token moves into the session, out of the URL
    response = client.post(
        form_page["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response["Location"] == reverse("password_reset_complete")
    cast.buddy.refresh_from_db()
    assert cast.buddy.check_password(NEW_PASSWORD)
    assert log_in(client, "buddy", NEW_PASSWORD).status_code == 302
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE)
    assert (entry.actor, entry.detail) == (cast.buddy, "password reset")


def test_a_reset_link_works_only_once(client, cast, with_password):
    with_password(cast.buddy)
    link = _reset_link(client, cast.buddy.email)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = client.get(link)

    assert "This link no longer works" in response.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})

    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_password_reset_ends_a_lockout_on_that_name(client, cast, with_password):
    with_password(cast.buddy)
    for _ in range(5):
        log_in(client, "buddy", "not-the-password")
    assert log_in(client, "buddy").status_code == 429

    link = _reset_link(client, cast.buddy.email)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert log_in(client, "buddy", NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort-wachtw", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("839205718364", "This password is entirely numeric."),
    ],
)
def test_a_new_password_must_be_long_and_not_a_known_one(
    client, cast, with_password, password, message
):
    with_password(cast.buddy)
    link = _reset_link(client, cast.buddy.email)
    form_url = client.get(link)["Location"]

    response = client.post(form_url, {"new_password1": password, "new_password2": password})

    assert response.status_code == 200
    assert message in response.content.decode()
    cast.buddy.refresh_from_db()
    assert not cast.buddy.check_password(password)


def test_a_logged_in_user_changes_their_password_and_stays_logged_in(client, cast, with_password):
    with_password(cast.buddy)
    client.force_login(cast.buddy)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("security")
    assert "Your password is changed." in response.content.decode()
    cast.buddy.refresh_from_db()
    assert cast.buddy.check_password(NEW_PASSWORD)
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE)
    assert (entry.actor, entry.detail) == (cast.buddy, "password changed")


def test_changing_the_password_needs_the_current_one(client, cast, with_password):
    with_password(cast.buddy)
    client.force_login(cast.buddy)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": "a wrong guess",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 200
    cast.buddy.refresh_from_db()
    assert cast.buddy.check_password(PASSWORD)


def test_the_password_pages_need_a_login_but_the_reset_pages_do_not(client, db):
    assert client.get(reverse("password_change"))["Location"].startswith(reverse("login"))
    assert client.get(reverse("security"))["Location"].startswith(reverse("login"))
    assert client.get(reverse("password_reset")).status_code == 200
    assert client.get(reverse("password_reset_done")).status_code == 200
    assert client.get(reverse("password_reset_complete")).status_code == 200
