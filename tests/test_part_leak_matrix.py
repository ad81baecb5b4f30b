"""The part-level leak matrix: every URL × every visitor × every consent a visitor can hold.

The whole-household matrix (test_leak_matrix.py) proves that nobody opens a household they may
not see. This one proves that, inside a household someone may open, they see only the parts of
the file the participant's consent gives them. Every piece of the active household's file holds
a unique canary text (a goal, a step, a contact note, an intake note, an assessment note, a
network tie, a signal, a Doorbraak case, …), tagged with the content it is, and the part each
content belongs to is read from `access.parts.PLACES`, the one map the product itself uses.

For every visitor, a canary may appear in a response (HTML page, htmx fragment, form re-shown
after a POST, ZIP/PDF/CSV download) or in their `kansrijk remind` e-mail only when the visitor
may see that content. The three kinds of consent holder (backup, Doorbraak professional, a
person of the organisation the participant named) are asked again under every set of parts their consent can name, under a consent
without the basic details, a withdrawn one and an expired one; the others' consents stay full
meanwhile, so a page that asks "any consent" rather than "this visitor's" shows up.

A heavy matrix: it runs on SQLite only (CI runs the rest on PostgreSQL too).
"""

import datetime as dt
import io
import itertools
import re
import zipfile
from dataclasses import dataclass

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.models import Consent
from kansrijk.access.parts import DOCUMENTS, PLACES, Content
from kansrijk.contacts.appointments import services as appointments
from kansrijk.core.dates import add_months, today
from kansrijk.escalation import case_services as cases
from kansrijk.escalation import services as escalation
from kansrijk.network import services as network
from kansrijk.outcomes import services as outcomes
from kansrijk.people.models import Organisation
from kansrijk.plans import services as plans
from kansrijk.reminders.selectors import digest_for
from kansrijk.reminders.services import render_digest
from kansrijk.trajectories.choices import ExtendedPart, ExtensionReason, Phase
from kansrijk.trajectories.models import TrajectoryExtension
from tests.factories import (
    AssessmentFactory,
    ContactFactory,
    DocumentFactory,
    IntakeFactory,
    PhaseChangeFactory,
    ReferralFactory,
    outcome_type_of,
)
from tests.files import pdf_bytes
from tests.test_leak_matrix import ACTS_WITHOUT_FORM, VISITORS, World, _url_names

pytestmark = [
    pytest.mark.usefixtures("frozen_today"),
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="a heavy matrix: it runs once, on SQLite"
    ),
]

# The visitors whose sight depends on a consent, and the recipient their consent names.
HOLDERS = {"backup": Recipient.BACKUP, "doorbraak": Recipient.DOORBRAAK}
HOLDERS["organisation"] = Recipient.ORGANISATION
# The referrer (a programme role) and the person of another organisation hold no consent: the
# referral alone, or an organisation she did not name, shows them nothing.
# Whoever works with the whole file, and the participant, whose own file it is (her right of
# access covers every part of it: the export holds it all).
WHOLE_FILE = {"coordinator", "buddy", "participant"}
OPTIONAL_PARTS = [FilePart.PLAN, FilePart.ASSESSMENTS, FilePart.SENSITIVE]


@dataclass(frozen=True)
class Combination:
    """One consent a holder can have: its parts, and whether it still counts."""

    name: str
    parts: frozenset[FilePart]
    in_force: bool = True
    withdrawn: bool = False

    def lets_see(self, content: Content, recipient: Recipient) -> bool:
        place = PLACES[content]
        return (
            self.in_force
            and FilePart.BASIC in self.parts
            and recipient in place.recipients
            and place.part in self.parts
        )


def _combinations() -> list[Combination]:
    every = frozenset(FilePart)
    combos = [
        Combination("+".join(sorted(p.value for p in parts)), frozenset(parts))
        for size in range(len(OPTIONAL_PARTS) + 1)
        for extra in itertools.combinations(OPTIONAL_PARTS, size)
        for parts in [{FilePart.BASIC, *extra}]
    ]
    combos.append(Combination("all but basic", every - {FilePart.BASIC}))
    combos.append(Combination("withdrawn", every, in_force=False, withdrawn=True))
    combos.append(Combination("expired", every, in_force=False))
    return combos


