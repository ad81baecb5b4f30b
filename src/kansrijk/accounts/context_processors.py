"""The footer's language switch: which languages it offers, and where it sends the choice."""

from django.http import HttpRequest
from django.urls import reverse

from kansrijk.people.languages import participant_languages, staff_languages


def language_switch(request: HttpRequest) -> dict:
    """A participant's choice is stored with her household (`my_language`); staff choose Dutch
    or English, and a visitor who is not logged in any language (both with Django's switch,
    which keeps the choice in a cookie)."""
    user = getattr(request, "user", None)
    if getattr(request, "speaks_her_language", False):
        return {
            "switch_action": reverse("my_language"),
            "switch_languages": participant_languages(),
        }
    if user is not None and user.is_authenticated:
        return {"switch_action": reverse("set_language"), "switch_languages": staff_languages()}
    return {"switch_action": reverse("set_language"), "switch_languages": participant_languages()}
