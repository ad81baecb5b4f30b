"""Every form the product shows survives whatever is sent to it.

The forms are found the way a visitor finds them: every URL of the URLconf is opened (GET) by
every visitor the leak matrix allows there, and every `<form>` on the page is read from the HTML:
its inputs, selects with their options, textareas, checkboxes and named buttons. Links that
carry a query string (`?page=`, `?signal=`, `?example=`) count as forms that GET, and every
GET form also gets a `page`. Hypothesis then sends what a careful attacker would try: huge and
negative integers, the option values of other objects, very long strings, NUL bytes, unicode,
impossible dates, nothing, several values where one is expected — mixed with the form's own
values, so that one bad value in an otherwise good form reaches the code behind it. Every field
also gets a request with a number beyond every integer column and one with a digit int() does
not read, the rest of the form as the page sent it.

For every request:
1. never a 5xx, never an exception;
2. after a refused post (a 4xx, the form shown again with its errors, or a redirect with an error
   message) nothing was saved: every table holds exactly the rows it held before, except the
   tables that record the attempt itself by design (UNSAVED_EXCEPT).

Each request runs in a savepoint that is rolled back afterwards, so every example starts from
the same world. The matrix is heavy, so it runs on SQLite only; the bounded form fields that keep
PostgreSQL from the same faults are tested on both databases in core/tests/test_bounded_fields.py.
"""

import time
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.contrib.messages import ERROR, get_messages
from django.db import connection, transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from kansrijk.academy import services as academy
from kansrijk.academy.models import Meeting, Session
from kansrijk.access.choices import Recipient
from kansrijk.core.dates import today
from tests.factories import ConsentFactory
from tests.test_leak_matrix import RULES, VISITORS, World, _allowed, _routes

pytestmark = [
    pytest.mark.usefixtures("frozen_today"),
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="a heavy matrix, run on SQLite; the bounded fields are tested on both databases",
    ),
]

# Tables that record the attempt itself, so a refused post may still write to them:
# - the audit log: every read of a household's file is logged (design.md), also the read that
#   shows a form again with its errors;
# - sessions: every request renews the session's idle limit, and messages may live there;
# - axes' failed logins: a refused login is counted, that is the lockout;
# - the second factor's devices: a wrong code raises the device's throttling counter.
UNSAVED_EXCEPT = {
    "access_auditentry",
    "django_session",
    "axes_accessattempt",
    "axes_accessfailurelog",
    "otp_totp_totpdevice",
}
# A number beyond every integer column (SQLite's and PostgreSQL's bigint included).
HUGE = "99999999999999999999"
# What a careful attacker sends: integers just inside and outside every column type, and the
# harmless-looking ones; text that databases and parsers trip over; dates that do not exist.
EXTREME_VALUES = [
    HUGE,
    str(2**63),
    str(2**63 - 1),
    str(-(2**63) - 1),
    str(2**31),
    "-1",
    "0",
    "²",
    "1e309",
    "NaN",
    "x" * 20_000,
    "\x00",
    "a\x00b",
    "Zoë 漢字 🙂 \u202e",
    "0001-01-01",
    "9999-12-31",
    "2025-02-30",
    "",
    " ",
]
# Sent to every field in turn, the rest of the form as the page sent it: a number no column
# holds, and a digit that str.isdigit() accepts and int() does not (any text that is no number).
IN_EVERY_FIELD = [HUGE, "²"]
# Random requests per form on top of those; enough to mix bad values into most fields, few
# enough to keep the matrix near a minute.
EXAMPLES_PER_FORM = 6


@dataclass
class SentField:
    """One name a form sends: the values the page offers, and those a plain submit sends."""

    name: str
    kind: str
    offered: list[str] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    many: bool = False


@dataclass
class PageForm:
    """A `<form>` (or a link with a query string) as the page shows it."""

    method: str
    action: str
    fields: dict[str, SentField] = field(default_factory=dict)
    htmx: bool = False

    @property
    def path(self) -> str:
        return urlsplit(self.action).path

    def signature(self) -> tuple:
        names = tuple((f.name, f.kind) for f in self.fields.values())
        return (self.method, self.path, names)

    def as_sent(self) -> dict[str, list[str]]:
        """What the browser sends when the person presses the first button, changing nothing."""
        return {name: list(sent.sent) for name, sent in self.fields.items()}


