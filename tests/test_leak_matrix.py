"""The leak matrix: every URL of the product × every kind of visitor × GET and POST.

The URLs are discovered from the URLconf, so a new page fails this test until its rule is
written down in RULES. For every request two things must hold:
1. whoever the rules do not allow is refused: 404 (or 403/405), or sent to the login page;
2. no response, allowed or not, contains the name of a household the visitor may not see.
"""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.models import Consent
from kansrijk.access.services import consent_record, participant_account_create
from kansrijk.core.dates import today
from kansrijk.escalation import case_services as cases
from kansrijk.escalation import services as escalation
from kansrijk.frameworks.selectors import framework_for
from kansrijk.network import services as network
from kansrijk.people.choices import Role
from kansrijk.plans import services as plans
from kansrijk.trajectories.choices import Phase
from tests.factories import (
    AreaFactory,
    DocumentFactory,
    EvaluationFactory,
    OrganisationFactory,
    PartnerReferralFactory,
    ProgrammeRoleFactory,
    UserFactory,
    trajectory_in,
)

pytestmark = pytest.mark.usefixtures("frozen_today")

# Who may use each page. Keys are URL names; values are the visitors allowed (see VISITORS),
# PUBLIC (anyone, also anonymous) or SIGNED_IN (anyone logged in: the page shows only their own
# things). The household a household page is asked about is named by TARGET.
PUBLIC, SIGNED_IN = "public", "signed in"
KEEPERS = {"coordinator", "buddy"}  # the buddy and the coordinator work with the whole file
PARTICIPANTS = {"participant", "other participant"}
RULES: dict[str, str | set[str]] = {
    "home": SIGNED_IN,
    "healthz": PUBLIC,
    "readyz": PUBLIC,
    # Only Prometheus, with its token (core/tests/test_metrics.py): nobody here has it.
    "metrics": set(),
    # The API's pages (its operations have their own matrix: tests/test_api_leak_matrix.py).
    "api_docs": PUBLIC,
    "api_clients": {"coordinator"},
    "api_client_revoke": {"coordinator"},
    "login": PUBLIC,
    "logout": SIGNED_IN,
    "two_factor": SIGNED_IN,
    "two_factor_setup": SIGNED_IN,
    "security": SIGNED_IN,
    "two_factor_remove": SIGNED_IN,
    "password_change": SIGNED_IN,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    "set_language": PUBLIC,
    # A portal account without e-mail: the code from the letter, then her password.
    "activate": PUBLIC,
    "activate_password": PUBLIC,
    "programme": {"coordinator"},
    "programme_households": {"coordinator"},
    "refer": {"coordinator"},
    "waiting_list": {"coordinator"},
    "audit_log": {"coordinator"},
    "programme_framework": {"coordinator"},
    # How far each participant language is translated and reviewed: no personal data, but a
    # coordinator's page all the same.
    "translation_status": {"coordinator"},
    "batch_matching": {"coordinator"},
    "crisis_guidance": {"coordinator"},
    "matching_weights": {"coordinator"},
    "buddy_profiles": {"coordinator"},
    "buddy_profile": {"coordinator"},
    "own_buddy_profile": {"buddy", "other buddy"},
    "match_wishes": {"coordinator"},
    # The person of the named organisation reads what the active household allows it.
    "household": {"coordinator", "buddy", "backup", "organisation"},
    "household_timeline": {"coordinator", "buddy", "backup", "organisation"},
    "start_intake": {"coordinator"},
    "intake": {"coordinator"},
    "intake_step": {"coordinator"},
    "intake_finish": {"coordinator"},
    "intake_picture": {"coordinator"},
    "pair": {"coordinator"},
    "start_year": {"coordinator", "buddy"},
    "match": {"coordinator"},
    "start_aftercare": {"coordinator", "buddy"},
    "close": {"coordinator"},
    "drop_out": {"coordinator"},
    "extend": {"coordinator"},
    "household_type": {"coordinator"},
    "log_contact": {"coordinator", "buddy", "backup"},
    # Meetings: whoever may see where and why (the backup's consent here leaves that out).
    "appointment_new": KEEPERS,
    "appointment_edit": KEEPERS,
    "appointment_cancel": KEEPERS,
    "appointment_ics": KEEPERS,
    # The buddy's calendar: its page for buddies; the feed for whoever holds its secret
    # address (the world holds the cast buddy's), since calendar apps fetch it without a login.
    "calendar_feed": {"buddy", "other buddy"},
    "calendar_feed_ics": PUBLIC,
    "record_assessment": {"coordinator", "buddy", "backup"},
    "consents": KEEPERS,
    "portal_account": KEEPERS,
    "activation_letter": KEEPERS,
    "withdraw_consent": KEEPERS,
    "rights": {"coordinator"},
    "rights_export_zip": {"coordinator"},
    "rights_export_pdf": {"coordinator"},
    "rights_erase": {"coordinator"},
    "buddy_home": SIGNED_IN,
    "backup_home": SIGNED_IN,
    # A person's households by consent to their organisation: only their own, for anyone.
    "organisation_home": SIGNED_IN,
    # The partner organisations and their people: for coordinators (of any programme).
    "organisations": {"coordinator", "other coordinator"},
    "figures": SIGNED_IN,
    # Every participant has their own page; the consent named in the URL is the participant's,
    # so the other participant must be refused withdrawing it.
    "my_file": PARTICIPANTS,
    "my_reads": PARTICIPANTS,
    # Each participant chooses the language of her own pages (stored with her household).
    "my_language": PARTICIPANTS,
    "withdraw_my_consent": {"participant"},
    # Her own consents: each participant changes only her own household's (an undo naming
    # consents that are not hers is refused for every visitor alike).
    "my_consents": PARTICIPANTS,
    "my_consent_organisation": PARTICIPANTS,
    "my_consent_give": PARTICIPANTS,
    "my_consent_stop": PARTICIPANTS,
    "my_consent_undo": PARTICIPANTS,
    "my_export_zip": PARTICIPANTS,
    "my_export_pdf": PARTICIPANTS,
    # The plan is the part "wishes and plan": the backup's consent here covers other parts, the
    # named organisation's covers it (to read, not to change).
    "plan": KEEPERS | {"organisation"},
    "plan_print": KEEPERS | {"organisation"},
    "goal_new": KEEPERS,
    "goal_edit": KEEPERS,
    "goal_status": KEEPERS,
    "action_new": KEEPERS,
    "action_done": KEEPERS,
    "note_new": KEEPERS,
    "note_celebrate": KEEPERS,
    # The goal and step named in the URL are the participant's own.
    "my_plan_print": PARTICIPANTS,
    "my_note_new": {"participant"},
    "my_action_done": {"participant"},
    # Each participant proposes goals for her own plan; the proposal named in the URL is the
    # active household's, answered by whoever may change its plan.
    "my_proposal_new": PARTICIPANTS,
    "proposal_take": KEEPERS,
    "proposal_discuss": KEEPERS,
    # Signals to the backup: the buddy raises, the backup (with consent) and coordinator act.
    "signal_raise": KEEPERS,
    "signal": {"coordinator", "buddy", "backup"},
    "signal_pick_up": {"coordinator", "backup"},
    "signal_answer": {"coordinator", "backup"},
    "signal_pass_on": {"coordinator", "backup"},
    "signal_close": {"coordinator", "buddy", "backup"},
    "signal_queue": {"backup", "backup without consent"},
    "programme_signals": {"coordinator"},
    # Covers: the cover in the world is the backup's, with "backup without consent" covering.
    "covers": {"coordinator", "other coordinator", "backup", "backup without consent"},
    "cover_end": {"coordinator", "backup", "backup without consent"},
    # The active household gave no consent for Doorbraak: its professionals get the refusal in
    # words. The case is the other household's, which let Doorbraak professionals see it.
    "doorbraak_case_open": {"coordinator", "backup"},
    "doorbraak_cases": {"coordinator", "other coordinator", "doorbraak"},
    "doorbraak_case": {"coordinator", "other buddy", "backup", "doorbraak"},
    "doorbraak_case_edit": {"coordinator", "backup", "doorbraak"},
    # Figures and lessons without personal data, for coordinators and Doorbraak professionals.
    "learning_register": {"coordinator", "other coordinator", "doorbraak"},
    "learning_register_csv": {"coordinator", "other coordinator", "doorbraak"},
    # The network map is part "wishes and plan" too; the map and tie are the active household's.
    "network": KEEPERS | {"organisation"},
    "network_new": KEEPERS,
    "network_compare": KEEPERS | {"organisation"},
    "network_map": KEEPERS | {"organisation"},
    "network_map_edit": KEEPERS,
    "network_tie_new": KEEPERS,
    "network_tie_edit": KEEPERS,
    "network_tie_remove": KEEPERS,
    # Documents: the world's document is in the basic details, which the backup's consent
    # covers (the backup reads, only the buddy and coordinator add); the participant downloads
    # it from her own page. Doorbraak professionals and referrers read no documents.
    "household_documents": {"coordinator", "buddy", "backup"},
    "household_document": {"coordinator", "buddy", "backup"},
    # Taking one out: the coordinator, or the buddy who added it (the world's buddy did).
    "household_document_remove": {"coordinator", "buddy"},
    "my_document": {"participant"},
    # Outcomes: the coordinator, the buddy and the backup with consent; never a funder.
    "outcomes": {"coordinator", "buddy", "backup"},
    "outcome_new": {"coordinator", "buddy", "backup"},
    "outcome_edit": {"coordinator", "buddy", "backup"},
    "outcome_remove": {"coordinator", "buddy", "backup"},
    "outcome_types": {"coordinator"},
    # The participant's evaluation: she gives her own; only the coordinator reads the answers
    # and types in a paper one. Never the buddy, the backup or a funder.
    "my_evaluation": {"participant", "other participant"},
    "evaluations": {"coordinator"},
    "evaluation": {"coordinator"},
    "evaluation_paper": {"coordinator"},
    "follow_ups_due": {"coordinator"},
    "follow_up": {"coordinator"},
    "my_follow_up": PARTICIPANTS,
    # Aggregates only: the coordinator exactly, the funder with small counts suppressed.
    "programme_report": {"coordinator", "funder"},
    "cost_benefit": {"coordinator", "funder"},
    "cost_benefit_edit": {"coordinator"},
    "report_download": {"coordinator", "funder"},
    # The results list (outcomes' reports/results.py), routed in reports/urls.py.
    "results": {"coordinator", "funder"},
    # Selection, the programme's buddies and settings: its coordinators.
    "academy_candidates": {"coordinator"},
    "academy_candidate_new": {"coordinator"},
    "academy_candidate": {"coordinator"},
    # The scan of a buddy's VOG: only the coordinators of the programme that selects them.
    "academy_vog_scan_new": {"coordinator"},
    "academy_vog_scan": {"coordinator"},
    "academy_settings": {"coordinator"},
    "academy_buddies": {"coordinator"},
    "academy_buddy": {"coordinator"},
    "academy_buddy_end": {"coordinator"},
    "academy_buddy_certificate": {"coordinator"},
    # The Academie is municipality-wide: every coordinator runs it, buddies enrol.
    "academie": {"coordinator", "other coordinator", "buddy", "other buddy"},
    "academy_session_new": {"coordinator", "other coordinator"},
    "academy_session": {"coordinator", "other coordinator", "buddy", "other buddy"},
    "academy_certificate": {"buddy", "other buddy"},
    "buddy_check_in": {"buddy", "other buddy"},
    "buddy_pause": {"buddy", "other buddy"},
    # The Buddy Building of programme A: both its buddies are invited.
    "buddy_buildings": {"coordinator", "other coordinator"},
    "buddy_building": {"coordinator"},
    "buddy_building_rsvp": {"buddy", "other buddy"},
    "buddy_building_agenda": {"coordinator", "buddy", "other buddy"},
    # Transfers: the household's coordinator starts one; the world's (of the referred household,
    # to programme B) is decided by B's coordinator and taken back by A's. Each programme's
    # list is its coordinators'. Accepting and cancelling ask first: a post without `confirm`
    # only shows the page again.
    "transfer_request": {"coordinator"},
    "programme_transfers": {"coordinator"},
    "transfer_accept": {"other coordinator"},
    "transfer_decline": {"other coordinator"},
    "transfer_cancel": {"coordinator"},
    # Partner referrals: the referrer's own pages (the referral in the URL is the world
    # referrer's), and the inbox of programme A for its coordinator.
    "my_referrals": {"referrer"},
    "referral_new": {"referrer"},
    "my_referral": {"referrer"},
    "referral_inbox": {"coordinator"},
    "incoming_referral": {"coordinator"},
    "referral_decline": {"coordinator"},
}
# The phase the target household is in for each household page: the phase in which its allowed
# visitors may use it, so a refusal below always means "not you", never "not now".
TARGET_PHASE = {
    "start_intake": Phase.REFERRED,
    "intake": Phase.INTAKE,
    "intake_step": Phase.INTAKE,
    "intake_finish": Phase.INTAKE,
    "intake_picture": Phase.INTAKE,
    "pair": Phase.MATCHING,
    "start_year": Phase.MATCHED,
    "match": Phase.MATCHING,
    "match_wishes": Phase.MATCHING,
    "close": Phase.AFTERCARE,
    # Stopped during the year, not yet evaluated: the coordinator may type in a paper form.
    "evaluation_paper": Phase.DROPPED_OUT,
}
# Posting to these acts at once, without a form: allowed visitors' posts are covered by their
# own tests, here only refusals are checked (and that nothing changed).
# (Withdrawing a consent is not among them: a post without its confirmation only asks.)
ACTS_WITHOUT_FORM = {"logout", "two_factor_remove"}
ACTS_WITHOUT_FORM |= {"note_celebrate"}
ACTS_WITHOUT_FORM |= {"cover_end"}
ACTS_WITHOUT_FORM |= {"api_client_revoke"}
VISITORS = [
    "anonymous",
    "no role",
    "coordinator",
    "other coordinator",
    "buddy",
    "other buddy",
    "backup",
    "backup without consent",
    "funder",
    "doorbraak",
    "referrer",
    "organisation",
    "other organisation",
    "participant",
    "other participant",
]
REFUSED = {403, 404, 405}


