"""Who the viewer is: resolved once per request, then asked by set membership.

`policy` decides who may read which household. Most of its answers start from the same few
facts about the person asking: their roles, the programmes they coordinate or are a Doorbraak
professional in, the households they coach, the households they back up with the backup consent
in force, and the households whose consent in force names their organisation. A `Viewer` holds
those facts, read in one query after the roles, when first needed (and one more for a person
of an organisation, when a reader needs the households that named it); `policy`
then answers "may see this household" by membership and filters lists on plain ids, instead
of compiling unions of nested subqueries for every question.

The viewer lives for one request only (`ViewerScopeMiddleware`): tests and commands keep user
objects after consents or journeys changed, and the next request must see the change. Within a
request, every save or delete of a row that can change access (a consent, a role, a journey, a
household, a user, an organisation) drops the request's viewers (`forget_viewer`), so a page
or htmx fragment rendered after a write in the same request reads the new answers. Outside a
request (commands, tests calling `policy` directly) nothing is kept: each question reads afresh.

Doorbraak professionals stay "programme ids + the household's own consent": a national one
may have thousands of consented households, so one household is a membership test and one small
query, and a list a condition on the consent's household index. A set larger than
`LISTED_AT_MOST` (a big organisation) is not listed either: `None` says "ask the database".
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse

from kansrijk.core.dates import today
from kansrijk.core.phases import PAIRED_PHASES
from kansrijk.people.choices import NAMEABLE_KINDS, Role
from kansrijk.people.models import Household, ProgrammeRole, User

from .choices import Recipient
from .models import Consent

# Above this many households a set is not listed in the viewer (nor in a query's IN list).
LISTED_AT_MOST = 2000


def roles_of(user: User) -> list[ProgrammeRole]:
    """The user's active roles, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_kansrijk_roles", None)
    if cached is None:
        cached = list(
            ProgrammeRole.objects.filter(user=user, active=True).select_related(
                "programme", "default_backup"
            )
        )
        user._kansrijk_roles = cached  # type: ignore[attr-defined]  # a cache for this request
    return cached


def keep_roles(user: User, roles: list[ProgrammeRole]) -> None:
    """Keep roles read together with the user (the sign-in's one read, `accounts.selectors`)
    as this request's answer of `roles_of`: the same rows, the active ones only."""
    user._kansrijk_roles = [r for r in roles if r.active]  # type: ignore[attr-defined]


def has_role(user: User, role: Role, programme=None) -> bool:
    return any(
        r.role == role and (programme is None or r.programme_id == programme.pk)
        for r in roles_of(user)
    )


def named_organisation(user: User) -> int | None:
    """The organisation whose consents count for this user: their own, while they are active,
    and never for a funder, who sees no household whatever organisation they belong to."""
    if not user.is_active or user.organisation_id is None or has_role(user, Role.FUNDER):
        return None
    return user.organisation_id


def basic_consents(recipient: Recipient) -> QuerySet[Consent]:
    """Consents in force today that let this recipient see (at least) the basic details."""
    return Consent.objects.in_force(today()).filter(recipient=recipient, basic=True)


def consent_of_this_household(recipient: Recipient, household: str = "pk") -> Exists:
    """Inside a query: the household (at `household`, from the query's rows) lets the recipient
    see its basic details today. Asked per household on the consent's household index, where
    listing every consented household first would read every programme's consents."""
    return Exists(basic_consents(recipient).filter(household=OuterRef(household)))


def naming(organisation_id: int) -> Q:
    """Consents that name this organisation. Only an organisation of a kind that can be named
    counts (`NAMEABLE_KINDS`), also when its kind changed after the consent was given."""
    return Q(
        recipient=Recipient.ORGANISATION,
        organisation_id=organisation_id,
        organisation__kind__in=NAMEABLE_KINDS,
    )


def organisation_consents(organisation_id: int) -> QuerySet[Consent]:
    """Consents in force today that let the people of this organisation see (at least) the
    basic details, on the consent's organisation index."""
    return Consent.objects.in_force(today()).filter(naming(organisation_id), basic=True)


def backed_up_households(backups: list[int]) -> QuerySet[Household]:
    """Coached households whose backup is one of `backups`, with the backup consent in force."""
    return Household.objects.filter(
        trajectories__backup_id__in=backups, trajectories__phase__in=PAIRED_PHASES
    ).filter(consent_of_this_household(Recipient.BACKUP))


def _listed(ids: QuerySet) -> frozenset[int] | None:
    found = list(ids.order_by()[: LISTED_AT_MOST + 1])
    return None if len(found) > LISTED_AT_MOST else frozenset(found)


