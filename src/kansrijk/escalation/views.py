"""Signals to the backup professional: raise one, the backup's queue, a signal and its steps,
and covers while a backup professional is away.

The steps on a signal are small forms on its page. With htmx a step answers with the signal's
card alone; a plain form post is redirected back to the page: they work without JavaScript.
"""

from collections.abc import Callable
from functools import partial
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kansrijk.access import policy
from kansrijk.access.audit import audit_read
from kansrijk.core.dates import long_date
from kansrijk.core.errors import Refused
from kansrijk.core.forms import submit
from kansrijk.people.choices import Role
from kansrijk.people.models import User
from kansrijk.trajectories.pages import log_form_read
from kansrijk.trajectories.selectors import trajectory_for_user_or_404

from . import rules, selectors, services
from .choices import SignalStatus
from .crisis import crisis_guidance_for
from .durations import in_words
from .forms import (
    AnswerForm,
    CoverForm,
    CrisisGuidanceForm,
    PassOnForm,
    SignalForm,
    StepForm,
    run,
)
from .models import Signal

SIGNALS_PER_PAGE = 25


@require_http_methods(["GET", "POST"])
def signal_raise(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """The buddy asks the backup professional: a question, a worry or an urgent concern."""
    household, trajectory = trajectory_for_user_or_404(request.user, household_uuid)
    policy.require(rules.may_raise(request.user, trajectory))
    form = SignalForm(request.POST or None, auto_id="signal-%s")
    if request.method == "POST":
        signal = run(
            form,
            lambda data: services.signal_raise(trajectory=trajectory, by=request.user, **data),
        )
        if signal is not None:
            messages.success(
                request, _("The signal is sent. You see here when the backup picks it up.")
            )
            return redirect("signal", signal.uuid)
    else:
        log_form_read(request, household, trajectory)
    backup = trajectory.backup
    context = {
        "household": household,
        "trajectory": trajectory,
        "form": form,
        "guidance": crisis_guidance_for(household.programme),
        "cover": selectors.cover_of(backup),
        # Without the participant's consent the backup sees that a signal waits, not about whom.
        "backup_reads": backup is not None and policy.reads_signals_of(backup, household, []),
    }
    return render(
        request, "escalation/signal_raise.html", context, status=422 if form.errors else 200
    )


def _reason(request: HttpRequest, signal: Signal) -> str:
    """Why this user sees the signal, in one line (a stand-in is told whom they cover for)."""
    trajectory = signal.trajectory
    if trajectory.backup_id in rules.standing_in_for(request.user):
        cover = selectors.cover_of(trajectory.backup)
        return _("You see this because you cover for %(name)s until %(date)s.") % {
            "name": trajectory.backup,
            "date": long_date(cover.ends_on),
        }
    return policy.reason_to_see(request.user, trajectory.household, trajectory).sentence


def _signal_context(request: HttpRequest, signal: Signal, **forms_given: Any) -> dict:
    """The signal with the steps this user may take now, each as a small form."""
    user = request.user
    handles = rules.may_handle(user, signal)
    version = {"version": signal.version}
    steps: dict[str, forms.Form | None] = {
        "pick_up_form": None,
        "answer_form": None,
        "pass_on_form": None,
        "close_form": None,
    }
    if handles and signal.status == SignalStatus.OPEN:
        steps["pick_up_form"] = StepForm(initial=version, auto_id="pick-up-%s")
    if handles and signal.is_waiting:
        steps["answer_form"] = AnswerForm(initial=version, auto_id="answer-%s")
        steps["pass_on_form"] = PassOnForm(
            initial=version,
            organisations=selectors.organisations_to_pass_on_to(),
            auto_id="pass-on-%s",
        )
    if signal.has_response and not signal.is_closed and rules.may_close(user, signal):
        steps["close_form"] = StepForm(initial=version, auto_id="close-%s")
    for name, form in forms_given.items():
        steps[name] = form
    trajectory = signal.trajectory
    return {
        "signal": signal,
        "household": trajectory.household,
        "trajectory": trajectory,
        "cover": selectors.cover_of(trajectory.backup) if not signal.is_closed else None,
        "guidance": crisis_guidance_for(trajectory.household.programme)
        if signal.is_urgent and not signal.is_closed
        else None,
        "case": selectors.case_of(signal) if signal.status == SignalStatus.ESCALATED else None,
        "may_escalate": handles and signal.is_waiting and rules.may_open_case(user, trajectory),
        "response_time": in_words(signal.response_time),
        "waiting_for": in_words(signal.waiting_for),
        "time_to_close": in_words(signal.time_to_close),
        **steps,
    }


def _log_read(request: HttpRequest, signal: Signal) -> None:
    role = rules.acting_role(request.user, signal)
    audit_read(
        request,
        household=signal.trajectory.household,
        detail="signal",
        role=role,
    )


@require_GET
def signal_page(request: HttpRequest, signal_uuid: UUID) -> HttpResponse:
    """One signal: what it is about, its steps so far, and the next step as a small form."""
    signal = selectors.signal_for_user_or_404(request.user, signal_uuid)
    context = _signal_context(request, signal)
    context["reason"] = _reason(request, signal)
    _log_read(request, signal)
    return render(request, "escalation/signal.html", context)


def _step(
    request: HttpRequest,
    signal_uuid: UUID,
    *,
    form_name: str,
    form: Callable[[], forms.Form],
    allowed: Callable[[Any, Signal], bool],
    call: Callable[[Signal, dict[str, Any]], Signal],
    done: str,
) -> HttpResponse:
    signal = selectors.signal_for_user_or_404(request.user, signal_uuid)
    policy.require(allowed(request.user, signal))
    bound = form()
    if submit(bound, lambda data: call(signal, data)):
        fresh = selectors.signal_for_user_or_404(request.user, signal_uuid)
        if request.htmx:
            context = {**_signal_context(request, fresh), "flash": done}
            return render(request, "escalation/_signal.html", context)
        messages.success(request, done)
        return redirect("signal", fresh.uuid)
    context = _signal_context(request, signal, **{form_name: bound})
    if request.htmx:
        # htmx swaps only 2xx answers: the card comes back with the error in it.
        return render(request, "escalation/_signal.html", context)
    context["reason"] = _reason(request, signal)
    return render(request, "escalation/signal.html", context, status=422)


@require_POST
def signal_pick_up(request: HttpRequest, signal_uuid: UUID) -> HttpResponse:
    return _step(
        request,
        signal_uuid,
        form_name="pick_up_form",
        form=lambda: StepForm(request.POST, auto_id="pick-up-%s"),
        allowed=rules.may_handle,
        call=lambda signal, data: services.signal_pick_up(
            signal=signal, by=request.user, version=data["version"]
        ),
        done=_("You picked the signal up. The buddy sees it."),
    )


@require_POST
def signal_answer(request: HttpRequest, signal_uuid: UUID) -> HttpResponse:
    return _step(
        request,
        signal_uuid,
        form_name="answer_form",
        form=lambda: AnswerForm(request.POST, auto_id="answer-%s"),
        allowed=rules.may_handle,
        call=lambda signal, data: services.signal_answer(
            signal=signal, by=request.user, version=data["version"], answer=data["answer"]
        ),
        done=_("The answer is sent to the buddy."),
    )


@require_POST
def signal_pass_on(request: HttpRequest, signal_uuid: UUID) -> HttpResponse:
    return _step(
        request,
        signal_uuid,
        form_name="pass_on_form",
        form=lambda: PassOnForm(
            request.POST,
            organisations=selectors.organisations_to_pass_on_to(),
            auto_id="pass-on-%s",
        ),
        allowed=rules.may_handle,
        call=lambda signal, data: services.signal_pass_on(signal=signal, by=request.user, **data),
        done=_("The signal is passed on. The buddy sees to whom."),
    )


@require_POST
def signal_close(request: HttpRequest, signal_uuid: UUID) -> HttpResponse:
    return _step(
        request,
        signal_uuid,
        form_name="close_form",
        form=lambda: StepForm(request.POST, auto_id="close-%s"),
        allowed=rules.may_close,
        call=lambda signal, data: services.signal_close(
            signal=signal, by=request.user, version=data["version"]
        ),
        done=_("The signal is closed."),
    )


@require_GET
def signal_queue(request: HttpRequest) -> HttpResponse:
    """The backup professional's queue: waiting signals first, urgent ones first of all."""
    policy.require(policy.has_role(request.user, Role.BACKUP))
    queue = selectors.queue_of(request.user)
    audit_read(
        request,
        detail="signal queue",
        role=Role.BACKUP,
        purpose="",
    )
    return render(request, "escalation/queue.html", {"queue": queue})


@require_GET
def programme_signals(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """Every signal of the programme for its coordinator, with counts and response times."""
    coordinated = policy.programmes_with_role(request.user, Role.COORDINATOR)
    programme = get_object_or_404(coordinated, slug=programme_slug)
    status = request.GET.get("status", "")
    rows = selectors.programme_signals(request.user, programme, status)
    page = Paginator(rows, SIGNALS_PER_PAGE).get_page(request.GET.get("page"))
    signals = selectors.readable_signals(request.user).filter(
        trajectory__household__programme=programme
    )
    times = selectors.signal_times(signals)
    covers = selectors.covers_by_backup({s.trajectory.backup_id for s in page})
    for signal in page:
        signal.cover = covers.get(signal.trajectory.backup_id)
    context = {
        "programme": programme,
        "page_obj": page,
        "status": status,
        "statuses": SignalStatus.choices,
        "counts": selectors.signal_counts(signals),
        "median_response": in_words(times.response),
        "median_to_close": in_words(times.to_close),
        "times": times,
        "query": f"status={status}" if status else "",
    }
    audit_read(
        request,
        detail=f"signals {programme.slug} {request.GET.urlencode()}",
        role=Role.COORDINATOR,
        purpose="",
    )
    return render(request, "escalation/programme_signals.html", context)


# ---- covers ----


def _cover_form(request: HttpRequest) -> CoverForm:
    """A backup professional records their own absence; a coordinator anyone's of theirs."""
    user = request.user
    is_backup = policy.has_role(user, Role.BACKUP)
    overseen = set(selectors.backups_overseen_by(user).values_list("pk", flat=True))
    backups = overseen | ({user.pk} if is_backup else set())
    colleagues = overseen | (
        set(selectors.colleagues_of(user).values_list("pk", flat=True)) if is_backup else set()
    )
    by_name = ("first_name", "last_name")
    return CoverForm(
        request.POST or None,
        backups=User.objects.filter(pk__in=backups).order_by(*by_name),
        colleagues=User.objects.filter(pk__in=colleagues).order_by(*by_name),
        auto_id="cover-%s",
    )


@require_http_methods(["GET", "POST"])
def covers(request: HttpRequest) -> HttpResponse:
    """Who covers for whom: hand your signals to a colleague while you are away."""
    user = request.user
    policy.require(policy.has_role(user, Role.BACKUP) or policy.has_role(user, Role.COORDINATOR))
    form = _cover_form(request)
    if request.method == "POST" and submit(
        form, lambda data: services.cover_record(by=user, **data)
    ):
        messages.success(request, _("The cover is recorded. The signals go to your colleague."))
        return redirect("covers")
    context = {"form": form, "covers": selectors.covers_for_page(user)}
    return render(request, "escalation/covers.html", context, status=422 if form.errors else 200)


@require_POST
def cover_end(request: HttpRequest, cover_uuid: UUID) -> HttpResponse:
    cover = get_object_or_404(selectors.covers_for_page(request.user), uuid=cover_uuid)
    try:
        services.cover_end(cover=cover, by=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("The cover has ended. Signals go to %(name)s again.") % {"name": cover.backup},
        )
    return redirect("covers")


# ---- crisis guidance ----


@require_http_methods(["GET", "POST"])
def crisis_guidance(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """The coordinator writes what buddies read with an urgent signal, and the crisis line."""
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    guidance = crisis_guidance_for(programme)
    initial = {
        "text": guidance.text,
        "crisis_line": guidance.crisis_line,
        "version": guidance.row.version,
    }
    form = CrisisGuidanceForm(request.POST or None, initial=initial)
    call = partial(services.crisis_guidance_save, programme=programme, by=request.user)
    if request.method == "POST" and submit(form, lambda data: call(**data)):
        messages.success(request, _("The crisis guidance is saved."))
        return redirect("programme_signals", programme.slug)
    context = {"programme": programme, "form": form, "guidance": guidance}
    status = 422 if form.errors else 200
    return render(request, "escalation/crisis_guidance.html", context, status=status)
