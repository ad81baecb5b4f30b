"""A partner's referral: sent in, then accepted into the intake or declined, once each."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kansrijk.access.audit import SYSTEM_ACTOR, audit
from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.models import AuditAction
from kansrijk.access.services import consent_record, first_consent_day, last_consent_day
from kansrijk.core.dates import check_plausible, long_date, today
from kansrijk.core.errors import Refused
from kansrijk.intake.services import NewMember, referral_register, rereferral_register
from kansrijk.people.choices import MemberRelation, Role
from kansrijk.people.models import Area, Household, Organisation, Programme, User
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.services import trajectory_start_intake

from . import notify, rules, selectors
from .choices import Decision, Source
from .models import PartnerReferral

# What a referral says about the participant and the consent, by field name: the form and the
# API send these, nothing else.
REFERRAL_FIELDS = frozenset(
    {
        "given_name",
        "family_name",
        "phone",
        "email",
        "street_address",
        "postcode",
        "languages",
        "household_type",
        "reason",
        "stress_sources",
        "preferences",
        "preferred_gender",
        "consent_on",
        "consent_method",
        "consent_recorded_by",
        "share_basic",
        "share_plan",
        "share_assessments",
        "share_sensitive",
    }
)
_TEXT_FIELDS = REFERRAL_FIELDS - {
    "consent_on",
    "share_basic",
    "share_plan",
    "share_assessments",
    "share_sensitive",
}


def _check_sender(by: User, organisation: Organisation, programme: Programme) -> None:
    if not rules.may_refer(by, programme):
        raise Refused(_("Only a referrer of this programme can sign a household up."))
    if by.organisation_id != organisation.pk:
        raise Refused(_("You can only sign households up for your own organisation."))


def _check_referral(referral: PartnerReferral) -> None:
    """Refuse a referral the coordinator could not act on, with a message saying what to fix."""
    if not referral.given_name:
        raise Refused(_("Fill in the participant's first name."))
    if not referral.reason:
        raise Refused(_("Say why you sign this household up."))
    if not (referral.phone or referral.email or referral.street_address):
        raise Refused(
            _("Give a phone number, an e-mail address or an address, so we can reach them.")
        )
    if not referral.consent_recorded_by:
        raise Refused(_("Say who asked the participant for consent."))
    if not isinstance(referral.consent_on, dt.date):
        raise Refused(_("Fill in the day the participant gave consent."))
    if referral.consent_on > today():
        raise Refused(_("Consent cannot be given on a future date."))
    check_plausible(referral.consent_on)
    if referral.shared_parts and FilePart.BASIC not in referral.shared_parts:
        raise Refused(_("Without the basic details nothing else can be shown. Tick those too."))
    relations = [f.name for f in referral._meta.concrete_fields if f.is_relation]
    try:
        referral.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        label = getattr(referral._meta.get_field(name), "verbose_name", name)
        raise Refused(f"{str(label).capitalize()}: {messages[0]}") from None


@transaction.atomic
def partner_referral_submit(
    *,
    by: User | None,
    organisation: Organisation,
    area: Area,
    client_reference: str = "",
    actor_name: str = "",
    role: str = Role.REFERRER,
    **fields: Any,
) -> tuple[PartnerReferral, bool]:
    """A partner signs a household up: the referral waits in the coordinator's inbox. Answers
    the referral and whether this call made it.

    `by` is the referrer on their page; None when a partner's system sends it (the API, which
    names itself in the log with `actor_name` and `role`). With a `client_reference` (the
    partner system's own id) a repeated call answers the referral made the first time (not
    made: False), also when two calls arrive at once: the database lets one of them insert,
    the other finds it.
    """
    unknown = set(fields) - REFERRAL_FIELDS
    if unknown:
        raise ValueError(f"A referral has no fields {sorted(unknown)}.")
    if by is not None:
        _check_sender(by, organisation, area.programme)
        fields.setdefault("consent_recorded_by", by.get_full_name() or by.get_username())
    client_reference = client_reference.strip()
    same = PartnerReferral.objects.filter(
        organisation=organisation, client_reference=client_reference
    )
    if client_reference and (existing := same.first()) is not None:
        return existing, False
    cleaned = {
        name: value.strip() if name in _TEXT_FIELDS and isinstance(value, str) else value
        for name, value in fields.items()
    }
    referral = PartnerReferral(
        programme=area.programme,
        area=area,
        organisation=organisation,
        referred_by=by,
        source=Source.API if by is None else Source.WEB,
        client_reference=client_reference,
        **cleaned,
    )
    _check_referral(referral)
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError:
        # The same reference was saved a moment ago by a parallel call: answer that one.
        existing = same.first() if client_reference else None
        if existing is None:
            raise
        return existing, False
    audit(
        actor=by,
        actor_name="" if by is not None else actor_name or f"api:{organisation.slug}",
        action=AuditAction.CREATE,
        detail="partner referral sent" if by is not None else "api referral sent",
        purpose=role,
        role=role,
    )
    return referral, True


def _require_coordinator(by: User, referral: PartnerReferral) -> None:
    if not rules.may_decide(by, referral):
        raise Refused(_("Only a coordinator of this programme can decide on a referral."))


def _lock_received(referral: PartnerReferral) -> PartnerReferral:
    """The referral, locked for this decision, if nobody decided on it yet."""
    locked = (
        PartnerReferral.objects.select_for_update(of=("self",))
        .select_related("organisation", "area", "programme", "decided_by")
        .get(pk=referral.pk)
    )
    if locked.status == Decision.RECEIVED:
        return locked
    who = {
        "name": str(locked.decided_by) if locked.decided_by else _("someone else"),
        "date": long_date(locked.decided_at) if locked.decided_at else "",
    }
    if locked.status == Decision.ACCEPTED:
        raise Refused(_("%(name)s accepted this referral already, on %(date)s.") % who)
    raise Refused(_("%(name)s declined this referral already, on %(date)s.") % who)


def _referral_details(referral: PartnerReferral) -> dict[str, Any]:
    """What the journey's own referral (`intake.models.Referral`) keeps of this one."""
    return {
        "organisation": referral.organisation,
        "referrer_name": str(referral.referred_by or referral.consent_recorded_by)[:120],
        "reason": referral.reason,
        "stress_sources": referral.stress_sources,
        "preferences": referral.preferences,
        "preferred_gender": referral.preferred_gender,
        "consent_on": referral.consent_on,
        "consent_method": ConsentMethod(referral.consent_method),
    }


