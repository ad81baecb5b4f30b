"""From application to active buddy: the selection steps, the certificate of conduct, the
settings that say what a buddy needs, and erasing rejected candidates in time."""

import datetime as dt
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access.audit import audit_change
from kansrijk.access.models import AuditAction
from kansrijk.core.dates import add_months, long_date, today
from kansrijk.core.errors import Refused
from kansrijk.core.files import CheckedFile
from kansrijk.core.models import lock_at_version
from kansrijk.people.choices import Role
from kansrijk.people.models import Area, Programme, ProgrammeRole, User
from kansrijk.trajectories import counts

from .. import selectors
from ..choices import OPEN_STAGES, Stage
from ..models import AcademySettings, Candidate, Course, Interview, VogScan
from .common import _stale, require_coordinator


@transaction.atomic
def settings_save(
    *,
    programme: Programme,
    by: User,
    required_courses: QuerySet[Course] | list[Course],
    requires_vog: bool,
    vog_valid_years: int,
    rejected_retention_days: int,
    version: int | None,
) -> AcademySettings:
    """What a buddy of this programme needs before matching; how long rejected data stays."""
    require_coordinator(by, programme)
    found, _created = AcademySettings.objects.get_or_create(programme=programme)
    found = lock_at_version(AcademySettings.objects, found.pk, version, _stale())
    found.requires_vog = requires_vog
    found.vog_valid_years = vog_valid_years
    found.rejected_retention_days = rejected_retention_days
    found.version += 1
    found.save()
    found.required_courses.set(required_courses)
    return found


@transaction.atomic
def candidate_apply(
    *, programme: Programme, by: User, areas: list[Area] | QuerySet[Area], **fields: Any
) -> Candidate:
    """Record an application: who, how to reach them, why, what they bring, where and when."""
    require_coordinator(by, programme)
    if any(area.programme_id != programme.pk for area in areas):
        raise Refused(_("Choose areas of this programme."))
    candidate = Candidate.objects.create(programme=programme, created_by=by, **fields)
    candidate.areas.set(areas)
    return candidate


def _advance(
    candidate: Candidate,
    by: User,
    *,
    version: int | None,
    allowed: tuple[str, ...],
    to: Stage | None,
    **fields: Any,
) -> Candidate:
    """Lock the candidate, check the stage, write the fields and move on. In a transaction."""
    require_coordinator(by, candidate.programme)
    locked = lock_at_version(Candidate.objects, candidate.pk, version, _stale())
    if locked.stage not in allowed:
        raise Refused(
            _("A candidate in the stage “%(stage)s” cannot take this step.")
            % {"stage": locked.get_stage_display()}
        )
    for name, value in fields.items():
        setattr(locked, name, value)
    if to is not None:
        locked.stage = to
    locked.version += 1
    locked.save()
    return locked


@transaction.atomic
def interview_record(
    *, candidate: Candidate, by: User, held_on: dt.date, notes: str, version: int | None
) -> Candidate:
    """An interview with notes. The first one moves the candidate to the interview stage."""
    locked = _advance(
        candidate,
        by,
        version=version,
        allowed=(Stage.APPLIED, Stage.INTERVIEW),
        to=Stage.INTERVIEW,
    )
    Interview.objects.create(candidate=locked, held_on=held_on, by=by, notes=notes)
    return locked


@transaction.atomic
def candidate_accept(
    *, candidate: Candidate, by: User, reason: str, version: int | None
) -> Candidate:
    """Selected after at least one interview: next comes the certificate of conduct."""
    if not candidate.interviews.exists():
        raise Refused(_("Talk with the candidate first: record an interview."))
    return _advance(
        candidate,
        by,
        version=version,
        allowed=(Stage.INTERVIEW,),
        to=Stage.VOG,
        decision_reason=reason,
        decided_on=today(),
    )


def rejection_text(candidate: Candidate, by: User) -> str:
    """The respectful message a candidate gets when they are not selected (to edit first)."""
    keep = selectors.settings_for(candidate.programme).rejected_retention_days
    return _(
        "Dear %(name)s,\n\nThank you for wanting to be a buddy at %(programme)s, and for the "
        "time you gave us. We have decided not to go on together this time. This says nothing "
        "about your worth: we look for a fit with what households need right now. Do you want "
        "to hear more about our decision? Just call or write us.\n\nWe delete your details "
        "after %(date)s.\n\nKind regards,\n%(by)s"
    ) % {
        "name": candidate.given_name,
        "programme": candidate.programme.name,
        "date": long_date(today() + dt.timedelta(days=keep)),
        "by": by.get_full_name() or by.username,
    }


