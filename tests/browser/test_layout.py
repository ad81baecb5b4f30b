"""Layout checked in the browser: every page of every role, on a phone (390 px) and a desktop
(1280 px), in Dutch and in English, on the demo programmes with long Dutch words added.

Every named URL of the URLconf is either a page in PAGES, with the visitors who open it, or in
NOT_PAGES with the reason it is not one (a new page fails `test_every_page_is_in_the_layout_table`
until it is written down). On every page `layout_check.js` looks for what does not fit: the page
scrolling sideways, an element sticking out of the window or its parent, text running out of its
box or cut off, a table cut off without a scroll container, and a table's scroll container that a
keyboard cannot reach, has no name or shows no cue that there is more. A fault names the page,
the element (as a short selector) and its text. Screenshots of the key pages go to
test-results/screenshots/layout-*.png.

One browser context per visitor and width, reused across pages and both languages; the demo is
loaded once for the module and the live server shares its (in-memory SQLite) connection, so
nothing is loaded twice. A heavy matrix: it runs once, on SQLite.
"""

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import modify_settings
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from kansrijk.academy import services as academy
from kansrijk.academy.models import Candidate, Session
from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.services import consent_record
from kansrijk.api.models import ApiClient
from kansrijk.contacts.appointments import services as appointments
from kansrijk.contacts.models import AppointmentKind, ContactKind
from kansrijk.contacts.services import contact_log
from kansrijk.core.dates import today
from kansrijk.escalation import case_services as cases
from kansrijk.escalation import services as escalation
from kansrijk.escalation.models import Cover
from kansrijk.evaluations.models import Evaluation
from kansrijk.frameworks.selectors import framework_for
from kansrijk.network import services as network
from kansrijk.outcomes import services as outcomes
from kansrijk.partners.choices import Decision
from kansrijk.partners.models import PartnerReferral
from kansrijk.people.models import Household, Organisation, Programme, User
from kansrijk.plans import services as plans
from kansrijk.plans.models import GoalProposal
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.transfers.choices import TransferStatus
from kansrijk.transfers.models import Transfer
from tests.factories import outcome_type_of
from tests.test_leak_matrix import _routes

from .conftest import SCREENSHOTS

on_sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="a heavy matrix: it runs once, on SQLite"
)

