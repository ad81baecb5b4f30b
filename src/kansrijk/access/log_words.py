"""The audit log in words: what each entry says, and one person's doings of a day in a sentence.

The log keeps codes (`action` and the start of `detail`: "household page", "goal achieved"),
stable whatever the reader's language and never rewritten (it is append-only). People read
words: `SUBJECTS` gives every code that the code base writes its translated words and the part
of the file it shows (`FilePart`), and `by_person_and_day` groups a page of entries into
sentences such as "bekeek het plan, de metingen en 2 contacten". A code that is missing here
makes `tests/test_audit_words.py` fail.
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, npgettext_lazy

from .choices import FilePart
from .models import AuditAction, AuditEntry

# The parts are named in the detail itself ("household page: basic, plan"): pages that show
# what the viewer's consent allows record which parts that was.
NAMED = "named"
# The whole file (a download of all data).
WHOLE = "whole"


@dataclass(frozen=True)
class Subject:
    """What an entry is about, in words that take a count (`%(count)d`).

    `words` is a thing ("het plan"), said after the action's verb ("bekeek het plan"), unless
    `deed` says the words hold the whole deed, verb and all ("zette een doel op bereikt").
    """

    words: Promise
    part: FilePart | str | None = None
    deed: bool = False


def _thing(words: Promise, part: FilePart | str | None = None) -> Subject:
    return Subject(words, part)


def _deed(words: Promise, part: FilePart | str | None = None) -> Subject:
    return Subject(words, part, deed=True)


BASIC, PLAN, ASSESSMENTS, SENSITIVE = (
    FilePart.BASIC,
    FilePart.PLAN,
    FilePart.ASSESSMENTS,
    FilePart.SENSITIVE,
)

# Every code the application writes into `detail`, by its first words; `*` stands for one word
# that varies (a status, a slug). The most particular code that fits an entry's detail wins.
SUBJECTS: dict[str, Subject] = {
    # pages and forms about one household
    "household page": _thing(
        npgettext_lazy(
            "audit log", "the household page", "the household page (%(count)d times)", "count"
        ),
        NAMED,
    ),
    "timeline page": _thing(
        npgettext_lazy("audit log", "the timeline", "the timeline (%(count)d pages)", "count"),
        NAMED,
    ),
    "form": _thing(
        npgettext_lazy(
            "audit log",
            "a form about the household",
            "%(count)d forms about the household",
            "count",
        ),
        BASIC,
    ),
    "plan page": _thing(
        npgettext_lazy("audit log", "the plan", "the plan (%(count)d times)", "count"), PLAN
    ),
    "plan print": _thing(
        npgettext_lazy(
            "audit log", "the plan to print", "the plan to print (%(count)d times)", "count"
        ),
        PLAN,
    ),
    "network map": _thing(
        npgettext_lazy(
            "audit log", "the network map", "the network map (%(count)d times)", "count"
        ),
        PLAN,
    ),
    "network comparison": _thing(
        npgettext_lazy(
            "audit log",
            "two network maps side by side",
            "two network maps side by side (%(count)d times)",
            "count",
        ),
        PLAN,
    ),
    "outcomes": _thing(
        npgettext_lazy("audit log", "the outcomes", "the outcomes (%(count)d times)", "count"),
        BASIC,
    ),
    "portal": _thing(
        npgettext_lazy("audit log", "their own page", "their own page (%(count)d times)", "count"),
        NAMED,
    ),
    "signal": _thing(npgettext_lazy("audit log", "a signal", "%(count)d signals", "count"), BASIC),
    "doorbraak case": _thing(
        npgettext_lazy("audit log", "a Doorbraak case", "%(count)d Doorbraak cases", "count"), BASIC
    ),
    "doorbraak case from a signal": _deed(
        npgettext_lazy(
            "audit log",
            "opened a Doorbraak case from a signal",
            "opened %(count)d Doorbraak cases from a signal",
            "count",
        ),
        BASIC,
    ),
    "doorbraak case solved": _deed(
        npgettext_lazy(
            "audit log",
            "wrote down the solution of a Doorbraak case",
            "wrote down the solution of %(count)d Doorbraak cases",
            "count",
        ),
        BASIC,
    ),
    "rights page": _thing(
        npgettext_lazy(
            "audit log",
            "the page to download or erase the file",
            "the page to download or erase the file",
            "count",
        ),
        BASIC,
    ),
    "zip": _thing(
        npgettext_lazy(
            "audit log",
            "the whole file as a zip file",
            "the whole file as a zip file (%(count)d times)",
            "count",
        ),
        WHOLE,
    ),
    "pdf": _thing(
        npgettext_lazy(
            "audit log",
            "the whole file as a PDF",
            "the whole file as a PDF (%(count)d times)",
            "count",
        ),
        WHOLE,
    ),
    "json": _thing(
        npgettext_lazy(
            "audit log",
            "the whole file as data (JSON)",
            "the whole file as data (JSON, %(count)d times)",
            "count",
        ),
        WHOLE,
    ),
    # calls of an API client (the connection is who acted: kansrijk.api)
    "api referral sent": _deed(
        npgettext_lazy(
            "audit log",
            "sent a referral through the API",
            "sent %(count)d referrals through the API",
            "count",
        )
    ),
    "api referral repeated": _deed(
        npgettext_lazy(
            "audit log",
            "sent a referral again through the API (the same reference)",
            "sent referrals again through the API (%(count)d times)",
            "count",
        )
    ),
    "api referral read": _thing(
        npgettext_lazy(
            "audit log",
            "where a referral stands",
            "where referrals stand (%(count)d times)",
            "count",
        )
    ),
    "api referrals listed": _thing(
        npgettext_lazy(
            "audit log", "the list of referrals", "the list of referrals (%(count)d pages)", "count"
        )
    ),
    "api figures *": _thing(
        npgettext_lazy(
            "audit log",
            "the programme's figures",
            "the programme's figures (%(count)d times)",
            "count",
        )
    ),
    "api refused": _deed(
        npgettext_lazy(
            "audit log",
            "was refused a call to the API",
            "was refused %(count)d calls to the API",
            "count",
        )
    ),
    "household erased": _deed(
        npgettext_lazy(
            "audit log", "erased the household's details", "erased the household's details", "count"
        )
    ),
    # the household's file, written
    "referral": _thing(
        npgettext_lazy("audit log", "the referral", "%(count)d referrals", "count"), SENSITIVE
    ),
    "re-referral": _thing(
        npgettext_lazy("audit log", "a new referral", "%(count)d new referrals", "count"), SENSITIVE
    ),
    # a partner's referral (partners): sent, read, decided
    "partner referral sent": _deed(
        npgettext_lazy("audit log", "sent a referral", "sent %(count)d referrals", "count"),
        BASIC,
    ),
    "partner referral accepted": _deed(
        npgettext_lazy(
            "audit log",
            "accepted a referral into the intake",
            "accepted %(count)d referrals into the intake",
            "count",
        ),
        BASIC,
    ),
    "partner referral declined": _deed(
        npgettext_lazy("audit log", "declined a referral", "declined %(count)d referrals", "count"),
        BASIC,
    ),
    "partner referrals blanked": _deed(
        npgettext_lazy(
            "audit log",
            "removed the details of declined referrals",
            "removed the details of declined referrals %(count)d times",
            "count",
        ),
        BASIC,
    ),
    "partner referral": _thing(
        npgettext_lazy("audit log", "a referral", "%(count)d referrals", "count"), SENSITIVE
    ),
    "partner referrals sent": _thing(
        npgettext_lazy(
            "audit log", "the list of their referrals", "the list of their referrals", "count"
        ),
        BASIC,
    ),
    "partner referral inbox *": _thing(
        npgettext_lazy("audit log", "the inbox of referrals", "the inbox of referrals", "count"),
        BASIC,
    ),
    "referral consent renewed": _deed(
        npgettext_lazy(
            "audit log",
            "wrote down the new consent to find a buddy",
            "wrote down the new consent to find a buddy (%(count)d times)",
            "count",
        ),
        BASIC,
    ),
    "intake step": _thing(
        npgettext_lazy(
            "audit log", "a step of the intake", "%(count)d steps of the intake", "count"
        ),
        SENSITIVE,
    ),
    "contact": _thing(
        npgettext_lazy("audit log", "a contact", "%(count)d contacts", "count"), BASIC
    ),
    "assessment": _thing(
        npgettext_lazy("audit log", "an assessment", "%(count)d assessments", "count"), ASSESSMENTS
    ),
    "goal": _thing(npgettext_lazy("audit log", "a goal", "%(count)d goals", "count"), PLAN),
    "goal achieved": _deed(
        npgettext_lazy(
            "audit log", "marked a goal as achieved", "marked %(count)d goals as achieved", "count"
        ),
        PLAN,
    ),
    "goal adjusted": _deed(
        npgettext_lazy("audit log", "adjusted a goal", "adjusted %(count)d goals", "count"), PLAN
    ),
    "goal dropped": _deed(
        npgettext_lazy("audit log", "stopped a goal", "stopped %(count)d goals", "count"), PLAN
    ),
    "action": _thing(
        npgettext_lazy("audit log", "a step in the plan", "%(count)d steps in the plan", "count"),
        PLAN,
    ),
    "action done": _deed(
        npgettext_lazy("audit log", "ticked off a step", "ticked off %(count)d steps", "count"),
        PLAN,
    ),
    "action undone": _deed(
        npgettext_lazy(
            "audit log", "took back the tick of a step", "took back %(count)d ticks", "count"
        ),
        PLAN,
    ),
    "note": _thing(
        npgettext_lazy("audit log", "a progress note", "%(count)d progress notes", "count"), PLAN
    ),
    "success": _thing(
        npgettext_lazy("audit log", "a small success", "%(count)d small successes", "count"), PLAN
    ),
    "success celebrated": _deed(
        npgettext_lazy(
            "audit log",
            "celebrated a small success",
            "celebrated %(count)d small successes",
            "count",
        ),
        PLAN,
    ),
    "network tie": _thing(
        npgettext_lazy(
            "audit log", "a tie in the network", "%(count)d ties in the network", "count"
        ),
        PLAN,
    ),
    "network tie removed": _deed(
        npgettext_lazy(
            "audit log",
            "removed a tie from the network",
            "removed %(count)d ties from the network",
            "count",
        ),
        PLAN,
    ),
    "outcome": _thing(
        npgettext_lazy("audit log", "an outcome", "%(count)d outcomes", "count"), BASIC
    ),
    "outcome * removed": _deed(
        npgettext_lazy("audit log", "removed an outcome", "removed %(count)d outcomes", "count"),
        BASIC,
    ),
    "signal picked up": _deed(
        npgettext_lazy("audit log", "picked up a signal", "picked up %(count)d signals", "count"),
        BASIC,
    ),
    "signal answered": _deed(
        npgettext_lazy("audit log", "answered a signal", "answered %(count)d signals", "count"),
        BASIC,
    ),
    "signal passed_on": _deed(
        npgettext_lazy(
            "audit log",
            "passed a signal on to another organisation",
            "passed %(count)d signals on to another organisation",
            "count",
        ),
        BASIC,
    ),
    "signal escalated": _deed(
        npgettext_lazy(
            "audit log",
            "escalated a signal to Doorbraak",
            "escalated %(count)d signals to Doorbraak",
            "count",
        ),
        BASIC,
    ),
    "signal closed": _deed(
        npgettext_lazy("audit log", "closed a signal", "closed %(count)d signals", "count"), BASIC
    ),
    "consent": _deed(
        npgettext_lazy(
            "audit log", "wrote down a consent", "wrote down %(count)d consents", "count"
        )
    ),
    "consent * withdrawn": _deed(
        npgettext_lazy("audit log", "withdrew a consent", "withdrew %(count)d consents", "count")
    ),
    "consent * undone": _deed(
        npgettext_lazy(
            "audit log",
            "undid a change to a consent",
            "undid %(count)d changes to consents",
            "count",
        )
    ),
    "consents page": _thing(
        npgettext_lazy(
            "audit log",
            "the page of who may see the file",
            "the page of who may see the file (%(count)d times)",
            "count",
        ),
        BASIC,
    ),
    "goal proposal": _deed(
        npgettext_lazy("audit log", "proposed a goal", "proposed %(count)d goals", "count"),
        PLAN,
    ),
    "goal proposal taken": _deed(
        npgettext_lazy(
            "audit log",
            "took a proposed goal into the plan",
            "took %(count)d proposed goals into the plan",
            "count",
        ),
        PLAN,
    ),
    "goal proposal discussed": _deed(
        npgettext_lazy(
            "audit log",
            "chose to talk about a proposed goal first",
            "chose to talk about %(count)d proposed goals first",
            "count",
        ),
        PLAN,
    ),
    "language *": _thing(
        npgettext_lazy(
            "audit log",
            "the language of their pages",
            "the language of their pages (%(count)d times)",
            "count",
        )
    ),
    "participant portal account": _thing(
        npgettext_lazy(
            "audit log", "the participant's own login", "the participant's own login", "count"
        )
    ),
    "activation letter": _deed(
        npgettext_lazy(
            "audit log",
            "made an activation letter",
            "made %(count)d activation letters",
            "count",
        )
    ),
    "portal account activated": _deed(
        npgettext_lazy(
            "audit log",
            "chose a password with the activation letter",
            "chose a password with the activation letter (%(count)d times)",
            "count",
        )
    ),
    "DigiD linked": _deed(
        npgettext_lazy(
            "audit log",
            "linked DigiD to the own page",
            "linked DigiD to the own page (%(count)d times)",
            "count",
        )
    ),
    # tries that failed, from an address (never the code tried)
    "activation code": _thing(
        npgettext_lazy(
            "audit log",
            "with an activation code",
            "with an activation code (%(count)d times)",
            "count",
        )
    ),
    "DigiD link": _thing(
        npgettext_lazy(
            "audit log",
            "to link DigiD with an activation code",
            "to link DigiD with an activation code (%(count)d times)",
            "count",
        )
    ),
    "* → *": _thing(
        npgettext_lazy("audit log", "the phase", "the phase (%(count)d times)", "count")
    ),
    "buddy handed over": _deed(
        npgettext_lazy(
            "audit log",
            "handed the household over to another buddy",
            "handed the household over to another buddy (%(count)d times)",
            "count",
        )
    ),
    "transfer * * *": _deed(
        npgettext_lazy(
            "audit log",
            "worked on a transfer of the household to another area",
            "worked on a transfer of the household to another area (%(count)d times)",
            "count",
        )
    ),
    "extended *": _deed(
        npgettext_lazy(
            "audit log",
            "extended the year or the aftercare",
            "extended the year or the aftercare (%(count)d times)",
            "count",
        ),
        BASIC,
    ),
    "household type": _thing(
        npgettext_lazy(
            "audit log", "the household type", "the household type (%(count)d times)", "count"
        ),
        BASIC,
    ),
    # pages and files about a programme, no household
    "household list": _thing(
        npgettext_lazy(
            "audit log",
            "the list of households",
            "the list of households (%(count)d times)",
            "count",
        )
    ),
    "evaluation": _thing(
        npgettext_lazy(
            "audit log",
            "the evaluation of the year",
            "the evaluation of the year (%(count)d times)",
            "count",
        ),
        BASIC,
    ),
    "evaluation from paper": _deed(
        npgettext_lazy(
            "audit log",
            "typed in the evaluation from paper",
            "typed in %(count)d evaluations from paper",
            "count",
        ),
        BASIC,
    ),
    "evaluation paper form": _thing(
        npgettext_lazy(
            "audit log",
            "the form for a paper evaluation",
            "the form for a paper evaluation (%(count)d times)",
            "count",
        ),
        BASIC,
    ),
    "evaluations of *": _thing(
        npgettext_lazy(
            "audit log",
            "the programme's evaluations",
            "the programme's evaluations (%(count)d times)",
            "count",
        )
    ),
    "follow-ups due": _thing(
        npgettext_lazy(
            "audit log",
            "the list of follow-ups due",
            "the list of follow-ups due (%(count)d times)",
            "count",
        )
    ),
    "follow-up": _thing(
        npgettext_lazy(
            "audit log",
            "the follow-up after closure",
            "the follow-up after closure (%(count)d times)",
            "count",
        ),
        BASIC,
    ),
    "waiting list": _thing(
        npgettext_lazy(
            "audit log", "the waiting list", "the waiting list (%(count)d times)", "count"
        )
    ),
    "audit log": _thing(
        npgettext_lazy("audit log", "the audit log", "the audit log (%(count)d times)", "count")
    ),
    "batch matching": _thing(
        npgettext_lazy(
            "audit log",
            "the matching of all waiting households",
            "the matching of all waiting households (%(count)d times)",
            "count",
        )
    ),
    "signal queue": _thing(
        npgettext_lazy(
            "audit log", "the list of signals", "the list of signals (%(count)d times)", "count"
        )
    ),
    "signals": _thing(
        npgettext_lazy(
            "audit log",
            "the signals of the programme",
            "the signals of the programme (%(count)d times)",
            "count",
        )
    ),
    "doorbraak cases": _thing(
        npgettext_lazy(
            "audit log", "the Doorbraak cases", "the Doorbraak cases (%(count)d times)", "count"
        )
    ),
    "learning register": _thing(
        npgettext_lazy(
            "audit log", "the learning register", "the learning register (%(count)d times)", "count"
        )
    ),
    "report": _thing(npgettext_lazy("audit log", "a report", "%(count)d reports", "count")),
    "reminder e-mail": _deed(
        npgettext_lazy(
            "audit log", "got a reminder e-mail", "got %(count)d reminder e-mails", "count"
        )
    ),
    "framework of": _thing(
        npgettext_lazy(
            "audit log",
            "the programme's life domains",
            "the programme's life domains (%(count)d times)",
            "count",
        )
    ),
    "outcome types of": _thing(
        npgettext_lazy(
            "audit log",
            "the programme's list of outcomes",
            "the programme's list of outcomes (%(count)d times)",
            "count",
        )
    ),
    "cost-benefit model": _thing(
        npgettext_lazy(
            "audit log",
            "the figures for costs and benefits",
            "the figures for costs and benefits (%(count)d times)",
            "count",
        )
    ),
    "cover for": _deed(
        npgettext_lazy(
            "audit log",
            "arranged cover for a backup professional",
            "arranged cover for %(count)d backup professionals",
            "count",
        )
    ),
    "cover for * ended": _deed(
        npgettext_lazy("audit log", "ended a cover", "ended %(count)d covers", "count")
    ),
    # documents kept with the file: the detail names the document's part ("document …: plan")
    "document": _thing(
        npgettext_lazy("audit log", "a document", "%(count)d documents", "count"), NAMED
    ),
    "document * added": _deed(
        npgettext_lazy("audit log", "added a document", "added %(count)d documents", "count"),
        NAMED,
    ),
    "document * removed": _deed(
        npgettext_lazy(
            "audit log",
            "took a document out of the file",
            "took %(count)d documents out of the file",
            "count",
        ),
        NAMED,
    ),
    "documents page": _thing(
        npgettext_lazy(
            "audit log",
            "the list of documents",
            "the list of documents (%(count)d pages)",
            "count",
        )
    ),
    "VOG scan": _thing(
        npgettext_lazy("audit log", "a scan of a VOG", "%(count)d scans of a VOG", "count")
    ),
    "VOG scan * added": _deed(
        npgettext_lazy(
            "audit log", "added a scan of a VOG", "added %(count)d scans of a VOG", "count"
        )
    ),
    # the buddy's week
    "appointment calendar file": _thing(
        npgettext_lazy(
            "audit log",
            "a meeting as a calendar file",
            "%(count)d meetings as calendar files",
            "count",
        ),
        BASIC,
    ),
    "calendar feed": _thing(
        npgettext_lazy(
            "audit log",
            "the meetings in their calendar app",
            "the meetings in their calendar app (%(count)d times)",
            "count",
        ),
        BASIC,
    ),
    "calendar feed made": _deed(
        npgettext_lazy(
            "audit log", "made a calendar address", "made %(count)d calendar addresses", "count"
        )
    ),
    "calendar feed stopped": _deed(
        npgettext_lazy(
            "audit log",
            "stopped their calendar address",
            "stopped their calendar address",
            "count",
        )
    ),
    "start assessment at the intake": _deed(
        npgettext_lazy(
            "audit log",
            "recorded the start assessment at the intake",
            "recorded the start assessment at the intake (%(count)d times)",
            "count",
        ),
        ASSESSMENTS,
    ),
    "withdraw consent": _thing(
        npgettext_lazy(
            "audit log",
            "the page to stop a consent",
            "the page to stop a consent (%(count)d times)",
            "count",
        )
    ),
    # signing in
    "second factor": _thing(
        npgettext_lazy("audit log", "with a code from the app", "with a code from the app", "count")
    ),
    "second factor setup": _deed(
        npgettext_lazy(
            "audit log",
            "started to set up the app for codes",
            "started to set up the app for codes",
            "count",
        )
    ),
    "second factor set up": _deed(
        npgettext_lazy("audit log", "set up the app for codes", "set up the app for codes", "count")
    ),
    "second factor removed": _deed(
        npgettext_lazy(
            "audit log", "removed the app for codes", "removed the app for codes", "count"
        )
    ),
    "password reset": _deed(
        npgettext_lazy(
            "audit log",
            "chose a new password by e-mail",
            "chose a new password by e-mail (%(count)d times)",
            "count",
        )
    ),
    "password": _deed(
        npgettext_lazy("audit log", "changed their password", "changed their password", "count")
    ),
}

# What each action does to the things it names: "bekeek %(things)s", "voegde %(things)s toe".
VERBS: dict[str, Promise] = {
    AuditAction.VIEW: gettext_lazy("viewed %(things)s"),
    AuditAction.CREATE: gettext_lazy("added %(things)s"),
    AuditAction.CHANGE: gettext_lazy("changed %(things)s"),
    AuditAction.PHASE_CHANGE: gettext_lazy("changed %(things)s"),
    AuditAction.EXPORT: gettext_lazy("downloaded %(things)s"),
    AuditAction.LOGIN: gettext_lazy("logged in %(things)s"),
    AuditAction.LOGIN_FAILED: gettext_lazy("failed to log in %(things)s"),
    AuditAction.LOGOUT: gettext_lazy("logged out %(things)s"),
}

# Actions that need no thing: "logged in".
ALONE = (AuditAction.LOGIN, AuditAction.LOGIN_FAILED, AuditAction.LOGOUT)


def _pattern(code: str) -> re.Pattern[str]:
    words = (r"\S+" if word == "*" else re.escape(word) for word in code.split(" "))
    # A code ends where the detail does or before what varies: " 2", ": basic", " (3 items)".
    return re.compile(r"\s".join(words) + r"(?=$|[\s:(])")


# A code with a `*` is the more particular one ("outcome * removed" before "outcome").
_PATTERNS = sorted(
    ((_pattern(code), code) for code in SUBJECTS),
    key=lambda item: ("*" not in item[1], -len(item[1])),
)


def code_of(detail: str) -> str | None:
    """The code an entry's detail starts with (the most particular that fits), or None."""
    for pattern, code in _PATTERNS:
        if pattern.match(detail):
            return code
    return None


