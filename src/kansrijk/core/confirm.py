"""One step back before a step that cannot be undone: a page that says what will change.

The form of such a step posts once without `confirm`, and gets this page; its button posts the
same fields again with `confirm=yes`, and only then does the service run. Plain HTML forms, so it
works without JavaScript, and a stray or repeated one-tap post never acts on its own.
"""

from dataclasses import dataclass, field

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRM_FIELD = "confirm"
CONFIRM_VALUE = "yes"


@dataclass(frozen=True)
class Confirmation:
    """What the page says: the question, what changes, what can be done afterwards."""

    title: str
    lead: str
    button: str
    cancel_url: str
    facts: list[str] = field(default_factory=list)
    afterwards: str = ""


def confirmed(request: HttpRequest) -> bool:
    """Whether this post comes from the confirm page's button."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == CONFIRM_VALUE


def confirm_page(
    request: HttpRequest, confirmation: Confirmation, form: forms.Form | None = None
) -> HttpResponse:
    """The page that asks; `form` holds the step's own (hidden) fields, posted again."""
    context = {
        "confirmation": confirmation,
        "form": form,
        "confirm_field": CONFIRM_FIELD,
        "confirm_value": CONFIRM_VALUE,
    }
    return render(request, "core/confirm_page.html", context)
