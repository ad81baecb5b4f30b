"""What is due for one person today: the items of their reminder e-mail, per role.

Everything is read through `access` and through the selectors the pages use, so the e-mail
says what the dashboards say ("needs attention" is computed in one place):
- a buddy: their own households (assessments due or overdue, no contact for
  CONTACT_ATTENTION_DAYS, the year or aftercare ending soon, signals still waiting) and the
  meetings planned for tomorrow (the time and the way, never the place or purpose);
- a backup professional: the households they back up whose participant gave consent (the
  assessments only with consent for that part), and the signals in their queue, those of a
  household without consent without its name;
- a coordinator: per programme what its dashboard lists under "needs attention" (overdue
  assessments, no contact, ending soon) and the signals waiting too long, the buddies
  whose certificate of conduct (VOG) ends within two months (`academy`), and the follow-ups
  after closure that are due (`outcomes.followup`).
A buddy on a break (`academy.Pause`) gets no reminders about their households meanwhile.
An item names a household only by the display name the person may see, says what is due, and
links to the page; never a note or a signal's description.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kansrijk.academy.selectors import is_paused, vog_expiring
from kansrijk.access import policy
from kansrijk.access.parts import Content
from kansrijk.assessments.selectors import DueAssessment
from kansrijk.contacts.appointments.selectors import on_day
from kansrijk.contacts.models import Appointment
from kansrijk.core.dates import long_date, today
from kansrijk.escalation.choices import WAITING, SignalKind
from kansrijk.escalation.models import Signal
from kansrijk.escalation.selectors import programme_signals, queue_of
from kansrijk.outcomes.followup.selectors import as_due, follow_ups_due
from kansrijk.overview.selectors import (
    ATTENTION_LIMIT,
    CoachedHousehold,
    coached_households,
    programme_dashboard,
    visible_trajectories,
)
from kansrijk.people.choices import Role
from kansrijk.people.models import User
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.selectors import ending_soon

# A signal waits too long when nobody has responded after this long; an urgent one sooner.
SIGNAL_WAITING = dt.timedelta(days=2)
URGENT_SIGNAL_WAITING = dt.timedelta(hours=4)


@dataclass(frozen=True)
class Item:
    """One thing that is due: about which household (or "" when it may not be named), what,
    and the page to open (a path; the e-mail makes it a whole address)."""

    household: str
    text: str
    path: str


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)
    # Items beyond those listed (a programme's long lists), and where to see them all.
    more: int = 0
    more_path: str = ""


@dataclass
class Digest:
    user: User
    sections: list[Section]
    language: str = ""

    @property
    def count(self) -> int:
        return sum(len(s.items) + s.more for s in self.sections)

    @property
    def is_empty(self) -> bool:
        return self.count == 0


# ---- the words ----


def _day(value: dt.date) -> str:
    return long_date(value)


def _assessment_text(due: DueAssessment) -> str:
    moment = due.moment.label
    if due.overdue:
        return _("%(moment)s assessment overdue since %(date)s") % {
            "moment": str(moment).capitalize(),
            "date": _day(due.due_on),
        }
    if due.due_on <= today():
        return _("%(moment)s assessment due since %(date)s") % {
            "moment": str(moment).capitalize(),
            "date": _day(due.due_on),
        }
    return _("%(moment)s assessment due on %(date)s") % {
        "moment": str(moment).capitalize(),
        "date": _day(due.due_on),
    }


def _contact_text(last_contact_on: dt.date | None, trajectory: Trajectory) -> str:
    if last_contact_on is None:
        return _("No contact logged since the start of the year (%(date)s)") % {
            "date": _day(trajectory.matched_on)
        }
    days = (today() - last_contact_on).days
    return ngettext(
        "No contact for %(days)s day, last on %(date)s",
        "No contact for %(days)s days, last on %(date)s",
        days,
    ) % {"days": days, "date": _day(last_contact_on)}


def _appointment_text(appointment: Appointment) -> str:
    return _("Meeting tomorrow at %(time)s (%(how)s)") % {
        "time": timezone.localtime(appointment.starts_at).strftime("%H:%M"),
        "how": appointment.get_kind_display(),
    }


def _ending_text(trajectory: Trajectory) -> str:
    if trajectory.phase == Phase.AFTERCARE:
        return _("Aftercare ends on %(date)s") % {"date": _day(trajectory.aftercare_ends_on)}
    return _("The active year ends on %(date)s") % {"date": _day(trajectory.active_year_ends_on)}


def _waiting_text(signal: Signal) -> str:
    waited = timezone.now() - signal.raised_at
    days = waited.days
    kind = str(signal.get_kind_display()).capitalize()
    if days < 1:
        hours = int(waited.total_seconds() // 3600)
        return ngettext(
            "%(kind)s waits for a response for %(hours)s hour",
            "%(kind)s waits for a response for %(hours)s hours",
            hours,
        ) % {"kind": kind, "hours": hours}
    return ngettext(
        "%(kind)s waits for a response for %(days)s day",
        "%(kind)s waits for a response for %(days)s days",
        days,
    ) % {"kind": kind, "days": days}


def _household_path(trajectory: Trajectory) -> str:
    return reverse("household", args=[trajectory.household.uuid])


# ---- what waits ----


def waiting_too_long(signals: QuerySet[Signal]) -> QuerySet[Signal]:
    """Signals nobody responded to for SIGNAL_WAITING (urgent ones: URGENT_SIGNAL_WAITING)."""
    now = timezone.now()
    return signals.filter(status__in=WAITING).filter(
        Q(raised_at__lte=now - SIGNAL_WAITING)
        | Q(kind=SignalKind.URGENT, raised_at__lte=now - URGENT_SIGNAL_WAITING)
    )


def _coached_items(
    user: User, rows: list[CoachedHousehold], ending: set[int], *, assessments_of: set[int]
) -> list[Item]:
    """Per coached household: assessments (where they may be seen), contact, ending."""
    items = []
    for row in rows:
        trajectory = row.trajectory
        name, path = trajectory.household.display_name, _household_path(trajectory)
        if trajectory.pk in assessments_of:
            items += [
                Item(name, _assessment_text(d), path) for d in row.due if d.overdue or d.upcoming
            ]
        if row.contact_overdue:
            items.append(Item(name, _contact_text(row.last_contact_on, trajectory), path))
        if trajectory.pk in ending:
            items.append(Item(name, _ending_text(trajectory), path))
    return items


def _signal_item(signal: Signal, *, named: bool) -> Item:
    if named:
        return Item(
            signal.trajectory.household.display_name,
            _waiting_text(signal),
            reverse("signal", args=[signal.uuid]),
        )
    # Without the participant's consent the backup learns only that a buddy needs them.
    return Item(
        "",
        _("%(text)s (from buddy %(buddy)s)")
        % {"text": _waiting_text(signal), "buddy": signal.trajectory.buddy},
        reverse("signal_queue"),
    )


def _buddy_section(user: User) -> Section | None:
    mine = visible_trajectories(user).filter(buddy=user)
    rows = coached_households(mine)
    if not rows:
        return None
    ending = set(ending_soon(mine).values_list("pk", flat=True))
    items = [
        Item(
            a.trajectory.household.display_name, _appointment_text(a), _household_path(a.trajectory)
        )
        for a in on_day(mine, today() + dt.timedelta(days=1))
    ]
    items += _coached_items(user, rows, ending, assessments_of={r.trajectory.pk for r in rows})
    signals = waiting_too_long(Signal.objects.filter(trajectory__in=[r.trajectory for r in rows]))
    items += [
        _signal_item(s, named=True)
        for s in signals.select_related("trajectory__household").order_by("raised_at")
    ]
    return Section(_("Your households"), items)


def _backup_section(user: User) -> Section | None:
    mine = visible_trajectories(user).filter(backup=user)
    rows = coached_households(mine)
    ending = set(ending_soon(mine).values_list("pk", flat=True)) if rows else set()
    # The assessments are a part of the file of their own: only with consent for that part.
    assessments_of = {
        r.trajectory.pk
        for r in rows
        if policy.may_see(user, r.trajectory, Content.ASSESSMENT_SCORES)
    }
    items = _coached_items(user, rows, ending, assessments_of=assessments_of)
    queue = queue_of(user)
    late = {
        s.pk for s in waiting_too_long(Signal.objects.filter(pk__in=[r.pk for r in queue.rows]))
    }
    items += [_signal_item(s, named=s.shown) for s in queue.rows if s.pk in late]
    if not rows and not queue.rows:
        return None
    return Section(_("Households you back up"), items)


def _coordinator_sections(user: User) -> list[Section]:
    sections = []
    for programme in policy.programmes_with_role(user, Role.COORDINATOR).order_by("name"):
        dashboard = programme_dashboard(user, programme)
        section = Section(programme.name, more_path=reverse("programme", args=[programme.slug]))
        for row in dashboard.overdue_assessment.rows:
            section.items += [
                Item(row.household.display_name, _assessment_text(d), _household_path(row))
                for d in row.overdue
            ]
        for row in dashboard.no_contact.rows:
            section.items.append(
                Item(
                    row.household.display_name,
                    _contact_text(row.last_contact_on, row),
                    _household_path(row),
                )
            )
        for row in dashboard.ending_soon.rows:
            section.items.append(
                Item(row.household.display_name, _ending_text(row), _household_path(row))
            )
        section.more = sum(
            max(listed.count - len(listed.rows), 0)
            for listed in (
                dashboard.overdue_assessment,
                dashboard.no_contact,
                dashboard.ending_soon,
            )
        )
        section.items += _vog_items(programme)
        follow_ups, more = _follow_up_items(user, programme)
        section.items += follow_ups
        section.more += more
        late = waiting_too_long(programme_signals(user, programme, ""))
        late_rows = list(late[:ATTENTION_LIMIT])
        section.items += [_signal_item(s, named=True) for s in late_rows]
        if len(late_rows) == ATTENTION_LIMIT:
            section.more += late.count() - ATTENTION_LIMIT
        sections.append(section)
    return sections


def _follow_up_items(user: User, programme) -> tuple[list[Item], int]:
    """Closed households whose follow-up after closure (6 or 12 months) is due, and how many
    more there are beyond the first ATTENTION_LIMIT."""
    due = follow_ups_due(user, programme)
    rows = list(due[: ATTENTION_LIMIT + 1])
    items = []
    for row in map(as_due, rows[:ATTENTION_LIMIT]):
        text = ngettext(
            "Follow-up %(months)s month after closure is due (since %(date)s)",
            "Follow-up %(months)s months after closure is due (since %(date)s)",
            row.moment,
        ) % {"months": row.moment, "date": _day(row.due_on)}
        items.append(
            Item(row.household.display_name, text, reverse("follow_up", args=[row.household.uuid]))
        )
    more = due.count() - ATTENTION_LIMIT if len(rows) > ATTENTION_LIMIT else 0
    return items, more


def _vog_items(programme) -> list[Item]:
    """Active buddies whose certificate of conduct (VOG) ends within two months, or ended."""
    items = []
    for candidate in vog_expiring(programme)[:ATTENTION_LIMIT]:
        ended = candidate.vog_expires_on < today()
        text = (
            _("Certificate of conduct (VOG) of %(name)s ended on %(date)s")
            if ended
            else _("Certificate of conduct (VOG) of %(name)s ends on %(date)s")
        )
        items.append(
            Item(
                "",
                text % {"name": candidate, "date": _day(candidate.vog_expires_on)},
                reverse("academy_candidate", args=[programme.slug, candidate.uuid]),
            )
        )
    return items


def language_of(user: User) -> str:
    """The language of this person's e-mail. No one has a language of their own stored yet,
    so it is the site's (Dutch)."""
    return settings.LANGUAGE_CODE


def digest_for(user: User) -> Digest:
    """Everything due for this person today, in a section per role they hold, in their
    language."""
    held = {role.role for role in policy.roles_of(user)}
    language = language_of(user)
    sections: list[Section | None] = []
    with translation.override(language):
        # A buddy on a break (`academy`) gets no reminders about their households meanwhile.
        if Role.BUDDY in held and not is_paused(user):
            sections.append(_buddy_section(user))
        if Role.BACKUP in held:
            sections.append(_backup_section(user))
        if Role.COORDINATOR in held:
            sections += _coordinator_sections(user)
    shown = [s for s in sections if s is not None and (s.items or s.more)]
    return Digest(user, shown, language)


def recipients() -> QuerySet[User]:
    """Everyone who may get a digest: active buddies, backup professionals and coordinators."""
    return (
        User.objects.filter(
            is_active=True,
            programme_roles__active=True,
            programme_roles__role__in=[Role.BUDDY, Role.BACKUP, Role.COORDINATOR],
        )
        .distinct()
        .order_by("pk")
    )