COMBINATIONS = _combinations()
FULL = next(c for c in COMBINATIONS if c.in_force and c.parts == frozenset(FilePart))


class Canaries:
    """Unique texts in every piece of the active household's file, each tagged with its content."""

    def __init__(self) -> None:
        self.by_text: dict[str, Content] = {}

    def __call__(self, content: Content, what: str) -> str:
        text = f"kanarie{what}{len(self.by_text)}x"
        self.by_text[text] = content
        return text


class PartWorld(World):
    """The leak matrix's world, with a canary in every piece of the active household's file
    and the URLs pointing at the canary goal, step, signal, case, map and outcome."""

    def __init__(self, cast) -> None:
        super().__init__(cast)
        self.canaries = canary = Canaries()
        self.active = active = self.households[Phase.ACTIVE]
        household = active.household
        buddy, coordinator = cast.buddy, cast.coordinator
        household.street_address = canary(Content.HOUSEHOLD, "straat")
        household.save(update_fields=["street_address"])
        # The referrer's organisation referred this household, but she named another one.
        ReferralFactory(
            trajectory=active,
            organisation=self.users["referrer"].organisation,
            reason=canary(Content.REFERRAL_REASON, "reden"),
            stress_sources=canary(Content.REFERRAL_REASON, "stressbronnen"),
            preferences=canary(Content.REFERRAL_WISHES, "buddywens"),
            recorded_by=coordinator,
        )
        IntakeFactory(
            trajectory=active,
            stress_now=canary(Content.INTAKE_STRESS, "stressnu"),
            stress_sources=canary(Content.INTAKE_STRESS, "intakestress"),
            notes=canary(Content.INTAKE_STRESS, "intakenotitie"),
            wishes=canary(Content.INTAKE_WISHES, "watwiljij"),
            strengths=canary(Content.INTAKE_WISHES, "krachten"),
            network=canary(Content.INTAKE_WISHES, "wiehelpt"),
            availability=canary(Content.INTAKE_WISHES, "bezoektijd"),
            recorded_by=coordinator,
        )
        ContactFactory(trajectory=active, by=buddy, note=canary(Content.CONTACT_NOTE, "contact"))
        assessment = AssessmentFactory(
            trajectory=active,
            note=canary(Content.ASSESSMENT_NOTE, "meting"),
        )
        assessment.scores.update(note=canary(Content.ASSESSMENT_NOTE, "score"))
        PhaseChangeFactory(
            trajectory=active,
            from_phase=Phase.MATCHING,
            to_phase=Phase.ACTIVE,
            by=coordinator,
            note=canary(Content.END_NOTE, "fase"),
        )
        active.end_note = canary(Content.END_NOTE, "einde")
        active.active_year_extended_to = add_months(active.standard_year_ends_on, 3)
        active.save(update_fields=["end_note", "active_year_extended_to"])
        TrajectoryExtension.objects.create(
            trajectory=active,
            part=ExtendedPart.ACTIVE_YEAR,
            old_end=active.standard_year_ends_on,
            new_end=active.active_year_extended_to,
            reason=ExtensionReason.GOALS_UNDER_WAY,
            note=canary(Content.END_NOTE, "verlenging"),
            by=coordinator,
        )
        self._plan(active, buddy, canary)
        self._meeting(active, buddy, canary)
        self._network(active, buddy, canary)
        self._escalation(active, buddy, coordinator, canary)
        self._documents(household, buddy, canary)
        self.outcome = outcomes.outcome_record(
            trajectory=active,
            by=buddy,
            outcome_type=outcome_type_of(household.programme, "volunteer_work"),
            reached_on=today(),
            evidence=canary(Content.OUTCOME, "bewijs"),
        )

    def _plan(self, active, buddy, canary) -> None:
        self.goal = plans.goal_create(
            trajectory=active,
            by=buddy,
            domain=self.goal.domain,
            text=canary(Content.PLAN, "doel"),
            target_on=today(),
        )
        self.action = plans.action_add(
            goal=self.goal,
            by=buddy,
            who="participant",
            what=canary(Content.PLAN, "stap"),
            due_on=today(),
        )
        self.note = plans.note_add(
            goal=self.goal, by=buddy, text=canary(Content.PLAN, "succes"), is_success=True
        )
        ContactFactory(trajectory=active, by=buddy).goals.add(self.goal)
        # The goal she proposed herself, waiting for an answer: the plan's part too.
        self.proposal = plans.proposal_create(
            trajectory=active, by=self.users["participant"], text=canary(Content.PLAN, "voorstel")
        )

    def _meeting(self, active, buddy, canary) -> None:
        """Tomorrow's meeting, with a canary where and what for: the e-mail of its day, the
        buddy's calendar feed and the .ics download carry neither."""
        self.appointment = appointments.appointment_plan(
            trajectory=active,
            by=buddy,
            on=today() + dt.timedelta(days=1),
            at=dt.time(15, 0),
            place=canary(Content.APPOINTMENT_DETAILS, "plek"),
            purpose=canary(Content.APPOINTMENT_DETAILS, "doel"),
        )

    def _network(self, active, buddy, canary) -> None:
        self.tie = network.tie_add(
            network_map=self.network_map,
            by=buddy,
            name=canary(Content.NETWORK, "buurvrouw"),
            kind="family",
            strength="strong",
            flow="support",
            note=canary(Content.NETWORK, "band"),
        )
        self.network_map.strengths = canary(Content.NETWORK, "gaatgoed")
        self.network_map.save(update_fields=["strengths"])

    def _documents(self, household, buddy, canary) -> None:
        """A document in every part, its name a canary; the sensitive one, whose download the
        matrix opens, holds a canary in its text too."""
        for part, content in DOCUMENTS.items():
            document = DocumentFactory(
                household=household,
                part=part,
                name=f"{canary(content, 'document')}.pdf",
                content=pdf_bytes(canary(content, "documenttekst")),
                uploaded_by=buddy,
            )
        self.document = document  # the sensitive one: DOCUMENTS ends with it

    def _escalation(self, active, buddy, coordinator, canary) -> None:
        self.signal = escalation.signal_raise(
            trajectory=active, by=buddy, kind="worry", description=canary(Content.SIGNAL, "sein")
        )
        _set_consent(active.household, Recipient.DOORBRAAK, FULL, coordinator)
        self.case = cases.case_open(
            trajectory=active,
            by=coordinator,
            barrier=canary(Content.DOORBRAAK_CASE, "barriere"),
            blocking_rule=canary(Content.DOORBRAAK_CASE, "regel"),
        )