def _consent_for_the_referrer(
    *, by: User, referral: PartnerReferral, trajectory: Trajectory
) -> None:
    """Record what the participant lets the referring organisation see of the file later.

    The one place that turns the referral's ticks into a consent, and it names the referring
    organisation: its people read what she allowed, as with any consent to an organisation.
    """
    parts = referral.shared_parts
    if FilePart.BASIC not in parts:
        return
    # Consent may start at most a month before the journey's referral day (access' rule);
    # a yes given earlier still holds, it is recorded from that first allowed day.
    starts_on = max(referral.consent_on, first_consent_day(trajectory.referred_on))
    consent_record(
        household=trajectory.household,
        trajectory=trajectory,
        by=by,
        recipient=Recipient.ORGANISATION,
        organisation=referral.organisation,
        parts=parts,
        starts_on=starts_on,
        ends_on=last_consent_day(starts_on),
        method=ConsentMethod(referral.consent_method),
    )


@transaction.atomic
def partner_referral_accept(
    *, by: User, referral: PartnerReferral, household: Household | None = None
) -> Trajectory:
    """Take the referral into the intake: a journey starts, in the intake phase.

    Without `household` the coordinator looked at the likely duplicates and said this is a new
    household; with one, it is that known household referred again. The referral is locked
    first, so a double click, two tabs or two coordinators start one journey; the second is
    told who accepted it.
    """
    _require_coordinator(by, referral)
    locked = _lock_received(referral)
    details = _referral_details(locked)
    if household is not None:
        if household.programme_id != locked.programme_id or household.erased_at is not None:
            raise Refused(_("Choose a household of this programme."))
        trajectory = rereferral_register(by=by, household=household, **details)
    else:
        trajectory = referral_register(
            by=by,
            area=locked.area,
            participant=NewMember(
                MemberRelation.PARTICIPANT, locked.given_name, locked.family_name
            ),
            others=[],
            contact={
                "phone": locked.phone,
                "email": locked.email,
                "street_address": locked.street_address,
                "postcode": locked.postcode,
                "languages": locked.languages,
            },
            check_known=False,
            household_type=locked.household_type,
            **details,
        )
    _consent_for_the_referrer(by=by, referral=locked, trajectory=trajectory)
    # Accepting is starting the intake: the coordinator goes on with its first step.
    trajectory = trajectory_start_intake(trajectory=trajectory, by=by, version=None)
    locked.status = Decision.ACCEPTED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.trajectory = trajectory
    locked.save(update_fields=["status", "decided_at", "decided_by", "trajectory", "updated_at"])
    audit(
        actor=by,
        action=AuditAction.CHANGE,
        household=trajectory.household,
        detail="partner referral accepted",
        purpose="journey",
        role=Role.COORDINATOR,
    )
    return trajectory