def _routes() -> dict[str, str]:
    """Every named URL of the product (not Django's admin) with its whole route."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route.startswith("admin/"):  # Django's admin guards itself: staff only
                    continue
                if pattern.namespace == "api-v1":  # tests/test_api_leak_matrix.py walks these
                    continue
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield pattern.name, route

    return dict(walk(get_resolver().url_patterns))


def _url_names() -> set[str]:
    return set(_routes())


class World:
    """Programme A with a household in every phase and every kind of visitor around it."""

    def __init__(self, cast):
        self.cast = cast
        programme = cast.programme
        self.households = {
            phase: trajectory_in(
                phase, buddy=cast.buddy, backup=cast.backup, household__programme=programme
            )
            for phase in (Phase.REFERRED, Phase.INTAKE, Phase.MATCHING, Phase.MATCHED, Phase.ACTIVE)
        }
        other_buddy, other_backup = UserFactory(), UserFactory()
        ProgrammeRoleFactory(user=other_buddy, programme=programme, role=Role.BUDDY)
        ProgrammeRoleFactory(user=other_backup, programme=programme, role=Role.BACKUP)
        # Aftercare and the other household: the cast's buddy is full with one, so give them
        # to another pair; the cast's backup backs up the other household without consent.
        self.households[Phase.AFTERCARE] = trajectory_in(
            Phase.AFTERCARE, buddy=other_buddy, backup=other_backup, household__programme=programme
        )
        self.other = trajectory_in(
            Phase.ACTIVE, buddy=other_buddy, backup=cast.backup, household__programme=programme
        )
        # Ended: one finished and evaluated, one stopped during the year and still to ask.
        self.households[Phase.CLOSED] = trajectory_in(Phase.CLOSED, household__programme=programme)
        self.households[Phase.DROPPED_OUT] = trajectory_in(
            Phase.DROPPED_OUT,
            matched_on=today() - dt.timedelta(days=90),
            household__programme=programme,
        )
        self.evaluation = EvaluationFactory(
            trajectory=self.households[Phase.CLOSED], entered_by=cast.coordinator
        )
        active = self.households[Phase.ACTIVE]
        # The aftercare household gave no consent: its backup ("backup without consent") is out.
        self.consent = self._consent(active, cast.coordinator)
        self.users = {
            "anonymous": None,
            "no role": cast.stranger,
            "coordinator": cast.coordinator,
            "other coordinator": cast.other_coordinator,
            "buddy": cast.buddy,
            "other buddy": other_buddy,
            "backup": cast.backup,
            "backup without consent": other_backup,
            "funder": cast.funder,
            "doorbraak": self._with_role(Role.DOORBRAAK),
            "referrer": self._with_role(Role.REFERRER, organisation=OrganisationFactory()),
            # A person of the organisation the active household names in a consent (basic
            # details, wishes and plan), without any programme role; and one of another.
            "organisation": UserFactory(organisation=cast.organisation),
            "other organisation": UserFactory(organisation=OrganisationFactory()),
            "participant": self._participant(active, "p@example.org"),
            "other participant": self._participant(self.other, "q@example.org"),
        }
        self.other_consent = self._consent(self.other, cast.coordinator)
        self.organisation_consent = consent_record(
            household=active.household,
            trajectory=active,
            by=cast.coordinator,
            recipient=Recipient.ORGANISATION,
            organisation=cast.organisation,
            parts={FilePart.BASIC, FilePart.PLAN},
            starts_on=active.referred_on,
            ends_on=None,
            method=ConsentMethod.PAPER,
        )
        self.goal, self.action, self.note = _a_plan(active, cast.buddy)
        self.proposal = plans.proposal_create(
            trajectory=active, by=self.users["participant"], text="Voorstel"
        )
        self.signal, self.case, self.cover = _escalation(self, active, other_backup)
        self.network_map, self.tie = _a_network(active, cast.buddy)
        self.outcome = _an_outcome(active, cast.buddy)
        self.document = DocumentFactory(
            household=active.household, part=FilePart.BASIC, uploaded_by=cast.buddy
        )
        self.appointment, self.feed_token = _a_meeting(active, cast.buddy)
        self.academy = _academy_world(cast)
        self.transfer = _a_transfer(self.households[Phase.REFERRED], cast)
        referrer = self.users["referrer"]
        self.partner_referral = PartnerReferralFactory(
            area=AreaFactory(programme=programme),
            organisation=referrer.organisation,
            referred_by=referrer,
        )
        self.api_client = _an_api_client(cast)

    def _consent(self, trajectory, by) -> Consent:
        return consent_record(
            household=trajectory.household,
            trajectory=trajectory,
            by=by,
            recipient=Recipient.BACKUP,
            parts={FilePart.BASIC, FilePart.ASSESSMENTS},
            starts_on=trajectory.referred_on,
            ends_on=None,
            method=ConsentMethod.PAPER,
        )

    def _with_role(self, role: Role, **user_fields):
        user = UserFactory(**user_fields)
        ProgrammeRoleFactory(user=user, programme=self.cast.programme, role=role)
        return user

    def _participant(self, trajectory, email):
        return participant_account_create(
            household=trajectory.household,
            trajectory=trajectory,
            by=self.cast.coordinator,
            email=email,
        )

    def target(self, name: str):
        return self.households[TARGET_PHASE.get(name, Phase.ACTIVE)]

    def url(self, name: str) -> str:
        pattern_args = {
            "household_uuid": self.target(name).household.uuid,
            "programme_slug": self.cast.programme.slug,
            "consent_uuid": self.consent.uuid,
            "uidb64": self.users["buddy"].uuid,
            "user_uuid": self.users["buddy"].uuid,
            "token": "set-password",
            "step": "basics",
            "goal_uuid": self.goal.uuid,
            "action_uuid": self.action.uuid,
            "note_uuid": self.note.uuid,
            "proposal_uuid": self.proposal.uuid,
            "signal_uuid": self.signal.uuid,
            "case_uuid": self.case.uuid,
            "cover_uuid": self.cover.uuid,
            "map_uuid": self.network_map.uuid,
            "tie_uuid": self.tie.uuid,
            "outcome_uuid": self.outcome.uuid,
            "evaluation_uuid": self.evaluation.uuid,
            "document_uuid": self.document.uuid,
            "appointment_uuid": self.appointment.uuid,
            "referral_uuid": self.partner_referral.uuid,
            "feed_token": self.feed_token,
            "transfer_uuid": self.transfer.uuid,
            "client_uuid": self.api_client.uuid,
            "report_kind": "dashboard",
            "file_format": "pdf",
            **self.academy,
        }
        wanted = {key: pattern_args[key] for key in re.findall(r"<\w+:(\w+)>", _routes()[name])}
        return reverse(name, kwargs=wanted)

    def visible_names(self, visitor: str) -> set[str]:
        """The households whose names this visitor may read anywhere."""
        everyone = {t.household.display_name for t in [*self.households.values(), self.other]}
        seen = {
            "coordinator": everyone,
            # Matched: the buddy prepares the first meeting; the backup has no consent there.
            "buddy": {
                self.households[p].household.display_name for p in (Phase.MATCHED, Phase.ACTIVE)
            },
            "other buddy": {
                self.households[Phase.AFTERCARE].household.display_name,
                self.other.household.display_name,
            },
            "backup": {
                self.households[Phase.ACTIVE].household.display_name,
                self.other.household.display_name,
            },
            "participant": {self.households[Phase.ACTIVE].household.display_name},
            "other participant": {self.other.household.display_name},
            "doorbraak": {self.other.household.display_name},
            # The transfer waiting for B's coordinator names the household it would take over.
            "other coordinator": {self.households[Phase.REFERRED].household.display_name},
            "organisation": {self.households[Phase.ACTIVE].household.display_name},
        }
        return seen.get(visitor, set())


def _a_plan(trajectory, buddy):
    """A goal of the active household with a step of the participant's and a small success."""
    domain = framework_for(trajectory.household.programme).domains.first()
    goal = plans.goal_create(
        trajectory=trajectory, by=buddy, domain=domain, text="Rust", target_on=today()
    )
    action = plans.action_add(goal=goal, by=buddy, who="participant", what="Bellen", due_on=today())
    note = plans.note_add(goal=goal, by=buddy, text="Gelukt", is_success=True)
    return goal, action, note