def _set_consent(household, recipient: Recipient, combo: Combination, by) -> None:
    """Replace what `recipient` may see of the household by this combination (written
    directly: the service rightly refuses a consent without the basic details)."""
    Consent.objects.filter(household=household, recipient=recipient).delete()
    starts_on = today() - dt.timedelta(days=60)
    ends_on = None
    if not combo.in_force and not combo.withdrawn:
        starts_on, ends_on = today() - dt.timedelta(days=400), today() - dt.timedelta(days=1)
    Consent.objects.create(
        household=household,
        recipient=recipient,
        # the consent to a named organisation names the cast's (whose person is "organisation")
        organisation=_named(recipient),
        **{part.value: part in combo.parts for part in FilePart},
        starts_on=starts_on,
        ends_on=ends_on,
        method=ConsentMethod.PAPER,
        recorded_by=by,
        withdrawn_at=timezone.now() if combo.withdrawn else None,
        withdrawn_by=by if combo.withdrawn else None,
    )


def _named(recipient: Recipient) -> Organisation | None:
    """The organisation a consent to a named organisation names: the cast's, WIJ Beijum."""
    if recipient != Recipient.ORGANISATION:
        return None
    return Organisation.objects.get(slug="wij-beijum")


def _readable(response) -> str:
    """The text of a response as a person would read it: pages, and inside downloads."""
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    kind = response.get("Content-Type", "")
    if body[:2] == b"PK":  # ZIP, and XLSX (a ZIP of XML files)
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"\n".join(archive.read(name) for name in archive.namelist())
        return body.decode(errors="ignore").lower()
    if "pdf" in kind:
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
        return re.sub(r"\s+", "", text).lower()
    return body.decode(errors="ignore").lower()


