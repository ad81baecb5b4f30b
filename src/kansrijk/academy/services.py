"""Writes about buddies: the selection steps, the Academie, Buddy Building, check-ins, breaks
and ending as a buddy. Each is one function in a transaction; each checks who may do it."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.core.dates import add_months, today
from kansrijk.core.errors import Refused
from kansrijk.core.models import lock_at_version
from kansrijk.core.phases import COACHING_PHASES
from kansrijk.people.choices import Role
from kansrijk.people.models import Area, Programme, ProgrammeRole, User
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.services import back_to_matching, hand_over

from . import rules, selectors
from .choices import OPEN_STAGES, Answer, Block, EnrolmentStatus, PauseReason, Stage
from .models import (
    AcademySettings,
    Candidate,
    CheckIn,
    Course,
    Enrolment,
    Interview,
    Invitation,
    Meeting,
    Pause,
    Session,
    TrainingHold,
)


def _stale() -> str:
    return _("Someone else changed this in the meantime. Look at the page again and try once more.")


def require_coordinator(by: User, programme: Programme) -> None:
    if not rules.coordinates(by, programme):
        raise Refused(_("Only a coordinator of this programme can do this."))


def require_any_coordinator(by: User) -> None:
    """The Academie is municipality-wide: every coordinator runs it."""
    if not rules.runs_the_academy(by):
        raise Refused(_("Only a coordinator can do this."))


# ---- settings ----


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


# ---- selection ----


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
        "date": (today() + dt.timedelta(days=keep)).strftime("%d-%m-%Y"),
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


@transaction.atomic
def erase_expired_candidates(on: dt.date | None = None) -> int:
    """Erase the rejected candidates whose retention date has passed. Safe to run again."""
    on = on or today()
    expired = list(
        Candidate.objects.select_for_update().filter(
            stage=Stage.REJECTED, erase_after__lt=on, erased_at__isnull=True
        )
    )
    for candidate in expired:
        candidate_erase(candidate)
    return len(expired)


# ---- the Academie ----


@transaction.atomic
def session_plan(
    *,
    by: User,
    course: Course,
    on: dt.date,
    starts_at: dt.time,
    place: str,
    trainer: str,
    capacity: int,
    hours: Decimal,
) -> Session:
    require_any_coordinator(by)
    return Session.objects.create(
        course=course,
        on=on,
        starts_at=starts_at,
        place=place,
        trainer=trainer,
        capacity=capacity,
        hours=hours,
        created_by=by,
    )


def _locked_session(session: Session) -> Session:
    return Session.objects.select_for_update().get(pk=session.pk)


@transaction.atomic
def enrol(
    *,
    session: Session,
    by: User,
    user: User | None = None,
    external_name: str = "",
    external_organisation: str = "",
) -> Enrolment:
    """A place in the session, or a spot on its waiting list when it is full.

    A buddy enrols themselves; a coordinator enrols anyone, external trainees too.
    """
    if user is None and not external_name.strip():
        raise Refused(_("Choose a buddy or write the name of the external trainee."))
    if user is not None and user != by:
        require_any_coordinator(by)
    if user is None:
        require_any_coordinator(by)
    locked = _locked_session(session)
    if locked.on < today():
        raise Refused(_("This session is over; enrolling is no longer possible."))
    if (
        user is not None
        and locked.enrolments.filter(user=user).exclude(status=EnrolmentStatus.CANCELLED).exists()
    ):
        raise Refused(_("%(name)s is already enrolled in this session.") % {"name": user})
    taken = locked.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
    status = EnrolmentStatus.ENROLLED if taken < locked.capacity else EnrolmentStatus.WAITING
    return Enrolment.objects.create(
        session=locked,
        user=user,
        external_name=external_name.strip() if user is None else "",
        external_organisation=external_organisation.strip() if user is None else "",
        status=status,
    )


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, by: User) -> Enrolment | None:
    """Give the place back. The first on the waiting list moves up; it is returned."""
    if enrolment.user_id != by.pk:
        require_any_coordinator(by)
    _locked_session(enrolment.session)
    locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if locked.status == EnrolmentStatus.CANCELLED:
        return None
    had_place = locked.status == EnrolmentStatus.ENROLLED
    locked.status = EnrolmentStatus.CANCELLED
    locked.save(update_fields=["status"])
    if not had_place:
        return None
    first = (
        Enrolment.objects.filter(session_id=locked.session_id, status=EnrolmentStatus.WAITING)
        .order_by("enrolled_at", "pk")
        .first()
    )
    if first is not None:
        first.status = EnrolmentStatus.ENROLLED
        first.save(update_fields=["status"])
    return first


@transaction.atomic
def attendance_record(*, session: Session, by: User, present: set[int]) -> None:
    """Who came (enrolment ids); everyone else with a place did not."""
    require_any_coordinator(by)
    if session.on > today():
        raise Refused(_("Attendance can be recorded on the day of the session or later."))
    placed = session.enrolments.filter(status=EnrolmentStatus.ENROLLED)
    placed.filter(pk__in=present).update(attended=True)
    placed.exclude(pk__in=present).update(attended=False)


# ---- Buddy Building ----


@transaction.atomic
def meeting_plan(
    *,
    by: User,
    programmes: list[Programme] | QuerySet[Programme],
    on: dt.date,
    starts_at: dt.time,
    place: str,
    theme: str,
) -> Meeting:
    """Plan a Buddy Building and invite every active buddy of its programmes."""
    programmes = list(programmes)
    if not programmes:
        raise Refused(_("Choose at least one programme."))
    for programme in programmes:
        require_coordinator(by, programme)
    meeting = Meeting.objects.create(
        on=on, starts_at=starts_at, place=place, theme=theme, created_by=by
    )
    meeting.programmes.set(programmes)
    buddies = (
        ProgrammeRole.objects.filter(programme__in=programmes, role=Role.BUDDY, active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
    Invitation.objects.bulk_create(Invitation(meeting=meeting, user_id=u) for u in set(buddies))
    return meeting


@transaction.atomic
def rsvp(*, invitation: Invitation, by: User, answer: Answer) -> Invitation:
    """The buddy says whether they come."""
    if invitation.user_id != by.pk:
        raise Refused(_("Only the invited buddy can answer."))
    invitation.answer = answer
    invitation.save(update_fields=["answer"])
    return invitation


@transaction.atomic
def meeting_attendance(*, meeting: Meeting, by: User, present: set[int]) -> None:
    """Who came (invitation ids)."""
    if not any(rules.coordinates(by, p) for p in meeting.programmes.all()):
        raise Refused(_("Only a coordinator of this programme can do this."))
    if meeting.on > today():
        raise Refused(_("Attendance can be recorded on the day of the meeting or later."))
    meeting.invitations.filter(pk__in=present).update(attended=True)
    meeting.invitations.exclude(pk__in=present).update(attended=False)


# ---- supporting buddies ----


def _require_buddy_or_coordinator(user: User, by: User) -> None:
    """The buddy themselves, or a coordinator of a programme they are a buddy in."""
    if not rules.supports(by, user):
        raise Refused(_("Only the buddy or their coordinator can do this."))


@transaction.atomic
def check_in_record(
    *, user: User, by: User, on: dt.date, load: int, wellbeing: int, note: str
) -> CheckIn:
    """How the buddy is doing, for their coordinator to see."""
    _require_buddy_or_coordinator(user, by)
    if on > today():
        raise Refused(_("A check-in cannot be in the future."))
    return CheckIn.objects.create(
        user=user, on=on, load=load, wellbeing=wellbeing, note=note, recorded_by=by
    )


@transaction.atomic
def pause_record(
    *, user: User, by: User, starts_on: dt.date, ends_on: dt.date, reason: PauseReason
) -> Pause:
    """A break: no new household is proposed and no reminders are sent from–until."""
    _require_buddy_or_coordinator(user, by)
    if ends_on < starts_on:
        raise Refused(_("The break cannot end before it starts."))
    if ends_on < today():
        raise Refused(_("The break is already over."))
    if Pause.objects.filter(user=user, starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
        raise Refused(_("There is already a break in these days."))
    return Pause.objects.create(
        user=user, starts_on=starts_on, ends_on=ends_on, reason=reason, recorded_by=by
    )


@transaction.atomic
def pause_end(*, pause: Pause, by: User) -> Pause:
    """Back early: the break ends yesterday (or is removed when it has not started)."""
    _require_buddy_or_coordinator(pause.user, by)
    if pause.starts_on >= today():
        pause.delete()
        return pause
    pause.ends_on = max(pause.starts_on, today() - dt.timedelta(days=1))
    pause.save(update_fields=["ends_on"])
    return pause


@transaction.atomic
def training_hold_set(*, role: ProgrammeRole, by: User, held: bool) -> None:
    """Say whether this buddy has finished the buddy training, beyond the required courses:
    a held buddy is not matched until a coordinator of the programme lifts the hold."""
    require_coordinator(by, role.programme)
    if held:
        TrainingHold.objects.get_or_create(role=role, defaults={"recorded_by": by})
    else:
        TrainingHold.objects.filter(role=role).delete()


def _coached_by(user: User, programme: Programme) -> QuerySet[Trajectory]:
    return Trajectory.objects.filter(
        buddy=user, phase__in=COACHING_PHASES, household__programme=programme
    ).select_related("household")


@transaction.atomic
def buddy_end(
    *,
    role: ProgrammeRole,
    by: User,
    handovers: dict[int, User | None],
    reason: str,
) -> None:
    """The buddy stops. Every household they coach goes, explicitly, to another buddy (the
    new buddy takes over the year where it is) or back to the waiting list (matching again).
    All or nothing: one household without a choice and nothing changes."""
    programme = role.programme
    require_coordinator(by, programme)
    trajectories = list(_coached_by(role.user, programme).select_for_update(of=("self",)))
    missing = [t for t in trajectories if t.pk not in handovers]
    if missing:
        raise Refused(
            _("Choose what happens with %(name)s.") % {"name": missing[0].household.display_name}
        )
    blocked = selectors.readiness(programme)
    for trajectory in trajectories:
        new = handovers[trajectory.pk]
        if new is None:
            back_to_matching(trajectory=trajectory, by=by, note="buddy stopped")
        else:
            _hand_over(trajectory, new, by, blocked)
    role.active = False
    role.save(update_fields=["active"])
    Candidate.objects.filter(user=role.user, programme=programme).update(
        stage=Stage.ENDED, ended_on=today(), decision_reason=reason[:300]
    )
    Invitation.objects.filter(user=role.user, meeting__on__gte=today()).delete()


def _hand_over(trajectory: Trajectory, new: User, by: User, blocked: dict[int, Block]) -> None:
    """Another buddy takes over, if the Academie lets them coach now (matching's rules)."""
    if new.pk in blocked:
        raise Refused(
            _("%(name)s cannot take a household now: %(why)s.")
            % {"name": new, "why": blocked[new.pk].label}
        )
    hand_over(trajectory=trajectory, to=new, by=by)