def _a_transfer(trajectory, cast):
    """The referred household's transfer to an area of programme B, waiting for an answer."""
    from kansrijk.transfers import services as transfers
    from tests.factories import AreaFactory

    return transfers.transfer_request(
        household=trajectory.household,
        by=cast.coordinator,
        to_area=AreaFactory(programme=cast.other_programme),
        reason="Verhuisd",
    )


def _academy_world(cast) -> dict:
    """A candidate of programme A, a session next week and a Buddy Building of programme A."""
    from kansrijk.academy import services as academy
    from tests.factories import CandidateFactory, SessionFactory, VogScanFactory

    candidate = CandidateFactory(programme=cast.programme, created_by=cast.coordinator)
    scan = VogScanFactory(candidate=candidate, uploaded_by=cast.coordinator)
    meeting = academy.meeting_plan(
        by=cast.coordinator,
        programmes=[cast.programme],
        on=today() + dt.timedelta(days=14),
        starts_at=dt.time(19, 0),
        place="Wijkcentrum",
        theme="Doorbraaknetwerk",
    )
    session = SessionFactory(created_by=cast.coordinator)
    return {
        "candidate_uuid": candidate.uuid,
        "scan_uuid": scan.uuid,
        "session_uuid": session.uuid,
        "meeting_uuid": meeting.uuid,
    }