def codes_matching(text: str) -> list[str]:
    """The codes whose words, in the active language, hold `text` (for the log's search)."""
    wanted = text.casefold()
    return [
        code
        for code, subject in SUBJECTS.items()
        if wanted in (subject.words % {"count": 1}).casefold()
    ]


def _parts_of(entry: AuditEntry, subject: Subject | None) -> set[FilePart]:
    if subject is None or subject.part is None:
        return set()
    if subject.part == WHOLE:
        return set(FilePart)
    if subject.part != NAMED:
        return {FilePart(subject.part)}
    _, _colon, named = entry.detail.partition(":")
    return {FilePart(word) for word in re.split(r"[\s,]+", named) if word in FilePart.values}


@dataclass
class PersonDay:
    """What one person did on one day (in one household's file, when about one)."""

    name: str
    role: str
    day: dt.date
    household: object | None
    first_at: dt.datetime
    last_at: dt.datetime
    # (action, code) → how often, and when first that day: the sentence follows the day's order.
    counts: dict[tuple[str, str | None], int] = field(default_factory=dict)
    first: dict[tuple[str, str | None], tuple[dt.datetime, int]] = field(default_factory=dict)
    parts: set[FilePart] = field(default_factory=set)
    purposes: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)

    @property
    def sentence(self) -> str:
        """ "bekeek het plan, de metingen en 2 contacten; zette een doel op bereikt"."""
        # Each clause is a deed in words, or an action whose things are listed after its verb.
        clauses: list[str | AuditAction] = []
        things: dict[AuditAction, list[str]] = {}
        for action, code in sorted(self.counts, key=self.first.__getitem__):
            count = self.counts[(action, code)]
            subject = SUBJECTS.get(code) if code else None
            if subject is None and action in ALONE:
                clauses.append((VERBS[action] % {"things": ""}).strip())
            elif subject is not None and subject.deed:
                clauses.append(subject.words % {"count": count})
            else:
                verb = AuditAction(action)
                if verb not in things:
                    things[verb] = []
                    clauses.append(verb)
                things[verb].append((subject.words if subject else _FALLBACK) % {"count": count})
        return "; ".join(
            VERBS[clause] % {"things": get_text_list(things[clause], _("and"))}
            if isinstance(clause, AuditAction)
            else clause
            for clause in clauses
        )

    @property
    def part_labels(self) -> list[str]:
        """The parts of the file this person saw or wrote in, in the file's order."""
        return [str(part.label) for part in FilePart if part in self.parts]

    @property
    def times(self) -> str:
        first = timezone.localtime(self.first_at).strftime("%H:%M")
        last = timezone.localtime(self.last_at).strftime("%H:%M")
        return first if first == last else f"{first}–{last}"