CHECK = (Path(__file__).with_name("layout_check.js")).read_text()
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
LANGUAGES = ("nl", "en")
# Each visitor is a demo login; the Academie coordinator runs the municipality-wide Academie
# from another programme (West) than the household pages' (Oost). The referrer works at WIJ
# Beijum, an organisation some Oost participants let see their file.
VISITORS = {
    "coordinator": "coordinator",
    "buddy": "buddy",
    "backup": "backup",
    "participant": "deelnemer",
    "funder": "funder",
    "academie coordinator": "coordinator.west",
    "doorbraak": "ruud.kuipers",
    "referrer": "verwijzer",
    "anonymous": None,
}
COORDINATOR, BUDDY, BACKUP = "coordinator", "buddy", "backup"
KEEPERS = (COORDINATOR, BUDDY)
FILE = (COORDINATOR, BUDDY, BACKUP)
# Who opens which page. The pages every signed-in person shares (security, the home redirect)
# are opened by two kinds of visitor: the header is the only part that differs by role, and
# every visitor's home shows theirs.
PAGES: dict[str, tuple[str, ...]] = {
    "home": tuple(v for v in VISITORS if v != "anonymous"),
    "login": ("anonymous",),
    "password_reset": ("anonymous",),
    "password_reset_done": ("anonymous",),
    "password_reset_confirm": ("anonymous",),
    "password_reset_complete": ("anonymous",),
    "activate": ("anonymous",),
    "security": (COORDINATOR, "participant"),
    "password_change": (COORDINATOR, "participant"),
    "two_factor_setup": (COORDINATOR,),
    "programme": (COORDINATOR,),
    "programme_households": (COORDINATOR,),
    "refer": (COORDINATOR,),
    "waiting_list": (COORDINATOR,),
    "audit_log": (COORDINATOR,),
    "translation_status": (COORDINATOR,),
    "programme_framework": (COORDINATOR,),
    "batch_matching": (COORDINATOR,),
    "matching_weights": (COORDINATOR,),
    "buddy_profiles": (COORDINATOR,),
    "buddy_profile": (COORDINATOR,),
    "own_buddy_profile": (BUDDY,),
    "match_wishes": (COORDINATOR,),
    "household": FILE,
    "household_timeline": FILE,
    "intake": (COORDINATOR,),
    "intake_step": (COORDINATOR,),
    "intake_finish": (COORDINATOR,),
    "pair": (COORDINATOR,),
    "match": (COORDINATOR,),
    "close": (COORDINATOR,),
    "drop_out": (COORDINATOR,),
    "log_contact": FILE,
    "record_assessment": FILE,
    "consents": KEEPERS,
    "rights": (COORDINATOR,),
    "rights_erase": (COORDINATOR,),
    "buddy_home": (BUDDY,),
    "backup_home": (BACKUP,),
    "figures": ("funder",),
    "my_file": ("participant",),
    "my_reads": ("participant",),
    "my_plan_print": ("participant",),
    "my_note_new": ("participant",),
    "plan": KEEPERS,
    "plan_print": KEEPERS,
    "goal_new": KEEPERS,
    "goal_edit": KEEPERS,
    "action_new": KEEPERS,
    "note_new": KEEPERS,
    "signal_raise": KEEPERS,
    "signal": FILE,
    "signal_queue": (BACKUP,),
    "programme_signals": (COORDINATOR,),
    "covers": (BACKUP,),
    "doorbraak_case_open": (BACKUP,),
    "doorbraak_cases": ("doorbraak",),
    "doorbraak_case": (COORDINATOR, BACKUP, "doorbraak"),
    "doorbraak_case_edit": ("doorbraak",),
    "learning_register": (COORDINATOR, "doorbraak"),
    "network": KEEPERS,
    "network_new": KEEPERS,
    "network_compare": KEEPERS,
    "network_map": KEEPERS,
    "network_map_edit": KEEPERS,
    "network_tie_new": KEEPERS,
    "network_tie_edit": KEEPERS,
    "outcomes": FILE,
    "outcome_new": FILE,
    "outcome_edit": (COORDINATOR,),
    "outcome_types": (COORDINATOR,),
    "programme_report": (COORDINATOR, "funder"),
    "cost_benefit": (COORDINATOR, "funder"),
    "cost_benefit_edit": (COORDINATOR,),
    "results": (COORDINATOR, "funder"),
    "academy_candidates": (COORDINATOR,),
    "academy_candidate_new": (COORDINATOR,),
    "academy_candidate": (COORDINATOR,),
    "academy_settings": (COORDINATOR,),
    "academy_buddy": (COORDINATOR,),
    "academy_buddy_end": (COORDINATOR,),
    "academie": ("academie coordinator", BUDDY),
    "academy_session_new": ("academie coordinator",),
    "academy_session": ("academie coordinator", BUDDY),
    "buddy_check_in": (BUDDY,),
    "buddy_pause": (BUDDY,),
    "buddy_buildings": ("academie coordinator",),
    "buddy_building": (COORDINATOR,),
    "buddy_building_agenda": (COORDINATOR, BUDDY),
    "household_documents": FILE,
    "academy_vog_scan_new": (COORDINATOR,),
    "crisis_guidance": (COORDINATOR,),
    "calendar_feed": (BUDDY,),
    "appointment_new": KEEPERS,
    "appointment_edit": KEEPERS,
    "intake_picture": (COORDINATOR,),
    "start_year": (COORDINATOR,),
    "activation_letter": KEEPERS,
    "extend": (COORDINATOR,),
    "household_type": (COORDINATOR,),
    "my_consents": ("participant",),
    "my_proposal_new": ("participant",),
    "proposal_take": KEEPERS,
    "follow_ups_due": (COORDINATOR,),
    "follow_up": (COORDINATOR,),
    "evaluations": (COORDINATOR,),
    "evaluation": (COORDINATOR,),
    # Partner referrals: the referrer's own, and the Oost coordinator's inbox (the demo's
    # waiting referral of WIJ Beijum, both ways).
    "my_referrals": ("referrer",),
    "referral_new": ("referrer",),
    "my_referral": ("referrer",),
    "referral_inbox": (COORDINATOR,),
    "incoming_referral": (COORDINATOR,),
    # Consent to a named organisation: the participant reads about WIJ Beijum before she allows
    # it anything; a person of WIJ Beijum reads the households that do; coordinators the list.
    "my_consent_organisation": ("participant",),
    "organisation_home": ("referrer",),
    "organisations": (COORDINATOR,),
    # Transfers: the demo's waiting one goes from West to Oost, so Oost's coordinator accepts
    # or declines it and West's (the Academie coordinator) takes it back.
    "transfer_request": (COORDINATOR,),
    "programme_transfers": (COORDINATOR,),
    "transfer_accept": (COORDINATOR,),
    "transfer_decline": (COORDINATOR,),
    "transfer_cancel": ("academie coordinator",),
    # The API: Oost's connections (the demo's WIJ Beijum one), and its public documentation.
    "api_clients": (COORDINATOR,),
    "api_docs": ("anonymous", COORDINATOR),
}
NOT_PAGES: dict[str, str] = {
    "healthz": "plain text for the load balancer",
    "readyz": "plain text for the load balancer",
    "metrics": "plain text for Prometheus, with its token",
    "set_language": "a form's target",
    "logout": "a form's target",
    "two_factor": "asks for a code only after a login with an app set up",
    "two_factor_remove": "a form's target",
    "start_intake": "a form's target",
    "start_aftercare": "a form's target",
    "academy_buddies": "sends old links on to the buddies page (buddy_profiles)",
    "withdraw_consent": "a form's target",
    "portal_account": "a form's target",
    "activate_password": "opens only after a letter's code (tests/browser/test_activation.py)",
    "buddy_building_rsvp": "a form's target",
    "withdraw_my_consent": "a form's target",
    "my_language": "a form's target",
    "my_consent_give": "a form's target",
    "my_consent_stop": "a form's target",
    "my_consent_undo": "a form's target",
    "proposal_discuss": "a form's target",
    "my_follow_up": "asks only 6 and 12 months after her journey closed (tests/browser/test_follow_up.py)",
    "my_evaluation": "asks only after her year (tests/browser/test_evaluations.py)",
    "evaluation_paper": "opens only while an invitation is open (tests/browser/test_evaluations.py)",
    "my_action_done": "a form's target",
    "referral_decline": "a form's target (a refused form shows the referral's page again)",
    "api_client_revoke": "a form's target",
    "action_done": "a form's target",
    "goal_status": "a form's target",
    "note_celebrate": "a form's target",
    "signal_pick_up": "a form's target",
    "signal_answer": "a form's target",
    "signal_pass_on": "a form's target",
    "signal_close": "a form's target",
    "cover_end": "a form's target",
    "network_tie_remove": "a form's target",
    "outcome_remove": "a form's target",
    "household_document_remove": "a form's target",
    "appointment_cancel": "a form's target",
    "household_document": "a download",
    "my_document": "a download",
    "academy_vog_scan": "a download",
    "appointment_ics": "a download",
    "calendar_feed_ics": "a download",
    "rights_export_zip": "a download",
    "rights_export_pdf": "a download",
    "my_export_zip": "a download",
    "my_export_pdf": "a download",
    "report_download": "a download",
    "learning_register_csv": "a download",
    "academy_certificate": "a download",
    "academy_buddy_certificate": "a download",
}
# The household a page is about, by the phase in which the page is used; the rest is about the
# demo participant's household, which all four roles around a household see.
PHASE_OF_PAGE = {
    "intake": Phase.INTAKE,
    "intake_step": Phase.INTAKE,
    "intake_finish": Phase.INTAKE,
    "intake_picture": Phase.INTAKE,
    "start_year": Phase.MATCHED,
    "pair": Phase.MATCHING,
    "match": Phase.MATCHING,
    "match_wishes": Phase.MATCHING,
    "close": Phase.AFTERCARE,
    "follow_up": Phase.CLOSED,
    "evaluation_paper": Phase.CLOSED,
}
# Screenshots of the key pages (in Dutch, at both widths), as test-results artefacts: each
# visitor's home, and the household file, the funder's dashboard, costs and benefits, the audit
# log and matching.
SCREENSHOT_PAGES = {
    *{(visitor, "home") for visitor in VISITORS if visitor != "anonymous"},
    ("anonymous", "login"),
    (COORDINATOR, "household"),
    ("funder", "programme_report"),
    ("funder", "cost_benefit"),
    (COORDINATOR, "audit_log"),
    (COORDINATOR, "batch_matching"),
    (COORDINATOR, "match"),
}

