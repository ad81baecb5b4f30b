"""Never created twice: every form that creates something is sent with a one-time key.

A double tap on a phone, a retry on a bad connection or a second tab sends the same form twice,
sometimes at the same moment. Checking "does it exist already?" first holds only one at a time,
so the key is claimed instead, in the same transaction as what the form creates:

1. The form's page renders `{% submission_key %}` in the `<form>`: a hidden `submission` field
   with a random key (unguessable, and only ever matched with the user who sends it back).
2. `SubmissionMiddleware` runs a POST that carries a key in one transaction. Before the view,
   it inserts a `Submission` row for (user, key); the unique constraint makes a second insert of
   the same key wait for the first transaction and then fail. That second POST creates nothing:
   it is sent to the first one's result with a calm "This was already saved."
3. When the view saved (it answered with a redirect that carries no error message, or said so
   with `submission_saved` when it answers an htmx request with a fragment), the row keeps
   where the result is and is committed with what the view created. Otherwise (the form had
   errors, the service refused, or the view redirected with an error message) the row is
   deleted again, so the same form can be corrected and sent once more; after a
   crash (5xx) the whole transaction is rolled back, the key with it.

Pages work without JavaScript: the key is a plain hidden field. `kansrijk retention` deletes
keys older than a week (`forget_old_submissions`). A POST without a key is run as before.
"""

import datetime as dt
import re
import secrets
from collections.abc import Callable

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from .models import Submission

FIELD = "submission"
# 32 random bytes, URL-safe: what `new_key` makes, and all a POST may carry.
KEY_FORMAT = re.compile(r"[A-Za-z0-9_-]{43}")
# A repeat comes seconds or hours later (a phone back on the network); a week is ample.
KEPT_FOR = dt.timedelta(days=7)


def new_key() -> str:
    """A fresh one-time key for a form on a page."""
    return secrets.token_urlsafe(32)


def submission_saved(request: HttpRequest, *, result_url: str) -> None:
    """The view saved what the form sent but answers with a fragment, not a redirect (htmx):
    keep the key, and send a repeat of this form to `result_url`."""
    claim: Submission | None = getattr(request, "submission", None)
    if claim is not None:
        claim.result_url = result_url


def forget_old_submissions(*, now: dt.datetime | None = None) -> int:
    """Delete the keys of forms sent more than KEPT_FOR ago; answer how many."""
    before = (now or timezone.now()) - KEPT_FOR
    deleted, _per_model = Submission.objects.filter(created_at__lt=before).delete()
    return deleted


def _posted_key(request: HttpRequest) -> str | None:
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    key = request.POST.get(FIELD, "")
    return key if KEY_FORMAT.fullmatch(key) else None


def _result_of(request: HttpRequest, response: HttpResponse) -> str:
    """Where the view sent the person after saving, if it did: a local address only."""
    location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
    allowed = url_has_allowed_host_and_scheme(location, {request.get_host()}, request.is_secure())
    return location if location and allowed else ""


def _refused(request: HttpRequest) -> bool:
    """The view turned the form away and said why in an error message before redirecting
    (a step the Academie or Buddy Building does not allow now): nothing was saved, so the key
    is freed. Reading the messages marks them used; `used = False` keeps them to be shown."""
    storage = messages.get_messages(request)
    refused = any(message.level >= messages.ERROR for message in storage)
    storage.used = False  # type: ignore[union-attr]  # the messages middleware is installed
    return refused


class _KeyedRequest(HttpRequest):
    """The request as this module sees it (for the type checker): django-htmx's details, and
    the key and its claim that the middleware below adds."""

    htmx: HtmxDetails
    submission_key: str
    submission: Submission


def _already_saved(request: _KeyedRequest, first: Submission) -> HttpResponse:
    messages.info(request, _("This was already saved."))
    if request.htmx:
        # A redirect would be followed inside the swap; have the browser go there instead.
        return HttpResponseClientRedirect(first.result_url)
    return redirect(first.result_url)


class SubmissionMiddleware:
    """Claim a POST's one-time key in the transaction of the view that uses it (see above).

    It comes after the login, second-factor and CSRF checks, so a POST they turn away never
    claims its key; and after the messages and htmx middleware, whose parts it uses.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: _KeyedRequest) -> HttpResponse:
        key = _posted_key(request)
        if key is None:
            return self.get_response(request)
        request.submission_key = key
        with transaction.atomic():
            response = self.get_response(request)
            self._settle(request, response)
        return response

    def process_view(self, request: _KeyedRequest, view_func, view_args, view_kwargs):
        key = getattr(request, "submission_key", None)
        if key is None:
            return None
        try:
            with transaction.atomic():
                # _posted_key let only a signed-in person's POST through: the user is a User.
                claim = Submission.objects.create(user=request.user, key=key)  # type: ignore[misc]
        except IntegrityError:
            # Sent before: the first is committed by now (this insert waited for it).
            first = Submission.objects.get(user=request.user, key=key)  # type: ignore[misc]
            return _already_saved(request, first)
        request.submission = claim
        return None

    def _settle(self, request: HttpRequest, response: HttpResponse) -> None:
        claim: Submission | None = getattr(request, "submission", None)
        if claim is None:
            return
        if response.status_code >= 500:
            transaction.set_rollback(True)
            return
        if not claim.result_url and not _refused(request):
            claim.result_url = _result_of(request, response)
        if claim.result_url:
            claim.save(update_fields=["result_url"])
        else:
            claim.delete()
