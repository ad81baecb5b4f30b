"""The participant's rights as services: a download of all their data, and erasure.

The coordinator calls them from the household's rights page, the participant from the portal,
and `kansrijk retention` erases households whose retention period is over.
"""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.audit import SYSTEM_ACTOR, audit
from kansrijk.access.models import AuditAction, Consent, ParticipantAccount
from kansrijk.assessments.models import Assessment, DomainScore
from kansrijk.contacts.models import Appointment, Contact
from kansrijk.core.errors import Refused
from kansrijk.documents.models import Document
from kansrijk.escalation.models import DoorbraakCase, Signal
from kansrijk.evaluations.models import Evaluation
from kansrijk.intake.models import Intake, Referral
from kansrijk.network.models import NetworkMap
from kansrijk.outcomes.models import FollowUp, Outcome
from kansrijk.partners.models import PartnerReferral
from kansrijk.partners.services import partner_referrals_blank
from kansrijk.people.choices import Role
from kansrijk.people.models import Household, User
from kansrijk.plans.models import Goal, GoalProposal
from kansrijk.trajectories import counts
from kansrijk.trajectories.choices import OPEN_PHASES
from kansrijk.trajectories.models import PhaseChange, Trajectory, TrajectoryExtension
from kansrijk.transfers.models import Transfer

from .export import Data, document_files, export_zip, household_export
from .pdf import export_pdf

T = TypeVar("T")

ERASED_NAME = "Verwijderd huishouden {code}"


def _exporter_role(by: User, household: Household) -> str:
    """The role in which `by` may download this file: its coordinator or the participant."""
    if household.erased_at is not None:
        raise Refused(_("This household was erased: there is nothing left to download."))
    if policy.may_manage(by, household):
        return Role.COORDINATOR
    if ParticipantAccount.objects.filter(user=by, household=household).exists():
        return "participant"
    raise Refused(_("Only the participant and the coordinator can download the whole file."))


def _export(
    household: Household,
    by: User,
    request: HttpRequest | None,
    kind: str,
    make: Callable[[Data], T],
) -> T:
    # No transaction around it: on SQLite that would hold the write lock while the PDF is made.
    # The one write is the audit entry, after the file is made and before it is handed over.
    role = _exporter_role(by, household)
    content = make(household_export(household))
    audit(
        actor=by,
        action=AuditAction.EXPORT,
        household=household,
        detail=kind,
        purpose="right of access",
        role=role,
        request=request,
    )
    return content


def household_export_zip(
    *, household: Household, by: User, request: HttpRequest | None = None
) -> bytes:
    """All data about the household as a ZIP (`household.json`, a README and the documents'
    files); logged."""
    return _export(
        household, by, request, "zip", lambda data: export_zip(data, document_files(household))
    )


def household_export_data(
    *, household: Household, by: User, request: HttpRequest | None = None
) -> Data:
    """All data about the household as plain data (`household.json`; the API's
    `GET /api/v1/me/data`); logged."""
    return _export(household, by, request, "json", lambda data: data)


def household_export_pdf(
    *, household: Household, by: User, request: HttpRequest | None = None
) -> bytes:
    """All data about the household as a readable A4 PDF; logged."""
    return _export(household, by, request, "pdf", export_pdf)


def erased_name(household: Household) -> str:
    """What an erased household is called: a short code, enough to tell two apart."""
    return ERASED_NAME.format(code=household.uuid.hex[:8].upper())