@transaction.atomic
def partner_referral_decline(
    *, by: User, referral: PartnerReferral, reason: str
) -> PartnerReferral:
    """Decline the referral; the reason goes back to the referrer (by e-mail: only that there
    is an answer, the reason itself on their page)."""
    _require_coordinator(by, referral)
    reason = reason.strip()
    if not reason:
        raise Refused(_("Say why the referral is not accepted: the referrer reads it."))
    locked = _lock_received(referral)
    locked.status = Decision.DECLINED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.decline_reason = reason
    locked.save(
        update_fields=["status", "decided_at", "decided_by", "decline_reason", "updated_at"]
    )
    audit(
        actor=by,
        action=AuditAction.CHANGE,
        detail="partner referral declined",
        purpose="journey",
        role=Role.COORDINATOR,
    )
    transaction.on_commit(lambda: notify.referral_declined(locked.pk), robust=True)
    return locked


# ---- Keeping no more than needed: blanking, and closing what nobody decided on ----

# What a referral's personal fields become once its details are removed: who it was about,
# how to reach them, every text (also the decline's reason, which may speak of the household),
# and who recorded the consent. Kept: organisation, programme, area, dates, status, the shared
# parts' ticks and the trajectory link, so the figures (how many referrals, from whom, how
# many accepted) stay true.
BLANKED: dict[str, str] = {
    "given_name": "",
    "family_name": "",
    "phone": "",
    "email": "",
    "street_address": "",
    "postcode": "",
    "languages": "",
    "household_type": "",
    "reason": "",
    "stress_sources": "",
    "preferences": "",
    "preferred_gender": "",
    "consent_recorded_by": "",
    "decline_reason": "",
}


def partner_referrals_blank(*, referrals: QuerySet[PartnerReferral]) -> int:
    """Remove the personal fields of these referrals; those blanked before stay as they are.

    Called by the household's erasure (inside its transaction) and by `kansrijk retention`.
    Returns how many were blanked now."""
    now = timezone.now()
    return referrals.filter(blanked_at__isnull=True).update(
        **BLANKED, blanked_at=now, updated_at=now
    )


def _undecided_reason(days: int) -> str:
    # Stored, and read by the referrer: in the interface language, as their pages are.
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "Nobody decided on this referral within %(days)d days, so it was closed and its "
            "details will be removed. If the household still needs a buddy, sign it up again."
        ) % {"days": days}


@transaction.atomic
def partner_referrals_decline_undecided() -> int:
    """Decline the referrals still waiting after RETENTION_UNDECIDED_REFERRAL_DAYS days.

    `kansrijk retention` does it, logged as the system. Each gets a reason the referrer reads
    (and an e-mail that there is an answer); its details are blanked later like any declined
    one. Running it again finds none of them: they are no longer waiting."""
    waiting = list(
        selectors.undecided_overdue().select_for_update(of=("self",)).values_list("pk", flat=True)
    )
    if not waiting:
        return 0
    reason = _undecided_reason(settings.RETENTION_UNDECIDED_REFERRAL_DAYS)
    PartnerReferral.objects.filter(pk__in=waiting, status=Decision.RECEIVED).update(
        status=Decision.DECLINED,
        decided_at=timezone.now(),
        decided_by=None,
        decline_reason=reason,
        updated_at=timezone.now(),
    )
    for pk in waiting:
        audit(
            actor=None,
            actor_name=SYSTEM_ACTOR,
            action=AuditAction.CHANGE,
            detail="partner referral declined",
            purpose="retention",
            role="system",
        )
        transaction.on_commit(
            lambda pk=pk: notify.referral_declined(pk),  # type: ignore[misc]
            robust=True,
        )
    return len(waiting)


@transaction.atomic
def partner_referrals_blank_declined() -> int:
    """Blank the referrals declined more than RETENTION_DECLINED_REFERRAL_DAYS days ago.

    `kansrijk retention` does it, logged as the system. The referrer then sees the step line
    with its dates, and that the details were removed. Idempotent: a blanked referral is not
    picked again."""
    blanked = partner_referrals_blank(referrals=selectors.declined_overdue())
    if blanked:
        audit(
            actor=None,
            actor_name=SYSTEM_ACTOR,
            action=AuditAction.CHANGE,
            detail="partner referrals blanked",
            purpose="retention",
            role="system",
        )
    return blanked
