"""One household's year as one timeline: contacts, plan, assessments, signals, cases, phases.

Every source is read newest first and only as far as the page needs, so a page costs the same
few queries however long the year has been. What a visitor sees follows `access`: a part of the
file without consent is not even read.
"""

import datetime as dt
import heapq
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.core.dates import long_date
from kansrijk.escalation import rules
from kansrijk.escalation.models import DoorbraakCase, Signal
from kansrijk.people.models import Household, User
from kansrijk.plans.models import Goal, ProgressNote
from kansrijk.trajectories.models import Trajectory
from kansrijk.transfers.selectors import accepted_transfers_of

PER_PAGE = 20


@dataclass(frozen=True, order=True)
class Event:
    """One line of the timeline; `on` orders it, `seq` keeps equal days in a stable order."""

    on: dt.date
    seq: int
    kind: str = field(compare=False)  # a CSS modifier and the icon's meaning
    title: str = field(compare=False)
    detail: str = field(compare=False, default="")
    who: str = field(compare=False, default="")
    badges: tuple[str, ...] = field(compare=False, default=())
    url: str = field(compare=False, default="")


@dataclass(frozen=True)
class TimelinePage:
    events: list[Event]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


Source = Callable[[int], Iterable[Event]]


def timeline_page(user: User, trajectory: Trajectory, number: int) -> TimelinePage:
    """Page `number` (from 1) of the timeline, newest first."""
    number = max(number, 1)
    wanted = number * PER_PAGE + 1  # one more tells whether a next page exists
    merged = heapq.merge(
        *(source(wanted) for source in _sources(user, trajectory)),
        reverse=True,
    )
    window = list(islice(merged, (number - 1) * PER_PAGE, wanted))
    return TimelinePage(events=window[:PER_PAGE], number=number, has_next=len(window) > PER_PAGE)


def _sources(user: User, trajectory: Trajectory) -> list[Source]:
    household = trajectory.household
    sight = policy.sight(user, household, trajectory)
    sources: list[Source] = [
        lambda n: _phase_changes(trajectory, n, sight.end_note),
        lambda n: _extensions(trajectory, n, sight.end_note),
        lambda n: _contacts(trajectory, n, sight.contact_note, sight.contact_goals),
        lambda n: _transfers(household, n),
    ]
    if sight.plan:
        sources += [lambda n: _goals(trajectory, n), lambda n: _notes(trajectory, n)]
    if sight.assessment_scores:
        sources.append(lambda n: _assessments(trajectory, n))
    standing_in = rules.standing_in_for(user)
    if policy.reads_signals_of(user, household, standing_in):
        sources.append(lambda n: _signals(trajectory, n))
    if policy.reads_cases_of(user, household):
        sources.append(lambda n: _cases(trajectory, n))
    return sources


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def _instant(moment: dt.datetime) -> int:
    """Orders events of one day by the time they happened, for sources with a timestamp."""
    return int(moment.timestamp())


def _phase_changes(trajectory: Trajectory, limit: int, sees_notes: bool) -> Iterator[Event]:
    for change in trajectory.phase_changes.select_related("by").order_by("-at", "-pk")[:limit]:
        yield Event(
            _day(change.at),
            _instant(change.at),
            "phase",
            _("Now: %(phase)s") % {"phase": change.get_to_phase_display()},
            change.note if sees_notes else "",
            str(change.by or ""),
        )


def _transfers(household: Household, limit: int) -> Iterator[Event]:
    """The household's hand-overs to another programme or area (`transfers`)."""
    for transfer in accepted_transfers_of(household, limit):
        assert transfer.decided_at is not None
        yield Event(
            _day(transfer.decided_at),
            _instant(transfer.decided_at),
            "phase",
            transfer.handed_over,
            "",
            str(transfer.decided_by or ""),
        )


