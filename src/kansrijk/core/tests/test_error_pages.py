"""Error pages: calm, translated, in the product's style, with a way back to the start."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kansrijk.core.tests.failing_urls")]


@pytest.fixture
def browser() -> Client:
    """A browser that gets the error page instead of the test seeing the exception."""
    return Client(headers={"accept-language": "en"}, raise_request_exception=False)


def _assert_error_page(response, status: int, heading: str) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert f'<h1 id="error-title">{heading}</h1>' in html
    assert f"Error {status}" in html
    assert 'href="/">Go to the start page</a>' in html
    assert "kansrijk/kansrijk.css" in html
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    return html


def test_an_unknown_address_shows_the_not_found_page(browser):
    _assert_error_page(browser.get("/no-such-page/"), 404, "Page not found")


def test_a_household_someone_may_not_see_shows_the_same_not_found_page(browser, cast, journey):
    household = journey().household
    browser.force_login(cast.other_coordinator)

    html = _assert_error_page(
        browser.get(reverse("household", args=[household.uuid])), 404, "Page not found"
    )

    assert str(household) not in html


def test_a_failure_on_our_side_shows_the_500_page(browser):
    html = _assert_error_page(
        browser.get("/test-errors/500/"), 500, "Something went wrong on our side"
    )

    assert "It is not your fault." in html
    assert "deliberate failure" not in html


def test_a_request_we_cannot_read_shows_the_400_page(browser):
    html = _assert_error_page(browser.get("/test-errors/400/"), 400, "Something went wrong")

    assert "deliberately odd" not in html


def test_a_refused_page_shows_the_403_page_with_the_menu(browser, cast):
    browser.force_login(cast.coordinator)

    html = _assert_error_page(browser.get("/test-errors/403/"), 403, "No access")

    assert "Log out" in html


def test_a_form_sent_without_its_csrf_token_explains_what_to_do(cast):
    browser = Client(headers={"accept-language": "en"}, enforce_csrf_checks=True)
    browser.force_login(cast.coordinator)

    response = browser.post(reverse("logout"))

    _assert_error_page(response, 403, "The form was not sent")
    assert "load the page again" in response.content.decode()


def test_the_not_found_page_speaks_dutch_by_default(db):
    # A participant sees this page too: its words carry her context (docs/translations.md).
    with translation.override("nl"):
        dutch = [
            translation.pgettext("participant", text)
            for text in ("Page not found", "Go to the start page")
        ]
    assert dutch == ["Pagina niet gevonden", "Naar de startpagina"]

    response = Client(raise_request_exception=False).get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert all(text in html for text in dutch)
