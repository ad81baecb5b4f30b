"""Checks on free text that services receive, so every app refuses it in the same words."""

from django.utils.translation import gettext as _

from .errors import Refused


def checked_text(text: str | None, limit: int, empty: str | None = None) -> str:
    """The text without surrounding spaces; refused when longer than `limit` characters.

    With `empty`, an empty text is refused with that message; without it, empty is allowed.
    """
    text = (text or "").strip()
    if not text and empty:
        raise Refused(empty)
    if len(text) > limit:
        raise Refused(
            _("Keep it shorter: at most %(limit)s characters (now %(count)s).")
            % {"limit": limit, "count": len(text)}
        )
    return text