@transaction.atomic
def candidate_reject(
    *, candidate: Candidate, by: User, reason: str, message: str, version: int | None
) -> Candidate:
    """Not selected: the reason is kept, the message recorded (and e-mailed when there is an
    address), and the data is erased after the programme's retention period."""
    if not reason.strip():
        raise Refused(_("Write down the reason for the decision."))
    keep = selectors.settings_for(candidate.programme).rejected_retention_days
    locked = _advance(
        candidate,
        by,
        version=version,
        allowed=OPEN_STAGES,
        to=Stage.REJECTED,
        decision_reason=reason,
        decided_on=today(),
        rejection_message=message,
        erase_after=today() + dt.timedelta(days=keep),
    )
    if locked.email and message:
        transaction.on_commit(
            lambda: send_mail(
                subject=_("Your application as a buddy"),
                message=message,
                from_email=None,
                recipient_list=[locked.email],
            )
        )
    return locked


@transaction.atomic
def vog_request(
    *, candidate: Candidate, by: User, requested_on: dt.date, version: int | None
) -> Candidate:
    return _advance(
        candidate,
        by,
        version=version,
        allowed=(Stage.VOG,),
        to=None,
        vog_requested_on=requested_on,
    )


def vog_expiry(programme: Programme, received_on: dt.date) -> dt.date:
    years = selectors.settings_for(programme).vog_valid_years
    return add_months(received_on, 12 * years)


@transaction.atomic
def vog_receive(
    *,
    candidate: Candidate,
    by: User,
    received_on: dt.date,
    expires_on: dt.date | None,
    version: int | None,
) -> Candidate:
    """The certificate of conduct came in. During selection the references come next; for an
    active buddy this records a renewed one."""
    if received_on > today():
        raise Refused(_("The certificate cannot be received in the future."))
    expires_on = expires_on or vog_expiry(candidate.programme, received_on)
    if expires_on <= received_on:
        raise Refused(_("The certificate must be valid after the day it came in."))
    stage = candidate.stage
    return _advance(
        candidate,
        by,
        version=version,
        allowed=(Stage.VOG, Stage.TRAINING, Stage.ACTIVE, Stage.REFERENCES, Stage.AGREEMENT),
        to=Stage.REFERENCES if stage == Stage.VOG else None,
        vog_requested_on=candidate.vog_requested_on or received_on,
        vog_received_on=received_on,
        vog_expires_on=expires_on,
    )


@transaction.atomic
def vog_scan_add(*, candidate: Candidate, by: User, upload: CheckedFile) -> VogScan:
    """Keep the scan of the certificate of conduct (checked by `core.files.checked_upload`)
    with the buddy's file; the audit log names it by its id."""
    require_coordinator(by, candidate.programme)
    if candidate.erased_at is not None:
        raise Refused(_("This candidate was erased."))
    scan = VogScan(candidate=candidate, uploaded_by=by)
    scan.keep(upload)
    scan.save()
    audit_change(
        by=by,
        action=AuditAction.CREATE,
        household=None,
        detail=f"VOG scan {scan.uuid} added",
        role=Role.COORDINATOR,
    )
    return scan


@transaction.atomic
def reference_check(
    *, candidate: Candidate, by: User, checked_on: dt.date, note: str, version: int | None
) -> Candidate:
    return _advance(
        candidate,
        by,
        version=version,
        allowed=(Stage.REFERENCES,),
        to=Stage.AGREEMENT,
        reference_checked_on=checked_on,
        reference_note=note,
    )


def _username(candidate: Candidate) -> str:
    base = (candidate.email or f"{candidate.given_name}.{candidate.family_name}").lower()
    base = base.replace(" ", "")[:140]
    name, n = base, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{base}{n}"
    return name


