"""Every page carries a strict Content-Security-Policy and the other security headers."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from kansrijk.core.middleware import NoStoreForLoggedInPagesMiddleware
from kansrijk.core.phases import Phase

pytestmark = pytest.mark.django_db


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def _pages(cast, journey) -> dict[str, tuple]:
    """Name → (who is logged in, URL): a page of every role, a form, a partial and an error."""
    household = journey(Phase.ACTIVE, matched_on=dt.date(2025, 1, 6)).household
    return {
        "login": (None, reverse("login")),
        "not found": (None, "/no-such-page/"),
        "dashboard": (cast.coordinator, reverse("programme", args=[cast.programme.slug])),
        "household": (cast.coordinator, reverse("household", args=[household.uuid])),
        "referral form": (cast.coordinator, reverse("refer", args=[cast.programme.slug])),
        "contact form": (cast.buddy, reverse("log_contact", args=[household.uuid])),
        "buddy home": (cast.buddy, reverse("buddy_home")),
        "backup home": (cast.backup, reverse("backup_home")),
        "figures": (cast.funder, reverse("figures")),
    }


def test_every_page_has_a_strict_content_security_policy(client, cast, journey):
    for name, (user, url) in _pages(cast, journey).items():
        if user:
            client.force_login(user)
        response = client.get(url)

        policy = _policy(response)
        assert policy["default-src"] == ["'self'"], name
        assert policy["script-src"] == ["'self'"], name
        assert policy["style-src"] == ["'self'"], name
        assert policy["img-src"] == ["'self'", "data:"], name
        assert policy["form-action"] == ["'self'"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        assert policy["base-uri"] == ["'self'"], name
        assert policy["object-src"] == ["'none'"], name
        client.logout()


def test_no_page_allows_inline_code_or_eval(client, cast, journey):
    for name, (user, url) in _pages(cast, journey).items():
        if user:
            client.force_login(user)
        header = client.get(url)["Content-Security-Policy"]

        assert "'unsafe-inline'" not in header, name
        assert "'unsafe-eval'" not in header, name
        assert "nonce-" not in header, name
        client.logout()


def test_a_logged_in_page_forbids_camera_microphone_location_and_payment(client, cast):
    client.force_login(cast.coordinator)

    response = client.get(reverse("programme", args=[cast.programme.slug]))

    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=(), payment=()"


def test_a_logged_in_page_may_not_be_stored_by_the_browser(client, cast, journey):
    household = journey(Phase.ACTIVE, matched_on=dt.date(2025, 1, 6)).household
    client.force_login(cast.buddy)

    response = client.get(reverse("household", args=[household.uuid]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_the_household_list_swapped_in_by_htmx_may_not_be_stored_either(client, cast, journey):
    journey(Phase.ACTIVE, matched_on=dt.date(2025, 1, 6))
    client.force_login(cast.coordinator)

    response = client.get(
        reverse("programme_households", args=[cast.programme.slug]), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_a_page_for_someone_not_logged_in_is_not_marked_no_store(client, db):
    response = client.get("/no-such-page/")

    assert "Cache-Control" not in response
    assert "Permissions-Policy" in response


def test_a_view_that_sets_its_own_cache_control_keeps_it(client, cast):
    client.force_login(cast.coordinator)

    response = client.get(reverse("admin:login"))  # the admin marks its pages never_cache

    assert "no-store" in response["Cache-Control"]
    assert response["Cache-Control"] != "no-store"


def test_pages_open_no_window_to_other_sites_and_refuse_to_be_framed(client, cast):
    client.force_login(cast.coordinator)

    response = client.get(reverse("programme", args=[cast.programme.slug]))

    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_csrf_cookie_cannot_be_read_by_scripts(client, db):
    response = client.get(reverse("login"))

    assert response.cookies["csrftoken"]["httponly"] is True


def test_the_session_cookie_is_not_sent_along_from_other_sites(client, cast):
    cast.coordinator.set_password("een-lang-wachtwoord")
    cast.coordinator.save(update_fields=["password"])

    response = client.post(
        reverse("login"), {"username": "coordinator", "password": "een-lang-wachtwoord"}
    )

    assert response.status_code == 302
    assert response.cookies["sessionid"]["samesite"] == "Lax"
    assert response.cookies["sessionid"]["httponly"] is True


def _through_no_store(user, cache_control: str | None):
    """What the middleware makes of a response a view gave with this Cache-Control."""

    def view(request):
        response = HttpResponse(b"figures", content_type="text/csv")
        if cache_control:
            response["Cache-Control"] = cache_control
        return response

    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return NoStoreForLoggedInPagesMiddleware(view)(request)


def test_a_logged_in_answer_that_a_view_let_be_cached_gets_no_store_added(cast):
    response = _through_no_store(cast.coordinator, "max-age=3600")

    assert "no-store" in response["Cache-Control"]


def test_an_answer_to_someone_not_logged_in_keeps_the_views_own_cache_control(db):
    assert _through_no_store(None, "max-age=3600")["Cache-Control"] == "max-age=3600"
    assert "Cache-Control" not in _through_no_store(None, None)
