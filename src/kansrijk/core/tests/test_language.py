from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

import kansrijk

pytestmark = pytest.mark.django_db

DUTCH_CATALOGUE = Path(kansrijk.__file__).parent / "locale/nl/LC_MESSAGES/django.mo"
needs_dutch_catalogue = pytest.mark.skipif(
    not DUTCH_CATALOGUE.exists(),
    reason="the Dutch catalogue locale/nl/LC_MESSAGES/django.mo is not compiled yet",
)


def _in_dutch(text: str, context: str | None = None) -> str:
    with translation.override("nl"):
        return translation.pgettext(context, text) if context else translation.gettext(text)


@needs_dutch_catalogue
def test_login_page_is_dutch_by_default():
    # A browser that states no language preference gets the default language.
    response = Client().get(reverse("login"))

    html = response.content.decode()
    assert '<html lang="nl" dir="ltr">' in html
    # The login page is also the participant's: its words carry her context (docs/translations.md).
    for text in ("Log in", "Skip to the content"):
        dutch = _in_dutch(text, "participant")
        assert dutch != text, f"{text!r} has no Dutch translation"
        assert dutch in html
    assert "Skip to the content" not in html


@needs_dutch_catalogue
def test_coordinator_dashboard_is_dutch_by_default(cast):
    browser = Client()
    browser.force_login(cast.coordinator)

    response = browser.get(reverse("programme", args=[cast.programme.slug]))

    html = response.content.decode()
    assert _in_dutch("Needs attention") != "Needs attention"
    assert _in_dutch("Needs attention") in html
    assert "Needs attention" not in html


def test_a_browser_asking_for_english_gets_english(client):
    response = client.get(reverse("login"))

    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Skip to the content" in html


def test_the_language_switch_remembers_the_choice():
    browser = Client()

    response = browser.post(reverse("set_language"), {"language": "en", "next": "/login/"})

    assert response.status_code == 302
    assert '<html lang="en" dir="ltr">' in browser.get(reverse("login")).content.decode()
