"""The one place that decides who may *read* which household, which part of its file, and as whom.

Every view, command and API call that touches personal data starts here; who may *act* is
decided by each app's `rules.py`, built on these answers. Which part each piece of the file
belongs to is `parts.PLACES`. The rules:
- a coordinator sees the whole file of every household in the programmes they coordinate;
- a buddy sees the whole file of the households they coach, from both saying yes (to prepare
  the first meeting) through the active year and aftercare;
- everyone else needs the participant's consent, part by part (basic details, wishes and plan,
  assessments, sensitive notes): the backup professional of a coached household, Doorbraak
  professionals of the programme, and the people of an organisation she names (the one that
  referred her, a school, a debt counsellor): every active user whose `organisation` it is,
  whatever their roles (`_of_organisation`);
- a funder sees no household at all (only aggregates, in `reports`);
- signals to the backup professional and Doorbraak cases have their own, narrower readers
  (`signal_households`, `case_households`): a colleague standing in for an away backup reads
  that backup's signals under the backup's consent, while the cover lasts.
Withdrawn or ended consent counts from the next request on. Anything not allowed is answered
with 404, so a stranger cannot even learn that a file exists.

How: the facts about the person asking (the programmes of their roles, the households they
coach, back up with consent, or whose consent names their organisation) are read once per
request into a `viewer.Viewer`; each reader below then answers for one household by set
membership, and for a list with a condition on plain ids (`pk__in`, `programme_id__in`), not a
union of subqueries. A Doorbraak professional's households stay "programme + the household's own
consent", asked per household. The viewer is dropped after any write that can change access,
and never outlives its request (`viewer.py`); `tests/test_viewer_matches_oracle.py` compares
these answers with the rules as they were before (`access/tests/oracle_policy.py`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeGuard
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kansrijk.core.dates import long_date, today
from kansrijk.core.phases import COACHING_PHASES, PAIRED_PHASES
from kansrijk.people.choices import Role
from kansrijk.people.models import Household, Programme, User

from .choices import ALL_PARTS, FilePart, Recipient
from .models import BY_ORGANISATION, Consent, ParticipantAccount
from .parts import DOCUMENTS, Content, Sight, recipients_of
from .viewer import backed_up_households, viewer_of
from .viewer import basic_consents as _basic_consents
from .viewer import consent_of_this_household as _consent_of_this_household
from .viewer import forget_viewer as forget_viewer
from .viewer import has_role as has_role
from .viewer import named_organisation as named_organisation
from .viewer import naming as _naming
from .viewer import organisation_consents as organisation_consents
from .viewer import roles_of as roles_of


class Journey(Protocol):
    """What access reads of a household's journey (`trajectories.Trajectory`, an app that comes
    after this one): its phase, its buddy and backup, and its household."""

    pk: int
    phase: str
    buddy_id: int | None
    backup_id: int | None
    household_id: int
    household: Household


def programmes_with_role(user: User, role: Role) -> QuerySet[Programme]:
    programme_ids = [r.programme_id for r in roles_of(user) if r.role == role]
    return Programme.objects.filter(pk__in=programme_ids)


# Each reader below (everything visible, signals, cases, outcomes) lets this user see the
# households of a `_Reach`, built from the request's `Viewer` (`viewer.py`) and the recipients
# of consent its content reaches (`parts.PLACES`), so which professionals read signals, cases
# or outcomes is decided in the one map of the file. A reach is used in two forms, both built
# from the same sets so that they cannot drift apart:
# - membership (`_reaches`), for one household: no query once the viewer read its sets, except
#   a Doorbraak professional's household (one small query for its consent) and a set too large
#   to list;
# - a condition on the household found at `path` from the rows of a query ("" for households
#   themselves), for lists (`_condition`): plain ids and programme ids, and for the Doorbraak
#   professional the consent of each row's household on the consent's household index.
#   Listing all of a national Doorbraak professional's households would read 100,000 consents.
# A set too large to list (`viewer.LISTED_AT_MOST`) is asked as a rule of its own: a condition
# on the row at `path` with the rule's subquery.

Rule = Callable[[str], Q]


def _at(path: str, lookup: str) -> str:
    return f"{path}__{lookup}" if path else lookup


def _among(households: QuerySet[Household]) -> Rule:
    ids = households.values("pk").order_by()
    return lambda path: Q(**{_at(path, "pk__in"): ids})


def _coached_by(user: User) -> Rule:
    return _among(
        Household.objects.filter(trajectories__buddy=user, trajectories__phase__in=PAIRED_PHASES)
    )


def _backed_up_by(backups: list[int]) -> Rule:
    """Coached households whose backup is one of `backups`, with consent."""
    return _among(backed_up_households(backups))


def _of_organisation(organisation: int) -> Rule:
    """Households whose consent in force names this organisation. No programme role is asked:
    the participant chose the organisation, and its people are who she chose."""
    return _among(
        Household.objects.filter(
            pk__in=organisation_consents(organisation).values("household_id").order_by()
        )
    )


@dataclass(frozen=True)
class _Reach:
    """The households (not erased) one reader lets this user see."""

    programmes: frozenset[int]  # every household of these programmes (coordinator)
    consented: frozenset[int]  # households of these programmes with their Doorbraak consent
    # By id: coached, backed up, named, stood in for. Each set is read when first needed (one
    # household stops at the first set that holds it); a set too large to list (None) is
    # asked of the database with its rule.
    sets: tuple[tuple[Callable[[], frozenset[int] | None], Callable[[], Rule]], ...]


def _reach(user: User, content: Content | None, standing_in_for: list[int] | None = None) -> _Reach:
    """What this user reads of `content` (None: anything of the file) as coordinator, buddy,
    and as the recipients of consent that content reaches; and, for signals, as a colleague
    standing in for the backups `standing_in_for`."""
    viewer = viewer_of(user)
    recipients = recipients_of(content) if content is not None else frozenset(Recipient)
    sets: list[tuple[Callable[[], frozenset[int] | None], Callable[[], Rule]]] = [
        (viewer.coached, lambda: _coached_by(user))
    ]
    if Recipient.BACKUP in recipients:
        sets.append((viewer.backed_up, lambda: _backed_up_by([user.pk])))
    organisation = viewer.organisation
    if Recipient.ORGANISATION in recipients and organisation is not None:
        sets.append((viewer.named, lambda: _of_organisation(organisation)))
    if standing_in_for:
        backups = standing_in_for
        sets.append((lambda: viewer.standing_in(backups), lambda: _backed_up_by(backups)))
    doorbraak = Recipient.DOORBRAAK in recipients
    return _Reach(
        programmes=viewer.coordinated,
        consented=viewer.doorbraak if doorbraak else frozenset(),
        sets=tuple(sets),
    )


def _condition(reach: _Reach, path: str) -> Q:
    """The households of the reach, as a condition on the row at `path`."""
    listed: set[int] = set()
    allowed = Q(pk__in=[])
    for ids, rule in reach.sets:
        found = ids()
        if found is None:
            allowed |= rule()(path)
        else:
            listed.update(found)
    if listed:
        allowed |= Q(**{_at(path, "pk__in"): sorted(listed)})
    if reach.programmes:
        allowed |= Q(**{_at(path, "programme_id__in"): sorted(reach.programmes)})
    if reach.consented:
        allowed |= Q(**{_at(path, "programme_id__in"): sorted(reach.consented)}) & Q(
            _consent_of_this_household(Recipient.DOORBRAAK, household=path or "pk")
        )
    return Q(**{_at(path, "erased_at__isnull"): True}) & allowed


def _households_of(reach: _Reach) -> QuerySet[Household]:
    return Household.objects.filter(_condition(reach, ""))


def _reaches(reach: _Reach, household: Household | int, just_read: bool = False) -> bool:
    """Whether the reach holds this one household. Its programme and erasure are read afresh
    (a caller's object may be older than an erasure), unless `just_read`."""
    if just_read and isinstance(household, Household):
        pk, programme_id, erased_at = household.pk, household.programme_id, household.erased_at
    else:
        household = household if isinstance(household, int) else household.pk
        row = Household.objects.filter(pk=household).values_list("programme_id", "erased_at")
        found = row.first()
        if found is None:
            return False
        pk, (programme_id, erased_at) = household, found
    if erased_at is not None:
        return False
    if programme_id in reach.programmes:
        return True
    for ids, rule in reach.sets:
        listed = ids()
        if pk in listed if listed is not None else _holds(rule(), pk):
            return True
    return (
        programme_id in reach.consented
        and _basic_consents(Recipient.DOORBRAAK).filter(household_id=pk).exists()
    )


def _holds(rule: Rule, pk: int) -> bool:
    return Household.objects.filter(rule(""), pk=pk).exists()


def visible_households(user: User) -> QuerySet[Household]:
    """Every household whose file (or a part of it) this user may open."""
    if not user.is_authenticated:
        return Household.objects.none()
    return _households_of(_reach(user, None))


def visible_condition(user: User, path: str) -> Q:
    """`visible_households(user)` as a condition on rows that reach their household by `path`
    (e.g. "household" from a journey): plain ids, no subquery."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return _condition(_reach(user, None), path)


def signal_households(user: User, standing_in_for: list[int]) -> QuerySet[Household]:
    """Households whose signals to the backup professional this user may read.

    The buddy and the coordinator; the backup professional with the participant's consent; and
    a colleague who stands in for the backup while they are away (`standing_in_for`: the ids of
    the backups whose cover this user holds today, recorded by `escalation`). The participant's
    consent is given to the backup professional's role, so it counts for whoever stands in,
    and only for as long as the cover lasts. Not Doorbraak professionals or the people of a
    named organisation.
    """
    if not user.is_authenticated:
        return Household.objects.none()
    return _households_of(_reach(user, Content.SIGNAL, standing_in_for))


def reads_signals_of(
    user: User, household: Household | int, standing_in_for: list[int], just_read: bool = False
) -> bool:
    """Whether `signal_households(user, standing_in_for)` holds this one household (`just_read`:
    the household object was read in this request, its programme and erasure need no re-read)."""
    return user.is_authenticated and _reaches(
        _reach(user, Content.SIGNAL, standing_in_for), household, just_read
    )


def case_households(user: User) -> QuerySet[Household]:
    """Households whose Doorbraak cases this user may read: the buddy and the coordinator, and
    the backup and Doorbraak professionals whose consent (basic details) is in force. A named
    organisation's consent does not cover the cases."""
    if not user.is_authenticated:
        return Household.objects.none()
    return _households_of(_reach(user, Content.DOORBRAAK_CASE))


def case_households_condition(user: User, path: str) -> Q:
    """`case_households(user)` as a condition on rows that reach their household by `path`
    (e.g. "trajectory__household" from a Doorbraak case): for lists that start from their own,
    fewer rows, like the national Doorbraak professional's few thousand cases."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return _condition(_reach(user, Content.DOORBRAAK_CASE), path)


def reads_cases_of(user: User, household: Household | int) -> bool:
    """Whether `case_households(user)` holds this one household."""
    return user.is_authenticated and _reaches(_reach(user, Content.DOORBRAAK_CASE), household)


def consented_as(user: User, household: Household, trajectory: Journey | None) -> set[Recipient]:
    """As which recipients of a consent in force (with the basic details) this user reads the
    file: the backup professional, a Doorbraak professional, a person of the named organisation;
    often none."""
    return {Recipient(c.recipient) for c in _consents_for(user, household, trajectory) if c.basic}


def doorbraak_consent_in_force(household: Household) -> bool:
    """The participant lets Doorbraak professionals see (at least) the basic details today."""
    return _basic_consents(Recipient.DOORBRAAK).filter(household=household).exists()


def household_for_user_or_404(user: User, household_uuid: UUID | str) -> Household:
    """The household, if this user may see it; otherwise 404 (never 403: no hint it exists)."""
    if not user.is_authenticated:
        raise Http404
    household = (
        Household.objects.filter(uuid=household_uuid, erased_at__isnull=True)
        .select_related("programme", "area")
        .first()
    )
    if household is None or not _reaches(_reach(user, None), household, just_read=True):
        raise Http404
    return household


@dataclass(frozen=True)
class Reason:
    """Why someone may see a household: the role it is seen in and a line to show them."""

    role: str  # a `Role`, or BY_ORGANISATION for a person of a named organisation
    sentence: str


# One page asks several questions about the same file (what may be shown, why, which buttons):
# the consents behind the answers are read once and kept on the trajectory for that page.
_CONSENT_CACHE = "_kansrijk_consents_in_force"


def forget_consents(trajectory: Journey | None) -> None:
    """Drop what `_consents_for` kept, after consent was recorded or withdrawn."""
    if trajectory is not None:
        trajectory.__dict__.pop(_CONSENT_CACHE, None)


def _consents_for(user: User, household: Household, trajectory: Journey | None) -> list[Consent]:
    """The consents in force that name this user: as backup, Doorbraak professional, or person
    of the named organisation."""
    if trajectory is None:
        return _read_consents_for(user, household, trajectory)
    cache = trajectory.__dict__.setdefault(_CONSENT_CACHE, {})
    key = (user.pk, household.pk, today())
    if key not in cache:
        cache[key] = _read_consents_for(user, household, trajectory)
    return cache[key]


def _coached(trajectory: Journey | None) -> TypeGuard[Journey]:
    """Is there a journey with a buddy (matched, active year or aftercare)?"""
    return trajectory is not None and trajectory.phase in PAIRED_PHASES


def _read_consents_for(
    user: User, household: Household, trajectory: Journey | None
) -> list[Consent]:
    recipients = []
    if _coached(trajectory) and trajectory.backup_id == user.pk:
        recipients.append(Recipient.BACKUP)
    if has_role(user, Role.DOORBRAAK, household.programme):
        recipients.append(Recipient.DOORBRAAK)
    wanted = Q(recipient__in=recipients)
    organisation = named_organisation(user)
    if organisation is not None:
        wanted |= _naming(organisation)
    elif not recipients:
        return []
    return list(
        Consent.objects.in_force(today())
        .filter(wanted, household=household)
        .select_related("organisation")
    )


def works_with_whole_file(user: User, household: Household, trajectory: Journey | None) -> bool:
    return (_coached(trajectory) and trajectory.buddy_id == user.pk) or may_manage(user, household)


def visible_parts(
    user: User, household: Household, trajectory: Journey | None
) -> frozenset[FilePart]:
    """Which parts of the file this user may see: all, or what consent grants (maybe none)."""
    if works_with_whole_file(user, household, trajectory):
        return ALL_PARTS
    parts: set[FilePart] = set()
    for consent in _consents_for(user, household, trajectory):
        parts.update(consent.parts)
    return frozenset(parts) if FilePart.BASIC in parts else frozenset()


def reason_to_see(user: User, household: Household, trajectory: Journey | None) -> Reason:
    """Say in one line why this user may see this household (shown on every page with it)."""
    if _coached(trajectory) and trajectory.buddy_id == user.pk:
        return Reason(Role.BUDDY, _("You see this because you are the buddy of this household."))
    if has_role(user, Role.COORDINATOR, household.programme):
        return Reason(
            Role.COORDINATOR,
            _("You see this because you coordinate %(programme)s.")
            % {"programme": household.programme.name},
        )
    for consent in _consents_for(user, household, trajectory):
        if consent.basic:
            return Reason(
                _RECIPIENT_ROLE[Recipient(consent.recipient)],
                _(
                    "You see this because the participant gave consent on %(date)s "
                    "for %(recipient)s to see: %(parts)s."
                )
                % {
                    "date": long_date(consent.starts_on),
                    "recipient": consent.recipient_label,
                    "parts": ", ".join(
                        str(part.label) for part in FilePart if part in consent.parts
                    ),
                },
            )
    raise Http404


_RECIPIENT_ROLE: dict[Recipient, str] = {
    Recipient.BACKUP: Role.BACKUP,
    Recipient.DOORBRAAK: Role.DOORBRAAK,
    Recipient.ORGANISATION: BY_ORGANISATION,
}


def acting_role(user: User, household: Household, trajectory: Journey | None) -> str:
    """The role in which this user reads or changes the household, for the audit log."""
    try:
        return reason_to_see(user, household, trajectory).role
    except Http404:
        return ""


def may_manage(user: User, household: Household) -> bool:
    """Coordinators run the journey: referral, intake, pairing, closure and drop-out."""
    return has_role(user, Role.COORDINATOR, household.programme)


def may_coach(user: User, trajectory: Journey) -> bool:
    """The buddy of a coached household, its coordinator, and its backup with consent."""
    if trajectory.phase not in COACHING_PHASES:
        return False
    household = trajectory.household
    if works_with_whole_file(user, household, trajectory):
        return True
    return trajectory.backup_id == user.pk and FilePart.BASIC in visible_parts(
        user, household, trajectory
    )


def sight(user: User, household: Household, trajectory: Journey | None) -> Sight:
    """What this user may see of the file, asked by content (`sight.contact_note`)."""
    return Sight(visible_parts(user, household, trajectory))


def may_see(user: User, trajectory: Journey, content: Content) -> bool:
    """Whether this user may see this content of the trajectory's household (`parts.PLACES`)."""
    return sight(user, trajectory.household, trajectory).shows(content)


def document_parts(
    user: User, household: Household, trajectory: Journey | None
) -> frozenset[FilePart]:
    """The parts whose documents this user may read: every part for the buddy and the
    coordinator; for anyone else the parts of their consent in force (with the basic details)
    that documents of that part reach (`parts.PLACES`: the backup professional's only)."""
    if works_with_whole_file(user, household, trajectory):
        return ALL_PARTS
    parts: set[FilePart] = set()
    for consent in _consents_for(user, household, trajectory):
        if consent.basic:
            recipient = Recipient(consent.recipient)
            parts.update(p for p in consent.parts if recipient in recipients_of(DOCUMENTS[p]))
    return frozenset(parts)


def require(allowed: bool) -> None:
    """Turn a refused permission into the same 404 a missing page gets."""
    if not allowed:
        raise Http404


def own_household(user: User) -> Household | None:
    """The participant's own household, if this user is a participant with a portal account."""
    if not user.is_authenticated:
        return None
    account = (
        ParticipantAccount.objects.filter(user=user)
        .select_related("household", "household__programme", "household__area")
        .first()
    )
    return account.household if account else None


def own_household_or_404(user: User) -> Household:
    household = own_household(user)
    if household is None:
        raise Http404
    return household


# ---- outcomes ----


def outcome_households(user: User) -> QuerySet[Household]:
    """Households whose outcomes this user may see and record: the coordinator's (also after
    the journey ended), and the buddy's and the backup's (with the participant's consent for
    the basic details) while they coach it. Never a funder, Doorbraak professional or person
    of a named organisation: they get 404."""
    if not user.is_authenticated:
        return Household.objects.none()
    return _households_of(_reach(user, Content.OUTCOME))


# ---- programmes: pages of one programme, for its coordinators ----


def coordinated_programme_or_404(user: User, programme_slug: str) -> Programme:
    """A programme this user coordinates (its candidates, buddies and settings), else 404."""
    for role in roles_of(user):
        if role.role == Role.COORDINATOR and role.programme.slug == programme_slug:
            return role.programme
    raise Http404


# ---- reports: aggregate figures, never a household ----


def report_programme_or_404(user: User, programme_slug: str) -> tuple[Programme, bool]:
    """The programme whose reports this user may read, and whether they read exact counts.

    Its coordinator reads exact counts; its funders and evaluators (Role.FUNDER) read
    aggregates with small counts suppressed. Anyone else gets 404.
    """
    for exact, role in ((True, Role.COORDINATOR), (False, Role.FUNDER)):
        for r in roles_of(user):
            if r.role == role and r.programme.slug == programme_slug:
                return r.programme, exact
    raise Http404


# ---- scale: the same answers, in queries that stay quick as data grows ----


def visible_in_programme(user: User, programme: Programme) -> QuerySet[Household]:
    """The households of one programme this user may open.

    The same rows as `visible_households(user).filter(programme=programme)`. For the
    programme's coordinator (who sees every household in it that is not erased) it is a lookup
    on the programme's index, instead of an OR over five subqueries that reads every household
    of every programme: 100,000 rows for each dashboard list at 100,000 households.
    """
    if has_role(user, Role.COORDINATOR, programme):
        return Household.objects.filter(programme=programme, erased_at__isnull=True)
    return visible_households(user).filter(programme=programme)