@transaction.atomic
def agreement_sign(
    *, candidate: Candidate, by: User, signed_on: dt.date, version: int | None
) -> Candidate:
    """The volunteer agreement is signed: the candidate gets an account (no password yet, and
    a buddy role that is not active) so they can be enrolled in the Academie."""
    locked = _advance(
        candidate,
        by,
        version=version,
        allowed=(Stage.AGREEMENT,),
        to=Stage.TRAINING,
        agreement_signed_on=signed_on,
    )
    if locked.user_id is None:
        user = User(
            username=_username(locked),
            email=locked.email,
            first_name=locked.given_name,
            last_name=locked.family_name,
            phone=locked.phone,
        )
        user.set_unusable_password()
        user.save()
        locked.user = user
        locked.save(update_fields=["user", "updated_at"])
    ProgrammeRole.objects.get_or_create(
        user=locked.user,
        programme=locked.programme,
        role=Role.BUDDY,
        defaults={"active": False},
    )
    counts.figures_changed(locked.programme_id)  # the Academie counts its buddies' training
    return locked


def activation_blocks(candidate: Candidate) -> list[str]:
    """What still stands between this candidate and being an active buddy, in words."""
    blocks = []
    missing = selectors.required_missing(candidate.user, candidate.programme)
    if missing:
        blocks.append(
            _("Required courses not attended yet: %(courses)s.")
            % {"courses": ", ".join(c.name for c in missing)}
        )
    if not candidate.vog_expires_on or candidate.vog_expires_on < today():
        blocks.append(_("There is no valid certificate of conduct (VOG)."))
    return blocks


@transaction.atomic
def candidate_activate(*, candidate: Candidate, by: User, version: int | None) -> Candidate:
    """Training done and a valid VOG: the buddy role becomes active, matching can propose them.

    The buddy reaches the areas and speaks the languages of the application until they or the
    coordinator fill in their matching profile.
    """
    if candidate.user_id is None:
        raise Refused(_("Record the signed agreement first."))
    blocks = activation_blocks(candidate)
    if blocks:
        raise Refused(" ".join(blocks))
    locked = _advance(
        candidate,
        by,
        version=version,
        allowed=(Stage.TRAINING,),
        to=Stage.ACTIVE,
        activated_on=today(),
    )
    role = ProgrammeRole.objects.select_for_update().get(
        user_id=candidate.user_id, programme=locked.programme, role=Role.BUDDY
    )
    role.active = True
    role.save(update_fields=["active"])
    counts.figures_changed(locked.programme_id)  # the buddies by load
    return locked


@transaction.atomic
def buddy_file_make(*, role: ProgrammeRole, by: User) -> Candidate:
    """A file for a buddy who started before the selection was kept here, so their
    certificate of conduct can be recorded. Answers the existing file when there is one."""
    require_coordinator(by, role.programme)
    found = Candidate.objects.filter(user=role.user).first()
    if found is not None and found.programme_id != role.programme_id:
        raise Refused(_("Another programme keeps this buddy's file."))
    if found is not None:
        return found
    user = role.user
    return Candidate.objects.create(
        programme=role.programme,
        stage=Stage.ACTIVE,
        given_name=user.first_name or user.username,
        family_name=user.last_name,
        email=user.email,
        phone=user.phone,
        user=user,
        activated_on=today(),
        created_by=by,
    )


def candidate_erase(candidate: Candidate) -> None:
    """Remove who the candidate was; the stage and dates stay for the counts."""
    candidate.given_name = ""
    candidate.family_name = ""
    candidate.email = ""
    candidate.phone = ""
    candidate.motivation = ""
    candidate.social_experience = ""
    candidate.lived_experience = ""
    candidate.languages = ""
    candidate.availability = ""
    candidate.decision_reason = ""
    candidate.rejection_message = ""
    candidate.reference_note = ""
    candidate.erased_at = timezone.now()
    candidate.save()
    candidate.areas.clear()
    candidate.interviews.all().delete()
    candidate.vog_scans.all().delete()


@transaction.atomic
def erase_expired_candidates(on: dt.date | None = None, *, limit: int | None = None) -> int:
    """Erase the rejected candidates whose retention date has passed, at most `limit` of them
    (one transaction: a job calls it again until fewer come back). Safe to run again: an
    erased candidate is not picked twice."""
    expired = selectors.past_retention(on).select_for_update().order_by("pk")
    erased = list(expired[:limit] if limit is not None else expired)
    for candidate in erased:
        candidate_erase(candidate)
    return len(erased)
