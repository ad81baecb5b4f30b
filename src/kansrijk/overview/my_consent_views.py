"""The participant decides herself who may see which part of her file, from her own page.

Recipients are the kinds of professional (backup, Doorbraak) and the organisations she names:
she picks one from the list, reads who that is and whose eyes that means, and allows part by
part as for the others. A tap gives or stops one part for one recipient; stopping asks first (core/confirm.py). After
either, the page says in plain words what is so now and offers "Undo" for a short while
(`access.services.UNDO_MINUTES`), which reverses exactly that change and is logged as such.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from kansrijk.access import policy, services
from kansrijk.access.audit import audit_own_read
from kansrijk.access.choices import FilePart, Recipient
from kansrijk.access.selectors import consent_row_for, consent_rows, people_of
from kansrijk.core.confirm import Confirmation, confirm_page, confirmed
from kansrijk.core.errors import Refused
from kansrijk.core.forms import submit

from .forms import ConsentTapForm, ConsentUndoForm, OrganisationChoiceForm

# How many of an organisation's people her page names before it says "and N more".
PEOPLE_NAMED = 20


def _done_url(change: services.ConsentChange) -> str:
    query = {
        "recipient": change.recipient.value,
        "organisation": change.organisation.slug if change.organisation else "",
        "given": str(change.given.uuid) if change.given else "",
        "ended": ",".join(str(c.uuid) for c in change.ended),
    }
    return f"{reverse('my_consents')}?{urlencode(query)}#done"


def _change_named(household, data) -> services.ConsentChange | None:
    ended = [u for u in (data.get("ended") or "").split(",") if u]
    return services.consent_change_of(
        household,
        data.get("recipient") or "",
        data.get("given") or None,
        ended,
        organisation=data.get("organisation") or "",
    )


@require_GET
def my_consents(request: HttpRequest) -> HttpResponse:
    """Who may see which part of her file, with a button per part; after a change, what is so
    now and the undo."""
    household = policy.own_household_or_404(request.user)
    change = _change_named(household, request.GET) if "recipient" in request.GET else None
    until = services.undo_until(change) if change else None
    context = {
        "household": household,
        "rows": consent_rows(household, services.portal_recipients()),
        "change": change,
        "undo_until": until,
        "choose": OrganisationChoiceForm(),
    }
    audit_own_read(request, household, "consents page")
    return render(request, "overview/my_consents.html", context)


@require_GET
def my_consent_organisation(request: HttpRequest) -> HttpResponse:
    """One organisation she may name: who that is, whose eyes that means (its people by
    name), and a button per part as for the others."""
    household = policy.own_household_or_404(request.user)
    form = OrganisationChoiceForm(request.GET)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("organisation", [])) or _try_again())
        return redirect("my_consents")
    organisation = form.cleaned_data["organisation"]
    people = people_of(organisation)
    context = {
        "household": household,
        "organisation": organisation,
        "row": consent_row_for(household, organisation),
        "people": people[:PEOPLE_NAMED],
        "more": max(people.count() - PEOPLE_NAMED, 0),
    }
    audit_own_read(request, household, "consents page")
    return render(request, "overview/my_consent_organisation.html", context)


@require_POST
def my_consent_give(request: HttpRequest) -> HttpResponse:
    household = policy.own_household_or_404(request.user)
    form = ConsentTapForm(request.POST)
    if submit(
        form,
        lambda data: services.consent_give(household=household, by=request.user, **data),
    ):
        return redirect(_done_url(form.saved))
    messages.error(request, " ".join(form.non_field_errors()) or _try_again())
    return redirect("my_consents")


@require_POST
def my_consent_stop(request: HttpRequest) -> HttpResponse:
    """Stop one part for one recipient, after the page that says what that changes."""
    household = policy.own_household_or_404(request.user)
    form = ConsentTapForm(request.POST)
    if not form.is_valid():
        messages.error(request, _try_again())
        return redirect("my_consents")
    if not confirmed(request):
        return confirm_page(request, _stopping(form.cleaned_data), form)
    if submit(
        form, lambda data: services.consent_stop(household=household, by=request.user, **data)
    ):
        return redirect(_done_url(form.saved))
    messages.error(request, " ".join(form.non_field_errors()))
    return redirect("my_consents")


@require_POST
def my_consent_undo(request: HttpRequest) -> HttpResponse:
    household = policy.own_household_or_404(request.user)
    form = ConsentUndoForm(request.POST)
    change = _change_named(household, request.POST) if form.is_valid() else None
    policy.require(change is not None)
    try:
        services.consent_undo(household=household, by=request.user, change=change)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, pgettext("participant", "Undone. It is as it was before."))
    return redirect("my_consents")


def _try_again() -> str:
    return pgettext("participant", "That did not work. Look at the page again and choose.")


def _stopping(data: dict) -> Confirmation:
    part = FilePart(data["part"])
    named = data.get("organisation")
    recipient = named.name if named else Recipient(data["recipient"]).label
    if part == FilePart.BASIC:
        lead = pgettext(
            "participant",
            "If you stop this, %(recipient)s can no longer see anything of your file.",
        )
    else:
        lead = pgettext(
            "participant", "If you stop this, %(recipient)s can no longer see this of your file:"
        )
    return Confirmation(
        title=pgettext("participant", "Stop this?"),
        lead=lead % {"recipient": recipient},
        facts=[] if part == FilePart.BASIC else [str(part.label)],
        afterwards=pgettext(
            "participant",
            "This counts at once. Changed your mind? Right afterwards you can undo it, "
            "or give it again later yourself.",
        ),
        button=pgettext("participant", "Yes, stop this"),
        cancel_url=reverse("my_consents"),
    )