class Matrix:
    """Asks every URL as one visitor and collects the canaries they should not have seen."""

    def __init__(self, world: PartWorld) -> None:
        self.world = world
        self.names = sorted(_url_names())
        self.requests = 0
        self.leaks: list[str] = []
        self.shown: set[str] = set()  # canaries someone allowed saw: each must be somewhere

    def check(self, visitor: str, combo: Combination, *, htmx: bool) -> None:
        user = self.world.users[visitor]
        client = Client(headers={"accept-language": "en"})
        if user is not None:
            client.force_login(user)
        allowed = self._allowed_canaries(visitor, combo)
        for name in self.names:
            url = self.world.url(name)
            for method, headers in self._asks(name, htmx):
                response = self._ask(client, method, url, headers)
                where = f"{visitor} [{combo.name}] {method.upper()} {name}{headers and ' htmx'}"
                if response.status_code >= 500:
                    self.leaks.append(f"{where}: {response.status_code}")
                self._compare(where, _readable(response), allowed)
        if user is not None:
            digest = digest_for(user)
            mail = "".join(render_digest(digest, day=today(), site_url="http://k.test"))
            self._compare(f"{visitor} [{combo.name}] e-mail", mail.lower(), allowed)

    def _asks(self, name: str, htmx: bool):
        asks = [("get", {})]
        if name not in ACTS_WITHOUT_FORM and name != "logout":
            asks.append(("post", {}))
        if htmx:
            asks += [(method, {"HX-Request": "true"}) for method, _ in list(asks)]
        return asks

    def _ask(self, client: Client, method: str, url: str, headers: dict):
        """One request; a POST's changes are rolled back, so every visitor meets one world."""
        self.requests += 1
        with transaction.atomic():
            response = getattr(client, method)(url, headers=headers)
            if method == "post":
                transaction.set_rollback(True)
        return response

    def _allowed_canaries(self, visitor: str, combo: Combination) -> set[str]:
        canaries = self.world.canaries.by_text
        if visitor in WHOLE_FILE:
            return set(canaries)
        recipient = HOLDERS.get(visitor)
        if recipient is None:
            return set()
        return {text for text, content in canaries.items() if combo.lets_see(content, recipient)}

    def _compare(self, where: str, text: str, allowed: set[str]) -> None:
        for canary, content in self.world.canaries.by_text.items():
            if canary not in text:
                continue
            if canary in allowed:
                self.shown.add(canary)
            else:
                self.leaks.append(f"{where} shows {content.value} ({canary})")


@pytest.mark.django_db
def test_nobody_sees_a_part_of_the_file_their_consent_does_not_give(cast, capsys):
    world = PartWorld(cast)
    household = world.active.household
    for recipient in HOLDERS.values():
        _set_consent(household, recipient, FULL, cast.coordinator)
    matrix = Matrix(world)
    # Everyone with the three holders' consents full: the strongest temptation to leak.
    for visitor in VISITORS:
        matrix.check(visitor, FULL, htmx=True)
    # Each holder under every consent they can hold, the others' consents staying full.
    for visitor, recipient in HOLDERS.items():
        for combo in COMBINATIONS:
            if combo != FULL:
                _set_consent(household, recipient, combo, cast.coordinator)
                matrix.check(visitor, combo, htmx=False)
        _set_consent(household, recipient, FULL, cast.coordinator)
    with capsys.disabled():
        print(
            f"\npart-level leak matrix: {len(matrix.names)} URLs × {len(VISITORS)} visitors, "
            f"{len(HOLDERS)} of them × {len(COMBINATIONS)} consents, "
            f"{len(world.canaries.by_text)} canaries in {len(set(world.canaries.by_text.values()))}"
            f" contents: {matrix.requests} requests, {len(matrix.leaks)} leaks"
        )
    assert not matrix.leaks, "\n".join(sorted(set(matrix.leaks)))
    # A canary no page shows proves nothing: every one must have been seen by someone allowed.
    assert set(world.canaries.by_text) - matrix.shown == set()