# A page whose main content shows only after a button that saves nothing: pressed, and the
# page it shows then checked too.
PRESS = {"batch_matching": 'button[name="action"][value="run"]'}

# Long Dutch words and names, as real files hold them.
LONG_NAME = "Bianca Kremer-Wijnbergen van Oosterhuizen"
GOAL = "Schuldhulpverleningstraject aanvragen bij de Gemeentelijke Kredietbank"
STEP = "Inkomensondersteuningsaanvraagformulier invullen met de buurtbewoner"
SUCCESS = "Betalingsregelingsvoorstel geaccepteerd door de woningbouwvereniging"
CONTACT_NOTE = "Gesprek over de kwijtscheldingsaanvraag en de schuldsaneringsregelingsprocedure."
SIGNAL = "Dreigende huurachterstandsincassoprocedure bij de woningcorporatie"
BARRIER = "Kinderopvangtoeslagterugvorderingsbeschikking blokkeert de betalingsregeling"
TIE = "Buurtsportcoachingsorganisatie"
THEME = "Schuldhulpverleningsnetwerk en kwijtscheldingsregelingen"
PLACE = "Buurtcentrum Lewenborgerwijkvoorzieningen"
PURPOSE = "Samen de bijzonderebijstandsaanvraag voor de wasmachinevervanging afronden"
REFERRAL = "Betalingsachterstandsproblematiek en kinderopvangtoeslagherberekeningsbrieven"
TRANSFER = "Verhuisd naar een eengezinswoning van de woningbouwverenigingscooperatie"
# The organisation the participant reads about before she names it in a consent.
ORGANISATION = "WIJ Beijum"