def _a_network(trajectory, buddy):
    """A start map of the active household's network with one tie on it."""
    network_map = network.network_map_create(
        trajectory=trajectory, by=buddy, moment="start", drawn_on=today()
    )
    tie = network.tie_add(
        network_map=network_map,
        by=buddy,
        name="zus",
        kind="family",
        strength="strong",
        flow="support",
    )
    return network_map, tie


def _a_meeting(trajectory, buddy):
    """Tomorrow's visit to the active household, and its buddy's calendar address."""
    from kansrijk.contacts.appointments import services as appointments

    appointment = appointments.appointment_plan(
        trajectory=trajectory, by=buddy, on=today() + dt.timedelta(days=1), at=dt.time(10, 0)
    )
    return appointment, appointments.calendar_feed_renew(user=buddy)


def _an_outcome(trajectory, buddy):
    """Good housing found by the active household, recorded by its buddy."""
    from kansrijk.outcomes import services as outcomes
    from tests.factories import outcome_type_of

    return outcomes.outcome_record(
        trajectory=trajectory,
        by=buddy,
        outcome_type=outcome_type_of(trajectory.household.programme, "housing_found"),
        reached_on=today(),
    )


def _escalation(world: "World", active, other_backup):
    """A signal of the active household; a Doorbraak case of the other household, whose
    participant lets Doorbraak professionals see the basics; next week's cover of the backup."""
    signal = escalation.signal_raise(
        trajectory=active, by=world.cast.buddy, kind="worry", description="Zorgen"
    )
    consent_record(
        household=world.other.household,
        trajectory=world.other,
        by=world.cast.coordinator,
        recipient=Recipient.DOORBRAAK,
        parts={FilePart.BASIC},
        starts_on=world.other.referred_on,
        ends_on=None,
        method=ConsentMethod.PAPER,
    )
    case = cases.case_open(trajectory=world.other, by=world.cast.coordinator, barrier="Toeslag")
    cover = escalation.cover_record(
        backup=world.cast.backup,
        colleague=other_backup,
        starts_on=today() + dt.timedelta(days=7),
        ends_on=today() + dt.timedelta(days=14),
        by=world.cast.backup,
    )
    return signal, case, cover