class FormReader(HTMLParser):
    """The forms of a page with the names they send, and its links with a query string."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._select: SentField | None = None
        self._textarea: SentField | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {key: value if value is not None else "" for key, value in attrs}
        if tag == "form":
            action = urljoin(self.page_url, a.get("action") or self.page_url)
            method = "post" if a.get("method", "get").lower() == "post" else "get"
            self._form = PageForm(method=method, action=action, htmx="hx-post" in a)
            return
        if tag == "a" and "?" in a.get("href", ""):
            self._link(a["href"])
            return
        if self._form is None:
            return
        if tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select.offered.append(value)
            if "selected" in a:
                self._select.sent.append(value)
            return
        name = a.get("name")
        if not name or name == "csrfmiddlewaretoken":  # the test client skips CSRF checks
            return
        if tag == "input":
            self._input(name, a)
        elif tag == "button" and a.get("type", "submit") == "submit":
            self._button(self._field(name, "submit"), a.get("value", ""))
        elif tag == "select":
            self._select = self._field(name, "select")
            self._select.many = "multiple" in a
        elif tag == "textarea":
            self._textarea, self._text = self._field(name, "textarea"), []

    def _link(self, href: str) -> None:
        url = urljoin(self.page_url, href)
        if not url.startswith("/"):
            return  # another site
        link = PageForm(method="get", action=urlsplit(url).path)
        for name, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
            sent = link.fields.setdefault(name, SentField(name=name, kind="query"))
            sent.offered.append(value)
            sent.sent = [value]
        self.forms.append(link)

    def _input(self, name: str, a: dict[str, str]) -> None:
        kind = a.get("type", "text").lower()
        if kind in {"reset", "image", "file", "button"}:
            return
        sent = self._field(name, kind)
        if kind == "submit":
            self._button(sent, a.get("value", ""))
            return
        value = a.get("value", "on" if kind in {"checkbox", "radio"} else "")
        sent.offered.append(value)
        if kind not in {"checkbox", "radio"} or "checked" in a:
            sent.sent.append(value)
        sent.many = sent.many or (kind == "checkbox" and len(sent.offered) > 1)

    @staticmethod
    def _button(sent: SentField, value: str) -> None:
        sent.offered.append(value)
        if not sent.sent:  # the first button is the one pressed
            sent.sent.append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            if self._form.method == "get":
                # Lists are paged: a GET form's page may carry a page number too.
                self._form.fields.setdefault("page", SentField("page", "query", ["1", "2"]))
            self.forms.append(self._form)
            self._form = None
        elif tag == "select" and self._select is not None:
            if not self._select.sent and self._select.offered and not self._select.many:
                self._select.sent.append(self._select.offered[0])
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            text = text.removeprefix("\n")  # a browser drops the newline after <textarea>
            self._textarea.offered, self._textarea.sent = [text], [text]
            self._textarea = None

    def _field(self, name: str, kind: str) -> SentField:
        assert self._form is not None
        return self._form.fields.setdefault(name, SentField(name=name, kind=kind))


def _more_to_fill_in(world: World) -> None:
    """What the leak matrix's world lacks for some forms to show: its Academie session and
    Buddy Building moved to today with the buddy enrolled (attendance lists, cancelling a place)
    and the active household's consent for Doorbraak (opening a case)."""
    cast = world.cast
    session = Session.objects.get(uuid=world.academy["session_uuid"])
    Session.objects.filter(pk=session.pk).update(on=today())
    academy.enrol(session=session, by=cast.buddy, user=cast.buddy)
    Meeting.objects.filter(uuid=world.academy["meeting_uuid"]).update(on=today())
    active = world.target("household")
    ConsentFactory(
        household=active.household,
        recipient=Recipient.DOORBRAAK,
        assessments=False,
        recorded_by=cast.coordinator,
        starts_on=active.referred_on,
    )


def _client(world: World, visitor: str) -> Client:
    client = Client(headers={"accept-language": "en"})
    if world.users[visitor] is not None:
        client.force_login(world.users[visitor])
    return client