@dataclass(frozen=True)
class Viewer:
    """What access needs to know about one user, read once per request.

    A set of household ids is None when it holds more than `LISTED_AT_MOST`: then `policy`
    asks the database with the rule itself, as a condition on the row.
    """

    pk: int
    coordinated: frozenset[int]  # programme ids
    doorbraak: frozenset[int]  # programme ids; each household still needs its own consent
    organisation: int | None  # `named_organisation`
    # Read when first asked (a coordinator opening a household of their programme, or a list
    # of signals or cases, does not need them all): the households coached and backed up, the
    # households whose consent names the organisation, and the households of the backups a
    # colleague stands in for (signals), per set of backups.
    _journeys: list[tuple[frozenset[int] | None, frozenset[int] | None]] = field(
        default_factory=list, compare=False, repr=False
    )
    _named: list[frozenset[int] | None] = field(default_factory=list, compare=False, repr=False)
    _standing_in: dict[tuple[int, ...], frozenset[int] | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    def coached(self) -> frozenset[int] | None:
        """Households this user is the buddy of, in a paired phase."""
        return self._read_journeys()[0]

    def backed_up(self) -> frozenset[int] | None:
        """Households this user is the backup of, in a paired phase, with the backup consent."""
        return self._read_journeys()[1]

    def _read_journeys(self) -> tuple[frozenset[int] | None, frozenset[int] | None]:
        if not self._journeys:
            self._journeys.append(_journeys_of(self.pk))
        return self._journeys[0]

    def named(self) -> frozenset[int] | None:
        """Households whose consent in force names this person's organisation."""
        if self.organisation is None:
            return frozenset()
        if not self._named:
            consents = organisation_consents(self.organisation)
            self._named.append(_listed(consents.values_list("household_id", flat=True).distinct()))
        return self._named[0]

    def standing_in(self, backups: list[int]) -> frozenset[int] | None:
        """Households of these backups that a colleague standing in for them reads."""
        key = tuple(sorted(set(backups)))
        if key not in self._standing_in:
            self._standing_in[key] = _listed(
                backed_up_households(list(key)).values_list("pk", flat=True).distinct()
            )
        return self._standing_in[key]


def _journeys_of(pk: int) -> tuple[frozenset[int] | None, frozenset[int] | None]:
    """The households this user coaches and backs up (with consent), in one query."""
    journeys = list(
        Household.objects.filter(
            Q(trajectories__buddy_id=pk) | Q(trajectories__backup_id=pk),
            trajectories__phase__in=PAIRED_PHASES,
        )
        .annotate(backup_consent=consent_of_this_household(Recipient.BACKUP))
        .values_list("pk", "trajectories__buddy_id", "trajectories__backup_id", "backup_consent")
        .order_by()[: LISTED_AT_MOST + 1]
    )
    if len(journeys) > LISTED_AT_MOST:
        return None, None
    return (
        frozenset(household for household, buddy, _b, _c in journeys if buddy == pk),
        frozenset(household for household, _b, backup, ok in journeys if backup == pk and ok),
    )


def _load(user: User) -> Viewer:
    roles = roles_of(user)
    return Viewer(
        pk=user.pk,
        coordinated=frozenset(r.programme_id for r in roles if r.role == Role.COORDINATOR),
        doorbraak=frozenset(r.programme_id for r in roles if r.role == Role.DOORBRAAK),
        organisation=named_organisation(user),
    )


# The request's viewers by user id; None outside a request (nothing is kept there).
_viewers: ContextVar[dict[int, Viewer] | None] = ContextVar("kansrijk_viewers", default=None)


def viewer_of(user: User) -> Viewer:
    """The viewer of this (authenticated) user: kept for the request, read afresh outside one."""
    kept = _viewers.get()
    if kept is None:
        return _load(user)
    viewer = kept.get(user.pk)
    if viewer is None:
        viewer = kept[user.pk] = _load(user)
    return viewer


def forget_viewer() -> None:
    """Drop the request's viewers: after a write that can change who may see what."""
    kept = _viewers.get()
    if kept:
        kept.clear()


@contextmanager
def viewer_scope() -> Iterator[None]:
    """Keep viewers while inside: one request (`ViewerScopeMiddleware`), or a test's."""
    token = _viewers.set({})
    try:
        yield
    finally:
        _viewers.reset(token)


class ViewerScopeMiddleware:
    """Keeps each user's `Viewer` for the length of one request, and no longer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with viewer_scope():
            return self.get_response(request)


# Rows whose writes can change a viewer: consents, roles, journeys (buddy, backup, phase),
# households (programme, erasure), users (organisation, active) and organisations (kind).
# By label, as journeys belong to an app that comes after this one.
ACCESS_ROWS = (
    "access.Consent",
    "people.ProgrammeRole",
    "people.Household",
    "people.User",
    "people.Organisation",
    "trajectories.Trajectory",
)


def _written(sender, **kwargs) -> None:
    forget_viewer()


def connect_receivers() -> None:
    """Drop the request's viewers on every save or delete of `ACCESS_ROWS` (`apps.ready`)."""
    for label in ACCESS_ROWS:
        post_save.connect(_written, sender=label, dispatch_uid=f"forget_viewer_save_{label}")
        post_delete.connect(_written, sender=label, dispatch_uid=f"forget_viewer_delete_{label}")
