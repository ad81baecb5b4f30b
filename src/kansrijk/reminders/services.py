"""Sending the reminder e-mail: at most one digest per person per day.

The `ReminderDigest` row for (person, day) is written before the e-mail goes out, in its own
transaction, and the unique constraint decides: a second run the same day (or one running at
the same moment, on another node) finds the row and sends nothing. When sending fails the row
is removed again, so the next run tries once more. So a digest goes out at most once: a process
killed between the claim and the send leaves the claim, and that person misses one day's
digest rather than getting it twice.
"""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import ngettext

from kansrijk.access.audit import audit
from kansrijk.access.models import AuditAction

from .models import ReminderDigest
from .selectors import Digest


def render_digest(digest: Digest, *, day: dt.date, site_url: str) -> tuple[str, str, str]:
    """The subject, the plain text and the HTML of a digest, in the person's language (the
    items were worded in it already, by `selectors.digest_for`)."""
    with translation.override(digest.language):
        subject = ngettext(
            "kansrijk: %(count)s thing to do",
            "kansrijk: %(count)s things to do",
            digest.count,
        ) % {"count": digest.count}
        context = {
            "digest": digest,
            "day": day,
            "site_url": site_url.rstrip("/"),
            "subject": subject,
            "name": digest.user.first_name or str(digest.user),
            "language": digest.language,
        }
        text = render_to_string("reminders/digest.txt", context)
        html = render_to_string("reminders/digest.html", context)
    return subject, text, html


def digest_send(*, digest: Digest, day: dt.date, site_url: str, connection=None) -> bool:
    """Send this person's digest of `day`, unless one went out already; answer whether it did."""
    user = digest.user
    try:
        # The claim commits before the e-mail goes out: a run beside this one (another node)
        # meets the unique constraint and sends nothing.
        with transaction.atomic():
            sent = ReminderDigest.objects.create(user=user, day=day, items=digest.count)
    except IntegrityError:
        return False
    subject, text, html = render_digest(digest, day=day, site_url=site_url)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [user.email], connection=connection
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:
        sent.delete()
        raise
    # The e-mail names households: like a list page, one entry in the log for the whole list.
    audit(
        actor=user,
        action=AuditAction.VIEW,
        detail=f"reminder e-mail {day.isoformat()} ({digest.count} items)",
    )
    return True