def _forms_in_the_world(world: World) -> list[tuple[str, str, PageForm]]:
    """(visitor, page, form) for every form a visitor is shown on a page they may use, or on a
    page such a page links to with a query string (`?signal=` fills in the case form).

    A form met on several pages (the language switch) is sent to once; the same form shown to
    another visitor is sent to again only when it has other fields there. Logging out would end
    the visitor's session for the rest of the matrix.
    """
    found, seen = [], set()
    logout = world.url("logout")
    for visitor in VISITORS:
        client = _client(world, visitor)
        names = sorted(n for n in _routes() if n in RULES and _allowed(n, visitor))
        pages = [(name, world.url(name)) for name in names]
        opened = set()
        while pages:
            name, url = pages.pop(0)
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            reader = FormReader(url)
            reader.feed(response.content.decode())
            for form in reader.forms:
                kinds = {sent.kind for sent in form.fields.values()}
                if form.method == "get" and kinds == {"query"}:  # a link with a query string
                    target = f"{form.path}?{urlencode(form.as_sent(), doseq=True)}"
                    if target not in opened:
                        opened.add(target)
                        pages.append((name, target))
                if form.path == logout or form.signature() in seen:
                    continue
                seen.add(form.signature())
                found.append((visitor, name, form))
    return found


def _values_of_other_objects(forms: list[tuple[str, str, PageForm]]) -> list[str]:
    """Every option a form offers anywhere: ids and codes of objects another form is about."""
    values = {
        value
        for _, _, form in forms
        for sent in form.fields.values()
        if sent.kind in {"select", "checkbox", "radio", "hidden", "query"}
        for value in sent.offered
    }
    return sorted(values)


