"""THE ORACLE: a frozen copy of `kansrijk.access.policy` as it was before the request-scoped
viewer, kept only so that `tests/test_viewer_matches_oracle.py` can compare the old rules,
which built unions of nested subqueries per call, with the new ones on random data. Do not
change its logic and do not use it outside tests.

The one place that decides who may *read* which household, which part of its file, and as whom.

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
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeGuard
from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kansrijk.access.choices import ALL_PARTS, FilePart, Recipient
from kansrijk.access.models import BY_ORGANISATION, Consent, ParticipantAccount
from kansrijk.access.parts import DOCUMENTS, Content, Sight, recipients_of
from kansrijk.core.dates import long_date, today
from kansrijk.core.phases import COACHING_PHASES, PAIRED_PHASES
from kansrijk.people.choices import NAMEABLE_KINDS, Role
from kansrijk.people.models import Household, Programme, ProgrammeRole, User


class Journey(Protocol):
    """What access reads of a household's journey (`trajectories.Trajectory`, an app that comes
    after this one): its phase, its buddy and backup, and its household."""

    pk: int
    phase: str
    buddy_id: int | None
    backup_id: int | None
    household_id: int
    household: Household


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


def has_role(user: User, role: Role, programme: Programme | None = None) -> bool:
    return any(
        r.role == role and (programme is None or r.programme_id == programme.pk)
        for r in roles_of(user)
    )


def programmes_with_role(user: User, role: Role) -> QuerySet[Programme]:
    programme_ids = [r.programme_id for r in roles_of(user) if r.role == role]
    return Programme.objects.filter(pk__in=programme_ids)


def _programme_ids(user: User, role: Role) -> list[int]:
    return [r.programme_id for r in roles_of(user) if r.role == role]


def _basic_consents(recipient: Recipient) -> QuerySet[Consent]:
    """Consents in force today that let this recipient see (at least) the basic details."""
    return Consent.objects.in_force(today()).filter(recipient=recipient, basic=True)


def _consent_of_this_household(recipient: Recipient, household: str = "pk") -> Exists:
    """Inside a query: the household (at `household`, from the query's rows) lets the recipient
    see its basic details today. Asked per household on the consent's household index, where
    listing every consented household first would read every programme's consents."""
    return Exists(_basic_consents(recipient).filter(household=OuterRef(household)))


# Each rule below says which households it lets this user see, as a condition on the household
# found at `path` from the rows of a query ("" for households themselves); a rule that cannot
# apply (no such role) is None. Every reader takes its rules in two forms, both built from the
# same rules so that they cannot drift apart:
# - a list (`_households_of`): the UNION of each rule's households, every rule on its own index
#   (the programme, the trajectory's buddy or backup). An OR of the rules made the database read
#   every household of every programme for a backup's seven;
# - a condition per row (`_condition`), for one household or a few rows: the small sets (the
#   user's own buddy and backup households) are listed, the programme rules are checked on the
#   row. Listing all of a national Doorbraak professional's households to check one would read
#   100,000 consents.

Rule = Callable[[str], Q]


def _at(path: str, lookup: str) -> str:
    return f"{path}__{lookup}" if path else lookup


def _among(households: QuerySet[Household]) -> Rule:
    ids = households.values("pk").order_by()
    return lambda path: Q(**{_at(path, "pk__in"): ids})


def _in_programmes(programme_ids: list[int], consent: Recipient | None = None) -> Rule:
    def rule(path: str) -> Q:
        condition = Q(**{_at(path, "programme_id__in"): programme_ids})
        if consent is not None:
            condition &= Q(_consent_of_this_household(consent, household=path or "pk"))
        return condition

    return rule


def _coordinated_by(user: User) -> Rule | None:
    programmes = _programme_ids(user, Role.COORDINATOR)
    return _in_programmes(programmes) if programmes else None


def _coached_by(user: User) -> Rule:
    return _among(
        Household.objects.filter(trajectories__buddy=user, trajectories__phase__in=PAIRED_PHASES)
    )


def _backed_up_by(user: User, backups: list[int] | None = None) -> Rule:
    """Coached households whose backup is this user (or one of `backups`), with consent."""
    backup = {"trajectories__backup_id__in": backups} if backups else {"trajectories__backup": user}
    return _among(
        Household.objects.filter(**backup, trajectories__phase__in=PAIRED_PHASES).filter(
            _consent_of_this_household(Recipient.BACKUP)
        )
    )


def _doorbraak_for(user: User) -> Rule | None:
    programmes = _programme_ids(user, Role.DOORBRAAK)
    return _in_programmes(programmes, consent=Recipient.DOORBRAAK) if programmes else None


def named_organisation(user: User) -> int | None:
    """The organisation whose consents count for this user: their own, while they are active,
    and never for a funder, who sees no household whatever organisation they belong to."""
    if not user.is_active or user.organisation_id is None or has_role(user, Role.FUNDER):
        return None
    return user.organisation_id


def _naming(organisation_id: int) -> Q:
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
    return Consent.objects.in_force(today()).filter(_naming(organisation_id), basic=True)


def _of_organisation(user: User) -> Rule | None:
    """Households whose consent in force names this person's organisation. No programme role
    is asked: the participant chose the organisation, and its people are who she chose."""
    organisation = named_organisation(user)
    if organisation is None:
        return None
    return _among(
        Household.objects.filter(
            pk__in=organisation_consents(organisation).values("household_id").order_by()
        )
    )


def _consented(user: User, content: Content) -> list[Rule | None]:
    """The consent rules of the recipients this content reaches (`parts.PLACES`), so which
    professionals read signals, cases or outcomes is decided in the one map of the file."""
    recipients = recipients_of(content)
    return [
        _backed_up_by(user) if Recipient.BACKUP in recipients else None,
        _doorbraak_for(user) if Recipient.DOORBRAAK in recipients else None,
        _of_organisation(user) if Recipient.ORGANISATION in recipients else None,
    ]


def _households_of(rules: list[Rule | None]) -> QuerySet[Household]:
    """The households (not erased) that at least one of the rules lets this user see."""
    first, *rest = [
        Household.objects.filter(rule("")).values("pk").order_by() for rule in rules if rule
    ]
    return Household.objects.filter(erased_at__isnull=True, pk__in=first.union(*rest))


def _condition(rules: list[Rule | None], path: str) -> Q:
    """The same households as `_households_of(rules)`, as a condition on the row at `path`."""
    allowed = Q(pk__in=[])
    for rule in rules:
        if rule:
            allowed |= rule(path)
    return Q(**{_at(path, "erased_at__isnull"): True}) & allowed


def _one_of(rules: list[Rule | None], household: Household | int) -> bool:
    pk = household if isinstance(household, int) else household.pk
    return Household.objects.filter(pk=pk).filter(_condition(rules, "")).exists()


def _visible_rules(user: User) -> list[Rule | None]:
    return [
        _coordinated_by(user),
        _coached_by(user),
        _backed_up_by(user),
        _doorbraak_for(user),
        _of_organisation(user),
    ]


def visible_households(user: User) -> QuerySet[Household]:
    """Every household whose file (or a part of it) this user may open."""
    if not user.is_authenticated:
        return Household.objects.none()
    return _households_of(_visible_rules(user))


def _signal_rules(user: User, standing_in_for: list[int]) -> list[Rule | None]:
    stand_in = _backed_up_by(user, standing_in_for) if standing_in_for else None
    return [_coordinated_by(user), _coached_by(user), *_consented(user, Content.SIGNAL), stand_in]


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
    return _households_of(_signal_rules(user, standing_in_for))


def reads_signals_of(user: User, household: Household | int, standing_in_for: list[int]) -> bool:
    """Whether `signal_households(user, standing_in_for)` holds this one household."""
    return user.is_authenticated and _one_of(_signal_rules(user, standing_in_for), household)


def _case_rules(user: User) -> list[Rule | None]:
    return [_coordinated_by(user), _coached_by(user), *_consented(user, Content.DOORBRAAK_CASE)]


def case_households(user: User) -> QuerySet[Household]:
    """Households whose Doorbraak cases this user may read: the buddy and the coordinator, and
    the backup and Doorbraak professionals whose consent (basic details) is in force. A named
    organisation's consent does not cover the cases."""
    if not user.is_authenticated:
        return Household.objects.none()
    return _households_of(_case_rules(user))


def case_households_condition(user: User, path: str) -> Q:
    """`case_households(user)` as a condition on rows that reach their household by `path`
    (e.g. "trajectory__household" from a Doorbraak case): for lists that start from their own,
    fewer rows, like the national Doorbraak professional's few thousand cases."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return _condition(_case_rules(user), path)


def reads_cases_of(user: User, household: Household | int) -> bool:
    """Whether `case_households(user)` holds this one household."""
    return user.is_authenticated and _one_of(_case_rules(user), household)


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
        Household.objects.filter(_condition(_visible_rules(user), ""), uuid=household_uuid)
        .select_related("programme", "area")
        .first()
    )
    if household is None:
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
    return _households_of(_outcome_rules(user))


def _outcome_rules(user: User) -> list[Rule | None]:
    return [_coordinated_by(user), _coached_by(user), *_consented(user, Content.OUTCOME)]


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
