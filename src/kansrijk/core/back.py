"""Back links that return where the person came from.

A page reached from several places (a household from the filtered list, from "needs attention"
or from the waiting list) gets a link that carries the page it was opened from: `?back=<path>`
(the `with_back` tag makes such a link). The back link of the page it opens then returns there;
without `back`, or with one that is not a path on this site, it goes to the page's natural
parent. The address bar is the person's to edit and a link may come from outside, so `back` is
never trusted: only a local path passes, never another host (`//evil.example`), a scheme
(`javascript:`) or a control character. A form without `action` posts to its own address, so
`back` survives a form shown again with its errors.
"""

from urllib.parse import quote

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

PARAMETER = "back"


def local_path(request: HttpRequest, value: str | None) -> str | None:
    """`value` when it is a path on this site (with its query), else None."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return None
    if any(ord(character) < 32 or ord(character) == 127 for character in value):
        return None
    if not url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}):
        return None
    return value


def back_url(request: HttpRequest, fallback: str) -> str:
    """Where this page's back link goes: the page it was opened from, or else `fallback`."""
    came_from = local_path(request, request.GET.get(PARAMETER))
    if came_from is None or came_from.split("?")[0] == request.path:
        return fallback
    return came_from


def with_back(request: HttpRequest, url: str) -> str:
    """`url`, carrying this page as the place its back link returns to."""
    here = request.get_full_path()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}{PARAMETER}={quote(here, safe='/')}"