class Demo:
    """The demo programmes with long words added to the one household everyone around it sees,
    and the address of each page for each visitor."""

    def __init__(self):
        self.programme = Programme.objects.get(slug="kansrijk-oost")
        self.users = {v: u and User.objects.get(username=u) for v, u in VISITORS.items()}
        coordinator, buddy = self.users[COORDINATOR], self.users[BUDDY]
        self.trajectory = Trajectory.objects.get(
            buddy=buddy, backup=self.users[BACKUP], phase=Phase.ACTIVE
        )
        Household.objects.filter(pk=self.trajectory.household_id).update(display_name=LONG_NAME)
        User.objects.filter(pk=buddy.pk).update(last_name="van der Heijden-Schuurmansveld")
        self._long_words(self.trajectory, coordinator, buddy)
        self._partners()

    def _partners(self) -> None:
        """The demo's waiting partner referral and transfer, with long words; its connection."""
        self.referral = (
            PartnerReferral.objects.filter(
                programme=self.programme,
                referred_by=self.users["referrer"],
                status=Decision.RECEIVED,
            )
            .order_by("created_at", "pk")
            .first()
        )
        self.referral.reason = REFERRAL
        self.referral.save(update_fields=["reason"])
        self.transfer = Transfer.objects.get(
            to_programme=self.programme, status=TransferStatus.REQUESTED
        )
        self.transfer.reason = TRANSFER
        self.transfer.save(update_fields=["reason"])
        self.api_client = ApiClient.objects.filter(programmes=self.programme).order_by("pk").first()
        self.organisation = Organisation.objects.get(name=ORGANISATION)

    def _long_words(self, trajectory: Trajectory, coordinator: User, buddy: User) -> None:
        domain = framework_for(self.programme).domains.first()
        self.goal = plans.goal_create(
            trajectory=trajectory,
            by=buddy,
            domain=domain,
            text=GOAL,
            target_on=today() + dt.timedelta(days=30),
        )
        self.action = plans.action_add(
            goal=self.goal, by=buddy, who="participant", what=STEP, due_on=today()
        )
        self.note = plans.note_add(goal=self.goal, by=buddy, text=SUCCESS, is_success=True)
        contact_log(
            trajectory=trajectory,
            by=buddy,
            on=today(),
            kind=ContactKind.VISIT,
            minutes=60,
            note=CONTACT_NOTE,
            goals=[self.goal],
        )
        self.signal = escalation.signal_raise(
            trajectory=trajectory, by=buddy, kind="worry", description=SIGNAL
        )
        consent_record(
            household=trajectory.household,
            trajectory=trajectory,
            by=coordinator,
            recipient=Recipient.DOORBRAAK,
            parts={FilePart.BASIC},
            starts_on=trajectory.referred_on,
            ends_on=None,
            method=ConsentMethod.PAPER,
        )
        self.case = cases.case_open(trajectory=trajectory, by=coordinator, barrier=BARRIER)
        self.network_map = network.network_map_create(
            trajectory=trajectory, by=buddy, moment="halfway", drawn_on=today()
        )
        self.tie = network.tie_add(
            network_map=self.network_map,
            by=buddy,
            name=TIE,
            kind="clubs",
            strength="normal",
            flow="support",
        )
        self.outcome = outcomes.outcome_record(
            trajectory=trajectory,
            by=buddy,
            outcome_type=outcome_type_of(self.programme, "housing_found"),
            reached_on=today(),
            evidence="Huurovereenkomst met de woningbouwcorporatie ondertekend",
        )
        self.meeting = academy.meeting_plan(
            by=coordinator,
            programmes=[self.programme],
            on=today() + dt.timedelta(days=14),
            starts_at=dt.time(19, 0),
            place="Wijkcentrum De Klinker",
            theme=THEME,
        )
        self.appointment = appointments.appointment_plan(
            trajectory=trajectory,
            by=buddy,
            on=today() + dt.timedelta(days=2),
            at=dt.time(10, 0),
            kind=AppointmentKind.MEET,
            place=PLACE,
            purpose=PURPOSE,
        )

    def household_for(self, name: str) -> Household:
        phase = PHASE_OF_PAGE.get(name)
        if phase is None:
            return self.trajectory.household
        journeys = Trajectory.objects.filter(household__programme=self.programme, phase=phase)
        if name == "evaluation_paper":
            # One whose evaluation is still to collect: an answered one sends on to its answers.
            journeys = journeys.filter(evaluation__isnull=True)
        return journeys.order_by("referred_on", "pk").first().household

    def url(self, name: str) -> str:
        lazy = {
            "household_uuid": lambda: self.household_for(name).uuid,
            "programme_slug": lambda: self.programme.slug,
            "user_uuid": lambda: self.users[BUDDY].uuid,
            "uidb64": lambda: self.users[BUDDY].uuid,
            "token": lambda: "set-password",
            "step": lambda: "basics",
            "goal_uuid": lambda: self.goal.uuid,
            "action_uuid": lambda: self.action.uuid,
            "note_uuid": lambda: self.note.uuid,
            "signal_uuid": lambda: self.signal.uuid,
            "case_uuid": lambda: self.case.uuid,
            "map_uuid": lambda: self.network_map.uuid,
            "tie_uuid": lambda: self.tie.uuid,
            "outcome_uuid": lambda: self.outcome.uuid,
            "meeting_uuid": lambda: self.meeting.uuid,
            "session_uuid": lambda: Session.objects.order_by("starts_at", "pk").last().uuid,
            "candidate_uuid": lambda: (
                Candidate.objects.filter(programme=self.programme).order_by("pk").first().uuid
            ),
            "cover_uuid": lambda: Cover.objects.order_by("pk").first().uuid,
            "appointment_uuid": lambda: self.appointment.uuid,
            "proposal_uuid": lambda: (
                GoalProposal.objects.filter(trajectory=self.trajectory).order_by("pk").first().uuid
            ),
            "evaluation_uuid": lambda: (
                Evaluation.objects.filter(trajectory__programme=self.programme)
                .order_by("pk")
                .first()
                .uuid
            ),
            "referral_uuid": lambda: self.referral.uuid,
            "transfer_uuid": lambda: self.transfer.uuid,
            "client_uuid": lambda: self.api_client.uuid,
        }
        wanted = re.findall(r"<\w+:(\w+)>", _routes()[name])
        url = reverse(name, kwargs={key: lazy[key]() for key in wanted})
        if name == "my_consent_organisation":  # the organisation she picked from the list
            url += f"?organisation={self.organisation.slug}"
        return url