@transaction.atomic
def household_erase(
    *,
    household: Household,
    by: User | None,
    reason: str,
    request: HttpRequest | None = None,
) -> Household:
    """Remove who the household is, keep what it counts for.

    Kept, so the figures for funders and the programme stay true: the household row (its
    programme, area and UUID), every trajectory with its phases, dates, buddy and drop-out
    reason, the referring organisation, the dates of intake, contacts and assessments, the kind
    and length of contacts, and the assessment scores. Removed: the name (replaced by a short
    code), address, phone, e-mail, languages and her language; every household member; every free-text
    note, also of signals and Doorbraak cases; the goal-action plan (goals, actions, progress
    notes); the network maps; the planned meetings; the documents kept with the file; the
    consents; the partner referrals that started her journeys (names, contact, texts); and the
    participant's portal login. The audit log is not touched: it is append-only, and it
    names staff, never the household (it refers to it by its id).

    `by` is the coordinator, or None when `kansrijk retention` erases. A household with an
    open trajectory is refused: record the drop-out first, so the figures say how it ended.
    """
    reason = reason.strip()
    if not reason:
        raise Refused(_("Say why the household is erased."))
    if by is not None and not policy.may_manage(by, household):
        raise Refused(_("Only a coordinator of this programme can erase a household."))
    locked = Household.objects.select_for_update().get(pk=household.pk)
    if locked.erased_at is not None:
        raise Refused(_("This household was erased already."))
    trajectories = Trajectory.objects.filter(household=locked)
    if trajectories.filter(phase__in=OPEN_PHASES).exists():
        raise Refused(
            _(
                "This household still has an open trajectory. Record the drop-out first "
                "(reason: the participant chose to stop), then erase."
            )
        )

    trajectories.update(end_note="", version=F("version") + 1)
    PhaseChange.objects.filter(trajectory__household=locked).update(note="")
    TrajectoryExtension.objects.filter(trajectory__household=locked).update(note="")
    Referral.objects.filter(trajectory__household=locked).update(
        reason="", stress_sources="", preferences="", referrer_name=""
    )
    Intake.objects.filter(trajectory__household=locked).update(
        stress_now="",
        stress_sources="",
        wishes="",
        strengths="",
        network="",
        availability="",
        notes="",
    )
    Contact.objects.filter(trajectory__household=locked).update(note="")
    # Planned meetings say where and why in free text; the contacts count what happened.
    Appointment.objects.filter(trajectory__household=locked).delete()
    Assessment.objects.filter(trajectory__household=locked).update(note="")
    DomainScore.objects.filter(assessment__trajectory__household=locked).update(note="")
    # Signals and Doorbraak cases keep their kind, steps, dates, tags, costs and the lesson for
    # policy (written without names): the learning register counts the same afterwards.
    Signal.objects.filter(trajectory__household=locked).update(description="", response="")
    DoorbraakCase.objects.filter(trajectory__household=locked).update(
        barrier="", blocking_rule="", solution=""
    )
    # Outcomes keep their kind, details and date (the results list counts them); the evidence
    # note tells the household's story in words, so it goes.
    Outcome.objects.filter(trajectory__household=locked).update(evidence="")
    # The evaluation keeps its mark (the reports count it); her words about the year go.
    Evaluation.objects.filter(trajectory__household=locked).update(
        helped="", bond_words="", improve=""
    )
    # Transfers keep their programmes, areas and dates; the name the old programme's list kept
    # and the reasons (free text) go.
    Transfer.objects.filter(household=locked).update(
        household_name="", reason="", decline_reason=""
    )
    # Follow-ups after closure keep their answers (counted as what lasted); their note goes.
    FollowUp.objects.filter(trajectory__household=locked).update(note="")
    # The plan is the participant's own words through and through: goals, steps and notes go,
    # and the goals she proposed herself.
    GoalProposal.objects.filter(trajectory__household=locked).delete()
    Goal.objects.filter(trajectory__household=locked).delete()
    # So is the network map: who is around them, by name or role, and what goes well.
    NetworkMap.objects.filter(trajectory__household=locked).delete()
    # Documents (a signed form, an agency's letter) are about who it was, through and through.
    Document.objects.filter(household=locked).delete()
    locked.members.all().delete()
    Consent.objects.filter(household=locked).delete()
    # A partner's referral that started one of her journeys says who she was, how to reach her
    # and why she was referred: blanked too (its organisation, dates and status are counted).
    partner_referrals_blank(referrals=PartnerReferral.objects.filter(trajectory__household=locked))
    # The portal login is the participant's own e-mail address and name: remove the whole user.
    User.objects.filter(participant_account__household=locked).delete()

    locked.display_name = erased_name(locked)
    locked.street_address = locked.postcode = locked.phone = locked.email = locked.languages = ""
    # Her language says something about who she was: back to the default.
    locked.language = settings.LANGUAGE_CODE
    locked.erased_at = timezone.now()
    locked.erased_by = by
    locked.erase_reason = reason[:200]
    # Her journeys leave the programme's phase counts, as they leave its lists.
    # What the reports count of her (her type, her journeys) changes even where no phase count does.
    counts.figures_changed(locked.programme_id)
    with counts.household_changing(locked.pk):
        locked.save(
            update_fields=[
                "display_name",
                "street_address",
                "postcode",
                "phone",
                "email",
                "languages",
                "language",
                "erased_at",
                "erased_by",
                "erase_reason",
                "updated_at",
            ]
        )
    # The reason stays on the household row, not in the log: the log can never be cleaned.
    audit(
        actor=by,
        actor_name="" if by else SYSTEM_ACTOR,
        action=AuditAction.CHANGE,
        household=locked,
        detail="household erased",
        purpose="retention" if by is None else "right to erasure",
        role=Role.COORDINATOR if by else "system",
        request=request,
    )
    return locked