def _snapshot() -> dict[str, list[str]]:
    """Every row of every table that a refused post must leave alone."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in UNSAVED_EXCEPT:
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # the names come from the schema
            rows[table] = sorted(map(repr, cursor.fetchall()))
    return rows


def _refusal(response) -> str | None:
    """How the product said no (a 4xx, the form again with its errors, an error message and a
    redirect), or None when it did not."""
    if 400 <= response.status_code < 500:
        return f"refused with {response.status_code}"
    body = b"" if getattr(response, "streaming", False) else response.content
    if b'class="errorlist' in body:
        return f"showed the form again with errors ({response.status_code})"
    if any(m.level == ERROR for m in get_messages(response.wsgi_request)):
        return "redirected with an error message"
    return None


@dataclass
class Tally:
    """How the requests of the matrix were answered, for the summary line."""

    answers: Counter = field(default_factory=Counter)

    def __str__(self) -> str:
        return ", ".join(f"{count} {kind}" for kind, count in sorted(self.answers.items()))


def _send(
    client: Client, form: PageForm, data: dict[str, list[str]], htmx: bool, tally: Tally
) -> str | None:
    """Send once inside a rolled-back savepoint; what went wrong, or None."""
    headers = {"HX-Request": "true"} if htmx else {}
    # Messages left by an earlier request would count as this one's: start without them.
    client.cookies.pop("messages", None)
    posting = form.method == "post"
    with transaction.atomic():
        before = _snapshot() if posting else {}
        try:
            response = getattr(client, form.method)(form.action, data, headers=headers)
        except Exception as error:  # the test client re-raises what the view raised: a 500
            transaction.set_rollback(True)
            tally.answers["exceptions"] += 1
            return f"{type(error).__name__}: {str(error)[:200]}"
        refusal = _refusal(response)
        after = _snapshot() if posting and refusal else before
        transaction.set_rollback(True)
    tally.answers[f"{form.method.upper()}s {'refused' if refusal else 'accepted'}"] += 1
    if response.status_code >= 500:
        return f"status {response.status_code}"
    changed = sorted(table for table in before if before[table] != after.get(table))
    if changed:
        return f"{refusal}, but saved to {changed}"
    return None


def _requests(form: PageForm, others: list[str]):
    """Hypothesis: each field as sent, one of its own values, a bad one, none or several."""

    def field_values(sent: SentField):
        own = st.sampled_from(sent.offered or [""])
        bad = st.sampled_from(EXTREME_VALUES) | st.sampled_from(others)
        return st.one_of(
            st.just(sent.sent),
            own.map(lambda value: [value]),
            bad.map(lambda value: [value]),
            st.lists(own | bad, max_size=3),  # nothing, or several where one is expected
        )

    return st.fixed_dictionaries({name: field_values(f) for name, f in form.fields.items()})


def _with_one_bad_value(form: PageForm, name: str, bad: str) -> dict[str, list[str]]:
    """The form as sent, with a bad value in one field (added to one good one if it takes many)."""
    data = form.as_sent()
    sent = form.fields[name]
    data[name] = [*sent.offered[:1], bad] if sent.many else [bad]
    return data


def _fuzz(client: Client, form: PageForm, others: list[str], tally: Tally) -> str | None:
    """Send extreme values to one form; the first fault, with the request that shows it."""

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        derandomize=True,  # the same requests on every run and in CI
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=_requests(form, others), htmx=st.booleans() if form.htmx else st.just(False))
    def send(data, htmx):
        problem = _send(client, form, data, htmx, tally)
        assert problem is None, f"{problem}\n    sent: {_short(data)}"

    for name in form.fields:
        for bad in IN_EVERY_FIELD:
            send = example(data=_with_one_bad_value(form, name, bad), htmx=False)(send)
    try:
        send()
    except AssertionError as fault:
        return "\n".join(str(fault).splitlines()[:2])
    return None


def _short(data: dict[str, list[str]]) -> dict[str, list[str]]:
    def short(value: str) -> str:
        return value if len(value) < 40 else f"{value[:20]}…({len(value)})"

    return {name: [short(value) for value in values] for name, values in data.items()}


def test_every_form_survives_extreme_input(cast, capsys):
    world = World(cast)
    _more_to_fill_in(world)
    started = time.monotonic()
    forms = _forms_in_the_world(world)
    others = _values_of_other_objects(forms)
    clients = {visitor: _client(world, visitor) for visitor in VISITORS}
    faults, tally = [], Tally()
    for visitor, page, form in forms:
        fault = _fuzz(clients[visitor], form, others, tally)
        if fault:
            faults.append(f"{visitor} on {page}, {form.method.upper()} {form.path}: {fault}")
    with capsys.disabled():
        methods = Counter(form.method.upper() for _, _, form in forms)
        print(
            f"\nextreme input: {methods['POST']} forms that POST and {methods['GET']} that GET, "
            f"{sum(len(f.fields) for _, _, f in forms)} fields; {tally}; "
            f"{time.monotonic() - started:.0f} s; {len(faults)} faults"
        )
    assert not faults, "\n".join(faults)


def test_the_form_reader_reads_what_a_browser_would_send():
    reader = FormReader("/page/")
    reader.feed(
        '<form method="get"><input name="q" value="search"></form>'
        '<a href="?page=2&amp;area=x">Next</a><a href="https://example.org/?x=1">out</a>'
        '<form method="post" hx-post="/x/">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="t">'
        '<input type="hidden" name="version" value="3">'
        '<select name="area"><option value="">-</option><option value="7" selected>A</option>'
        "</select>"
        '<select name="areas" multiple><option value="1">A</option><option value="2">B</option>'
        "</select>"
        '<input type="checkbox" name="goals" value="4" checked>'
        '<input type="checkbox" name="goals" value="5">'
        '<textarea name="note">\nhello</textarea>'
        '<button name="action" value="save">Save</button><button name="action" value="no">No'
        "</button></form>"
    )
    search, link, form = reader.forms
    assert (search.method, search.action, search.as_sent()) == (
        "get",
        "/page/",
        {"q": ["search"], "page": []},
    )
    assert (link.method, link.path, link.as_sent()) == (
        "get",
        "/page/",
        {"page": ["2"], "area": ["x"]},
    )
    assert (form.method, form.action, form.htmx) == ("post", "/page/", True)
    assert form.as_sent() == {
        "version": ["3"],
        "area": ["7"],
        "areas": [],
        "goals": ["4"],
        "note": ["hello"],
        "action": ["save"],
    }
    assert form.fields["areas"].many and form.fields["goals"].many
    assert form.fields["action"].offered == ["save", "no"]