@pytest.fixture(scope="module")
def demo_site(loaded_demo, django_db_blocker):
    """The demo with long words, served by a live server that shares the test's connection.

    The demo is loaded once in a transaction that is rolled back after the module; an in-memory
    SQLite connection can be handed to the server's thread, so it reads what this one wrote.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        if not connection.is_in_memory_db():
            pytest.skip("the live server can share only an in-memory SQLite connection")
        demo = Demo()
        server = LiveServer("localhost")
        with modify_settings(ALLOWED_HOSTS={"append": "localhost"}):
            demo.base_url = server.url
            yield demo
        server.stop()


def _pages_of(visitor: str) -> list[str]:
    return sorted(name for name, visitors in PAGES.items() if visitor in visitors)


def test_every_page_is_in_the_layout_table():
    routes = set(_routes())
    missing = routes - set(PAGES) - set(NOT_PAGES)
    assert not missing, f"Say who opens these pages in PAGES (or why not in NOT_PAGES): {missing}"
    assert not (set(PAGES) | set(NOT_PAGES)) - routes, "the table names pages that are gone"
    assert not set(PAGES) & set(NOT_PAGES)


def _session_cookie(user: User, base_url: str) -> dict:
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return {"name": name, "value": client.cookies[name].value, "url": base_url}


def _check(page, where: str) -> list[str]:
    return [
        f"{where}: {fault['kind']}: {fault['selector']} “{fault['text']}”"
        for fault in page.evaluate(CHECK)
    ]


def _screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name.replace(' ', '-')}.png"), full_page=True)


@on_sqlite_only
@pytest.mark.django_db
@pytest.mark.parametrize("visitor", list(VISITORS))
def test_nothing_sticks_out_on_any_page_of(visitor, demo_site, browser):
    user, faults, opened = demo_site.users[visitor], [], 0
    for width, viewport in WIDTHS.items():
        # Each answer ends its connection: a kept-alive one would outlive the module's server
        # in a thread that then closes the shared database connection after it was taken back.
        context = browser.new_context(
            viewport=viewport,
            base_url=demo_site.base_url,
            locale="nl-NL",
            extra_http_headers={"Connection": "close"},
        )
        context.set_default_timeout(15_000)
        if user is not None:
            context.add_cookies([_session_cookie(user, demo_site.base_url)])
        page = context.new_page()
        for language in LANGUAGES:
            context.add_cookies(
                [
                    {
                        "name": settings.LANGUAGE_COOKIE_NAME,
                        "value": language,
                        "url": demo_site.base_url,
                    }
                ]
            )
            for name in _pages_of(visitor):
                url = demo_site.url(name)
                where = f"{name} ({url}) as {visitor}, {width}, {language}"
                opened += 1
                try:
                    response = page.goto(url)
                except PlaywrightError as error:
                    faults.append(f"{where}: {error.message.splitlines()[0]}")
                    page.goto("about:blank")  # so the next page's navigation is not cut short
                    continue
                if response is None or response.status != 200:
                    faults.append(f"{where}: answered {response and response.status}")
                    continue
                # The home page sends each visitor to their own; any other page must be itself.
                if name != "home" and urlparse(page.url).path != urlparse(url).path:
                    faults.append(f"{where}: sent on to {page.url}, so not checked itself")
                    continue
                faults += _check(page, where)
                shoot = (visitor, name) in SCREENSHOT_PAGES and language == "nl"
                if shoot:
                    _screenshot(page, f"layout-{visitor}-{name}-{width}")
                if name in PRESS:
                    page.locator(PRESS[name]).click()
                    page.wait_for_load_state("load")
                    faults += _check(page, f"{where}, after pressing {PRESS[name]}")
                    if shoot:
                        _screenshot(page, f"layout-{visitor}-{name}-pressed-{width}")
        context.close()
    assert opened
    assert not faults, f"{len(faults)} layout faults:\n" + "\n".join(faults)