_FALLBACK = npgettext_lazy("audit log", "another thing", "%(count)d other things", "count")


def by_person_and_day(entries: Iterable[AuditEntry]) -> list[PersonDay]:
    """Entries (newest first) as one line per person per day (and household), newest first.

    Reads no more than the entries themselves: pass them with their actor and household.
    """
    days: dict[tuple, PersonDay] = {}
    for entry in entries:
        day = timezone.localtime(entry.at).date()
        who = entry.actor_id or entry.actor_name
        key = (who, entry.role, day, entry.household_id)
        found = days.get(key)
        if found is None:
            name = str(entry.actor) if entry.actor is not None else entry.actor_name
            found = days[key] = PersonDay(
                name=name or _("unknown"),
                role=entry.role_label if entry.role else "",
                day=day,
                household=entry.household if entry.household_id else None,
                first_at=entry.at,
                last_at=entry.at,
            )
        found.first_at = min(found.first_at, entry.at)
        found.last_at = max(found.last_at, entry.at)
        code = code_of(entry.detail) if entry.detail else None
        done = (entry.action, code)
        found.counts[done] = found.counts.get(done, 0) + 1
        # Entries of the same moment keep the order they were written in.
        found.first[done] = min(found.first.get(done, (entry.at, entry.pk)), (entry.at, entry.pk))
        found.parts |= _parts_of(entry, SUBJECTS.get(code) if code else None)
        purpose = entry.purpose_label
        if purpose and purpose not in found.purposes:
            found.purposes.insert(0, purpose)
        address = entry.ip_address
        if address and address not in found.addresses:
            found.addresses.insert(0, address)
    return list(days.values())