def _extensions(trajectory: Trajectory, limit: int, sees_notes: bool) -> Iterator[Event]:
    """An extension of the year or the aftercare: to which day, and why (its note with the
    notes of phase changes)."""
    for extension in trajectory.extensions.select_related("by").order_by("-at", "-pk")[:limit]:
        reason = str(extension.get_reason_display()).capitalize()
        yield Event(
            _day(extension.at),
            _instant(extension.at),
            "phase",
            _("%(part)s extended to %(date)s")
            % {
                "part": str(extension.get_part_display()).capitalize(),
                "date": long_date(extension.new_end),
            },
            f"{reason}: {extension.note}" if sees_notes and extension.note else reason,
            str(extension.by),
        )


def _contacts(
    trajectory: Trajectory, limit: int, sees_notes: bool, sees_plan: bool
) -> Iterator[Event]:
    contacts = trajectory.contacts.select_related("by").order_by("-on", "-pk")[:limit]
    if sees_plan:
        contacts = contacts.prefetch_related("goals")
    for contact in contacts:
        badges = []
        if contact.worried:
            badges.append(_("worried"))
        if contact.needs_professional:
            badges.append(_("backup professional asked"))
        detail = contact.note if sees_notes else ""
        if sees_plan and contact.goals.all():
            goals = "; ".join(goal.text for goal in contact.goals.all())
            detail = " · ".join(
                part for part in (detail, _("Goals: %(goals)s") % {"goals": goals}) if part
            )
        minutes = _(" (%(minutes)s min)") % {"minutes": contact.minutes} if contact.minutes else ""
        yield Event(
            contact.on,
            contact.pk,
            "contact",
            f"{contact.get_kind_display().capitalize()}{minutes}",
            detail,
            str(contact.by),
            tuple(badges),
        )


def _goals(trajectory: Trajectory, limit: int) -> Iterator[Event]:
    goals = Goal.objects.filter(trajectory=trajectory).select_related("domain")
    for goal in goals.order_by("-created_at", "-pk")[:limit]:
        yield Event(
            _day(goal.created_at),
            _instant(goal.created_at),
            "plan",
            _("New goal (%(domain)s)") % {"domain": goal.domain.name},
            goal.text,
        )


def _notes(trajectory: Trajectory, limit: int) -> Iterator[Event]:
    """Progress, small successes, and a goal achieved, adjusted or stopped (with its reason)."""
    notes = ProgressNote.objects.filter(goal__trajectory=trajectory).select_related("author")
    for note in notes.order_by("-written_on", "-pk")[:limit]:
        if note.status_change:
            title = _("Goal: %(status)s") % {"status": note.get_status_change_display()}
        elif note.is_success:
            title = _("A small success")
        else:
            title = _("How it is going")
        yield Event(
            note.written_on,
            note.pk,
            "success" if note.is_success else "plan",
            title,
            note.text,
            str(note.author or ""),
        )


def _assessments(trajectory: Trajectory, limit: int) -> Iterator[Event]:
    for assessment in trajectory.assessments.order_by("-held_on", "-pk")[:limit]:
        yield Event(
            assessment.held_on,
            assessment.pk,
            "assessment",
            _("Assessment: %(moment)s") % {"moment": assessment.get_moment_display()},
        )


def _signals(trajectory: Trajectory, limit: int) -> Iterator[Event]:
    signals = Signal.objects.filter(trajectory=trajectory).select_related("raised_by")
    for signal in signals.order_by("-raised_at", "-pk")[:limit]:
        yield Event(
            _day(signal.raised_at),
            _instant(signal.raised_at),
            "signal",
            _("Signal: %(kind)s") % {"kind": signal.get_kind_display()},
            signal.get_status_display(),
            str(signal.raised_by),
            url=reverse("signal", args=[signal.uuid]),
        )


def _cases(trajectory: Trajectory, limit: int) -> Iterator[Event]:
    cases = DoorbraakCase.objects.filter(trajectory=trajectory)
    for case in cases.order_by("-opened_on", "-pk")[:limit]:
        yield Event(
            case.opened_on,
            case.pk,
            "doorbraak",
            _("Doorbraak case opened"),
            url=reverse("doorbraak_case", args=[case.uuid]),
        )
