"""The menu in the page header: a few items per role, the item of the page marked.

A person sees the items of the roles they hold (a coordinator who is also a buddy sees both),
each item once. An item is the current page (`aria-current="page"`) on its own page, and the
current section (`aria-current="true"`) on the pages below it, such as a buddy's profile under
"Buddies". The items only lead to pages; whether a page opens is still its view's decision.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kansrijk.access import policy
from kansrijk.partners import rules as partner_rules
from kansrijk.partners.selectors import inbox_count
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    current: str  # "page", "true" (a page below it) or "" (elsewhere)


@dataclass(frozen=True)
class _Entry:
    label: str
    url_name: str
    below: frozenset[str] = frozenset()  # the names of the pages under this item
    programme: Programme | None = None  # for the pages of one programme


_ACADEMIE = frozenset(
    {"academy_session", "academy_session_new", "buddy_buildings", "buddy_building"}
)


def _coordinator(programme: Programme) -> list[_Entry]:
    return [
        _Entry(
            str(programme),
            "programme",
            frozenset(
                {
                    "refer",
                    "waiting_list",
                    "programme_signals",
                    "batch_matching",
                    "matching_weights",
                    "programme_framework",
                    "outcome_types",
                    "audit_log",
                    "translation_status",
                    "programme_transfers",
                    "transfer_accept",
                    "transfer_decline",
                    "transfer_cancel",
                }
            ),
            programme,
        ),
        _Entry(_("Households"), "programme_households", programme=programme),
        _Entry(
            _("Referrals (%(count)d)") % {"count": inbox_count(programme.pk)},
            "referral_inbox",
            frozenset({"incoming_referral", "referral_decline"}),
            programme,
        ),
        _Entry(_("Follow-up"), "follow_ups_due", programme=programme),
        _Entry(
            _("Buddies"),
            "buddy_profiles",
            frozenset(
                {
                    "buddy_profile",
                    "academy_candidates",
                    "academy_candidate",
                    "academy_candidate_new",
                    "academy_settings",
                    "academy_buddies",
                    "academy_buddy",
                    "academy_buddy_end",
                }
            ),
            programme,
        ),
        _Entry(
            _("Figures"),
            "programme_report",
            frozenset({"results", "cost_benefit", "cost_benefit_edit"}),
            programme,
        ),
    ]


def _entries(request: HttpRequest) -> list[_Entry]:
    user = request.user
    roles = policy.roles_of(user)
    held = {r.role for r in roles}
    entries: list[_Entry] = []
    coordinated = [r.programme for r in roles if r.role == Role.COORDINATOR]
    if coordinated:
        # Of several programmes, the items of the one on screen; the others by their name.
        slug = request.resolver_match.kwargs.get("programme_slug") if request.resolver_match else ""
        shown = next((p for p in coordinated if p.slug == slug), coordinated[0])
        entries += _coordinator(shown)
        entries += [_Entry(str(p), "programme", programme=p) for p in coordinated if p != shown]
    if Role.BUDDY in held:
        entries.append(
            _Entry(
                _("My households"),
                "buddy_home",
                frozenset({"buddy_check_in", "buddy_pause", "own_buddy_profile"}),
            )
        )
    if coordinated or Role.BUDDY in held:
        entries.append(_Entry(_("Buddy Academie"), "academie", _ACADEMIE))
    if Role.BACKUP in held:
        entries.append(_Entry(_("Backup"), "backup_home"))
        entries.append(_Entry(_("Signals to me"), "signal_queue", frozenset({"signal"})))
    if Role.DOORBRAAK in held:
        entries.append(
            _Entry(_("Doorbraak cases"), "doorbraak_cases", frozenset({"doorbraak_case"}))
        )
        entries.append(_Entry(_("Learning register"), "learning_register"))
    if partner_rules.may_refer(user):
        entries.append(
            _Entry(_("My referrals"), "my_referrals", frozenset({"my_referral", "referral_new"}))
        )
    if Role.FUNDER in held:
        entries.append(_Entry(_("Figures"), "figures"))
    # A partner organisation's people read the files whose consent names it; the coordinator
    # and funder, whose organisation is the municipality, have their own pages.
    partner = user.organisation_id is not None and not held & {Role.COORDINATOR, Role.FUNDER}
    # A participant holds no role; staff never pay for this query.
    participant = not roles and policy.own_household(user) is not None
    if partner and not participant:
        entries.append(_Entry(str(user.organisation), "organisation_home"))
    if participant:
        entries.append(
            _Entry(pgettext("participant", "My file"), "my_file", frozenset({"my_note_new"}))
        )
        entries.append(_Entry(pgettext("participant", "Who looked at my file"), "my_reads"))
    return entries


def _current(entry: _Entry, request: HttpRequest, url: str) -> str:
    if request.path == url:
        return "page"
    match = request.resolver_match
    if match is None or match.url_name not in entry.below:
        return ""
    if entry.programme is not None and match.kwargs.get("programme_slug") != entry.programme.slug:
        return ""
    return "true"


def menu_for(request: HttpRequest) -> list[MenuItem]:
    """The header's menu for this person on this page."""
    items: list[MenuItem] = []
    seen: set[str] = set()
    for entry in _entries(request):
        args = [entry.programme.slug] if entry.programme is not None else []
        url = reverse(entry.url_name, args=args)
        if url not in seen:
            seen.add(url)
            items.append(MenuItem(entry.label, url, _current(entry, request, url)))
    return items


def menu(request: HttpRequest) -> dict:
    """Context processor: the menu, worked out only when a page shows it (htmx parts do not)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"menu": SimpleLazyObject(lambda: menu_for(request))}