def _an_api_client(cast):
    """A connection of the cast's organisation for programme A (its key is not needed)."""
    from kansrijk.api.services import api_client_create

    client, _key = api_client_create(
        by=cast.coordinator,
        organisation=cast.organisation,
        name="Verwijssysteem",
        programmes=[cast.programme],
        scopes=["referrals:write"],
        expires_at=dt.datetime.combine(today() + dt.timedelta(days=30), dt.time(12), tzinfo=dt.UTC),
    )
    return client


def _allowed(name: str, visitor: str) -> bool:
    rule = RULES[name]
    if rule == PUBLIC:
        return True
    if rule == SIGNED_IN:
        return visitor != "anonymous"
    return visitor in rule


def _refused(response) -> bool:
    if response.status_code in REFUSED:
        return True
    return response.status_code == 302 and response.url.startswith(reverse("login"))


def test_every_page_has_a_rule():
    missing = _url_names() - set(RULES)
    assert not missing, f"Write down who may use these pages in RULES: {sorted(missing)}"


def test_nobody_sees_what_they_should_not(cast, capsys):
    world = World(cast)
    names = sorted(_url_names() & set(RULES))
    everyone = {t.household.display_name for t in [*world.households.values(), world.other]}
    leaks, checked = [], 0
    for visitor in VISITORS:
        client = Client(headers={"accept-language": "en"})
        if world.users[visitor] is not None:
            client.force_login(world.users[visitor])
        hidden = everyone - world.visible_names(visitor)
        for name in names:
            url = world.url(name)
            for method in ("get", "post"):
                if method == "post" and name == "logout":
                    continue  # it would end this visitor's session for the rest of the matrix
                allowed = _allowed(name, visitor)
                if method == "post" and allowed and name in ACTS_WITHOUT_FORM:
                    continue
                response = getattr(client, method)(url)
                checked += 1
                body = b"" if getattr(response, "streaming", False) else response.content
                text = body.decode(errors="ignore")
                if not allowed and not _refused(response):
                    leaks.append(f"{visitor} {method.upper()} {name}: {response.status_code}")
                shown = sorted(n for n in hidden if n in text)
                if shown:
                    leaks.append(f"{visitor} {method.upper()} {name} shows {shown}")
                if allowed and method == "get" and response.status_code == 404:
                    leaks.append(f"{visitor} GET {name}: 404, but the rules allow it")
    with capsys.disabled():
        print(
            f"\nleak matrix: {len(names)} pages × {len(VISITORS)} visitors × GET/POST = "
            f"{checked} requests, {len(leaks)} leaks"
        )
    assert not leaks, "\n".join(leaks)
    world.consent.refresh_from_db()
    world.other_consent.refresh_from_db()
    assert world.consent.withdrawn_at is None
    assert world.other_consent.withdrawn_at is None
    world.organisation_consent.refresh_from_db()
    assert world.organisation_consent.withdrawn_at is None
