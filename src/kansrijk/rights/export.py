"""Everything kansrijk keeps about one household, as data: the basis of both downloads.

`household_export` reads the whole file in a fixed number of queries and returns plain data:
stable English keys, ISO 8601 dates, UUIDs (never database ids), and every coded value as
`{"value": …, "label": …}` with its label in the language asked for (Dutch by default).
`export_zip` packs it as `household.json` with a README; `pdf.export_pdf` prints it.
"""

import datetime as dt
import io
import json
import zipfile
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from kansrijk.access.choices import FilePart, Recipient
from kansrijk.access.models import AuditAction, AuditEntry, Consent, ParticipantAccount
from kansrijk.assessments.choices import Moment
from kansrijk.assessments.models import Assessment, DomainScore
from kansrijk.contacts.models import Appointment, AppointmentKind, Contact, ContactKind
from kansrijk.core.files import EXTENSIONS, FileKind
from kansrijk.documents.models import Document
from kansrijk.escalation.choices import SignalKind, SignalStatus
from kansrijk.escalation.models import DoorbraakCase, Signal
from kansrijk.evaluations.choices import Bond, EnteredBy
from kansrijk.evaluations.models import Evaluation
from kansrijk.intake.models import ConsentMethod, Intake, Referral
from kansrijk.network.choices import Flow, Strength, TieKind
from kansrijk.network.choices import Moment as NetworkMoment
from kansrijk.network.models import NetworkMap, Tie
from kansrijk.outcomes.models import Outcome
from kansrijk.people.choices import Gender, HouseholdType, MemberRelation, Role
from kansrijk.people.languages import her_language
from kansrijk.people.models import Household, HouseholdMember, User
from kansrijk.plans.choices import ActionBy, GoalStatus, ProposalStatus, WrittenBy
from kansrijk.plans.models import Action, Goal, GoalProposal, ProgressNote
from kansrijk.trajectories.choices import DropOutReason, ExtendedPart, ExtensionReason, Phase
from kansrijk.trajectories.models import PhaseChange, Trajectory, TrajectoryExtension

FORMAT = "kansrijk.household-export"
FORMAT_VERSION = 1
# Roles in the audit log that are not programme roles.
_OTHER_ROLES = {"participant": _("participant"), "system": _("system")}

Data = dict[str, Any]


def household_export(household: Household, *, language: str | None = None) -> Data:
    """The household's whole file as plain data, labels in `language` (default: hers)."""
    language = language or her_language(household)
    with translation.override(language):
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "exported_at": _moment(timezone.now()),
            "labels_language": language,
            "household": _household(household),
            "members": [_member(m) for m in _members(household)],
            "trajectories": [_trajectory(t) for t in _trajectories(household)],
            "consents": [
                _consent(c)
                for c in household.consents.select_related("recorded_by", "organisation")
            ],
            "documents": [
                _document(d) for d in _documents(household).select_related("uploaded_by")
            ],
            "portal_account": _portal_account(household),
            "audit_log": [_audit_entry(e) for e in _audit_entries(household)],
        }


# ---- reading ----


def _members(household: Household) -> list[HouseholdMember]:
    """The participant first, then the others in the usual order."""
    members = household.members.all()
    return sorted(members, key=lambda m: m.relation != MemberRelation.PARTICIPANT)


def _trajectories(household: Household) -> list[Trajectory]:
    return list(
        Trajectory.objects.filter(household=household)
        .select_related(
            "buddy",
            "backup",
            "referral__organisation",
            "referral",
            "intake",
            "evaluation__entered_by",
        )
        .prefetch_related(
            Prefetch("phase_changes", queryset=PhaseChange.objects.select_related("by")),
            Prefetch("extensions", queryset=TrajectoryExtension.objects.select_related("by")),
            Prefetch(
                "assessments",
                queryset=Assessment.objects.select_related(
                    "recorded_by", "framework"
                ).prefetch_related("scores__domain__levels"),
            ),
            Prefetch("contacts", queryset=Contact.objects.select_related("by").order_by("on")),
            Prefetch(
                "appointments",
                queryset=Appointment.objects.select_related("by").order_by("starts_at", "id"),
            ),
            Prefetch("goals", queryset=_GOALS),
            Prefetch("goal_proposals", queryset=_PROPOSALS),
            Prefetch("signals", queryset=_SIGNALS),
            Prefetch("doorbraak_cases", queryset=_CASES),
            Prefetch("network_maps", queryset=_NETWORK_MAPS),
            Prefetch("outcomes", queryset=_OUTCOMES),
            "follow_ups__recorded_by",
            "follow_ups__answers__outcome",
        )
        .order_by("referred_on", "id")
    )


# A plan's goals with their actions and notes, oldest first (two more queries).
_GOALS = (
    Goal.objects.select_related("domain", "created_by")
    .prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("organisation")),
        Prefetch(
            "notes",
            queryset=ProgressNote.objects.select_related("author").order_by("written_on", "id"),
        ),
    )
    .order_by("created_at", "id")
)


# The goals the participant proposed herself, oldest first (one more query).
_PROPOSALS = GoalProposal.objects.select_related("domain", "goal", "decided_by").order_by(
    "created_at", "id"
)


# Signals to the backup and Doorbraak cases, oldest first (three more queries).
_SIGNALS = Signal.objects.select_related(
    "raised_by", "picked_up_by", "responded_by", "closed_by", "passed_on_to"
).order_by("raised_at", "id")
_CASES = (
    DoorbraakCase.objects.select_related("opened_by")
    .prefetch_related("barrier_types", "agencies")
    .order_by("opened_on", "id")
)


# The network maps of the year with their ties, oldest first (two more queries).
_NETWORK_MAPS = (
    NetworkMap.objects.select_related("created_by")
    .prefetch_related(Prefetch("ties", queryset=Tie.objects.order_by("id")))
    .order_by("drawn_on", "id")
)


# What the household reached, oldest first (one more query).
_OUTCOMES = Outcome.objects.select_related("outcome_type", "member", "recorded_by").order_by(
    "reached_on", "id"
)


def _audit_entries(household: Household) -> list[AuditEntry]:
    # Oldest first, like a diary. The actor may have been removed since: then only the name.
    return list(
        AuditEntry.objects.filter(household=household).select_related("actor").order_by("at", "id")
    )


def _one(instance: models.Model, name: str) -> Any:
    """A reverse one-to-one (referral, intake) or None when there is none."""
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


# ---- shaping ----


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _coded(choices: type[models.Choices], value: Any) -> Data | None:
    """A coded value with its label, e.g. {"value": "active", "label": "actief jaar"}."""
    if value in (None, ""):
        return None
    try:
        label = str(choices(value).label)
    except ValueError:
        label = str(value)
    return {"value": value, "label": label}


def _person(user: User | None) -> str | None:
    return str(user) if user is not None else None


def _household(household: Household) -> Data:
    return {
        "uuid": str(household.uuid),
        "name": household.display_name,
        "programme": household.programme.name,
        "municipality": household.programme.municipality,
        "area": household.area.name,
        "street_address": household.street_address,
        "postcode": household.postcode,
        "phone": household.phone,
        "email": household.email,
        "languages": household.languages,
        "household_type": _coded(HouseholdType, household.household_type),
        "working_poor": household.working_poor,
        # The language of her pages and of what is sent to her (its code, e.g. "ar").
        "language": household.language,
        "registered_at": _moment(household.created_at),
    }


def _member(member: HouseholdMember) -> Data:
    return {
        "relation": _coded(MemberRelation, member.relation),
        "given_name": member.given_name,
        "family_name": member.family_name,
        "birth_year": member.birth_year,
    }


def _trajectory(trajectory: Trajectory) -> Data:
    referral = _one(trajectory, "referral")
    intake = _one(trajectory, "intake")
    return {
        "uuid": str(trajectory.uuid),
        "phase": _coded(Phase, trajectory.phase),
        "referred_on": _day(trajectory.referred_on),
        "buddy_found_on": _day(trajectory.paired_on),
        "active_year_started_on": _day(trajectory.matched_on),
        "aftercare_started_on": _day(trajectory.aftercare_started_on),
        "ended_on": _day(trajectory.ended_on),
        "drop_out_reason": _coded(DropOutReason, trajectory.drop_out_reason),
        "end_note": trajectory.end_note,
        "buddy": _person(trajectory.buddy),
        "backup_professional": _person(trajectory.backup),
        "phase_changes": [
            {
                "at": _moment(change.at),
                "from_phase": _coded(Phase, change.from_phase),
                "to_phase": _coded(Phase, change.to_phase),
                "by": _person(change.by),
                "note": change.note,
            }
            for change in trajectory.phase_changes.all()
        ],
        "extensions": [
            {
                "at": _moment(extension.at),
                "part": _coded(ExtendedPart, extension.part),
                "old_end": _day(extension.old_end),
                "new_end": _day(extension.new_end),
                "reason": _coded(ExtensionReason, extension.reason),
                "note": extension.note,
                "by": _person(extension.by),
            }
            for extension in trajectory.extensions.all()
        ],
        "referral": _referral(referral) if referral else None,
        "intake": _intake(intake) if intake else None,
        "assessments": [_assessment(a) for a in trajectory.assessments.all()],
        "contacts": [_contact(c) for c in trajectory.contacts.all()],
        "appointments": [_appointment(a) for a in trajectory.appointments.all()],
        "goals": [_goal(g) for g in trajectory.goals.all()],
        "goal_proposals": [_proposal(p) for p in trajectory.goal_proposals.all()],
        "signals": [_signal(x) for x in trajectory.signals.all()],
        "doorbraak_cases": [_case(c) for c in trajectory.doorbraak_cases.all()],
        "network_maps": [_network_map(m) for m in trajectory.network_maps.all()],
        "outcomes": [_outcome(o) for o in trajectory.outcomes.all()],
        "follow_ups": [_follow_up(f) for f in trajectory.follow_ups.all()],
        "evaluation": _evaluation(evaluation)
        if (evaluation := _one(trajectory, "evaluation"))
        else None,
    }


def _evaluation(evaluation: Evaluation) -> Data:
    """Her own evaluation of the year, as she (or the coordinator from paper) gave it."""
    return {
        "uuid": str(evaluation.uuid),
        "what_helped_most": evaluation.helped,
        "contact_with_the_buddy": _coded(Bond, evaluation.bond),
        "contact_with_the_buddy_in_words": evaluation.bond_words,
        "what_should_be_better": evaluation.improve,
        "mark": evaluation.mark,
        "entered": _coded(EnteredBy, evaluation.entered),
        "paper_form_dated": _day(evaluation.paper_dated),
        "entered_by": _person(evaluation.entered_by),
        "entered_at": _moment(evaluation.created_at),
    }


def _follow_up(follow_up) -> Data:
    """A follow-up after closure: per outcome whether it still held, and who recorded it."""
    return {
        "moment_in_months": follow_up.moment,
        "reachable": follow_up.reachable,
        "answers": [
            {"outcome": str(a.outcome.uuid), "answer": a.answer} for a in follow_up.answers.all()
        ],
        "note": follow_up.note,
        "recorded_by": _person(follow_up.recorded_by),
        "recorded_as": follow_up.recorded_as,
    }


def _outcome(outcome: Outcome) -> Data:
    return {
        "uuid": str(outcome.uuid),
        "outcome": {"value": outcome.outcome_type.code, "label": outcome.outcome_type.label},
        "reached_on": _day(outcome.reached_on),
        "member": outcome.member.given_name if outcome.member else None,
        "details": outcome.details,
        "evidence": outcome.evidence,
        "recorded_by": _person(outcome.recorded_by),
    }


def _referral(referral: Referral) -> Data:
    return {
        "referred_by": referral.organisation.name,
        "referrer_name": referral.referrer_name,
        "reason": referral.reason,
        "stress_sources": referral.stress_sources,
        "wishes_for_the_buddy": referral.preferences,
        "preferred_gender_of_the_buddy": _coded(Gender, referral.preferred_gender),
        "consent_given_on": _day(referral.consent_on),
        "consent_method": _coded(ConsentMethod, referral.consent_method),
    }


def _intake(intake: Intake) -> Data:
    return {
        "held_on": _day(intake.held_on),
        "stress_now": intake.stress_now,
        "stress_sources": intake.stress_source_list,
        "wishes": intake.wishes,
        "strengths": intake.strengths,
        "who_helps": intake.network,
        "availability_slots": intake.availability_slots,
        "availability": intake.availability,
        "notes": intake.notes,
    }


def _assessment(assessment: Assessment) -> Data:
    return {
        "moment": _coded(Moment, assessment.moment),
        "held_on": _day(assessment.held_on),
        "framework": {
            "slug": assessment.framework.slug,
            "version": assessment.framework.version,
            "name": assessment.framework.display_name,
        },
        "with_participant": assessment.with_participant,
        "with_buddy": assessment.with_buddy,
        "with_backup_professional": assessment.with_backup,
        "note": assessment.note,
        "recorded_by": _person(assessment.recorded_by),
        "scores": [
            {
                "domain": {"value": score.domain.code, "label": score.domain.display_name},
                "level": _level(score, score.level),
                "wanted_level": _level(score, score.wanted_level),
                "note": score.note,
            }
            for score in assessment.scores.all()
        ],
    }


def _level(score: DomainScore, value: int) -> Data:
    """A level in the wording of the framework version the assessment used."""
    level = score.level_on_scale(value)
    return {"value": value, "label": f"{value} – {level.display_label}" if level else str(value)}


def _contact(contact: Contact) -> Data:
    return {
        "on": _day(contact.on),
        "kind": _coded(ContactKind, contact.kind),
        "minutes": contact.minutes,
        "note": contact.note,
        "by": _person(contact.by),
    }


def _appointment(appointment: Appointment) -> Data:
    return {
        "starts_at": _moment(appointment.starts_at),
        "minutes": appointment.minutes,
        "kind": _coded(AppointmentKind, appointment.kind),
        "place": appointment.place,
        "purpose": appointment.purpose,
        "cancelled_at": _moment(appointment.cancelled_at),
        "by": _person(appointment.by),
    }


def _signal(signal: Signal) -> Data:
    return {
        "uuid": str(signal.uuid),
        "kind": _coded(SignalKind, signal.kind),
        "description": signal.description,
        "status": _coded(SignalStatus, signal.status),
        "raised_at": _moment(signal.raised_at),
        "raised_by": _person(signal.raised_by),
        "picked_up_at": _moment(signal.picked_up_at),
        "picked_up_by": _person(signal.picked_up_by),
        "responded_at": _moment(signal.responded_at),
        "responded_by": _person(signal.responded_by),
        "response": signal.response,
        "passed_on_to": signal.passed_on_label or None,
        "closed_at": _moment(signal.closed_at),
        "closed_by": _person(signal.closed_by),
    }


def _case(case: DoorbraakCase) -> Data:
    return {
        "uuid": str(case.uuid),
        "barrier": case.barrier,
        "blocking_rule": case.blocking_rule,
        "kinds_of_barrier": [t.display_name for t in case.barrier_types.all()],
        "agencies": [t.display_name for t in case.agencies.all()],
        "solution": case.solution,
        "decided_by": case.decided_by,
        "costs_in_euros": str(case.costs) if case.costs is not None else None,
        "opened_on": _day(case.opened_on),
        "solved_on": _day(case.solved_on),
        "freed_life_domains": list(case.freed_domains),
        "lesson_for_policy": case.lesson,
        "opened_by": _person(case.opened_by),
    }


def _goal(goal: Goal) -> Data:
    return {
        "uuid": str(goal.uuid),
        "life_domain": {"value": goal.domain.code, "label": goal.domain.display_name},
        "text": goal.text,
        "in_the_words_of": _coded(WrittenBy, goal.written_by),
        "calm_at_the_base": goal.basic_calm,
        "target_on": _day(goal.target_on),
        "status": _coded(GoalStatus, goal.status),
        "status_reason": goal.status_reason,
        "status_changed_on": _day(goal.status_changed_on),
        "created_by": _person(goal.created_by),
        "created_at": _moment(goal.created_at),
        "actions": [_action(a) for a in goal.actions.all()],
        "notes": [_progress_note(n) for n in goal.notes.all()],
    }


def _proposal(proposal: GoalProposal) -> Data:
    return {
        "uuid": str(proposal.uuid),
        "text": proposal.text,
        "life_domain": proposal.domain.code if proposal.domain else None,
        "status": _coded(ProposalStatus, proposal.status),
        "proposed_at": _moment(proposal.created_at),
        "decided_by": _person(proposal.decided_by),
        "decided_at": _moment(proposal.decided_at),
        "goal": str(proposal.goal.uuid) if proposal.goal else None,
    }


def _action(action: Action) -> Data:
    return {
        "who": _coded(ActionBy, action.who),
        "organisation": action.who_label if action.who == ActionBy.ORGANISATION else None,
        "what": action.what,
        "due_on": _day(action.due_on),
        "done_on": _day(action.done_on),
    }


def _progress_note(note: ProgressNote) -> Data:
    return {
        "written_on": _day(note.written_on),
        "text": note.text,
        "small_success": note.is_success,
        "celebrated_at": _moment(note.celebrated_at),
        "in_the_participants_own_words": note.by_participant,
        "status_change": _coded(GoalStatus, note.status_change),
        "earlier_wording": note.previous_text,
        "by": _person(note.author),
    }


def _network_map(network_map: NetworkMap) -> Data:
    return {
        "uuid": str(network_map.uuid),
        "moment": _coded(NetworkMoment, network_map.moment),
        "drawn_on": _day(network_map.drawn_on),
        "what_goes_well": network_map.strengths,
        "made_by": _person(network_map.created_by),
        "ties": [
            {
                "name": tie.name,
                "kind": _coded(TieKind, tie.kind),
                "organisation": tie.is_organisation,
                "strength": _coded(Strength, tie.strength),
                "what_it_does": _coded(Flow, tie.flow),
                "note": tie.note,
            }
            for tie in network_map.ties.all()
        ],
    }


def _consent(consent: Consent) -> Data:
    return {
        "uuid": str(consent.uuid),
        "recipient": _coded(Recipient, consent.recipient),
        # the organisation she named, for a consent to a named organisation
        "organisation": consent.organisation.name if consent.organisation else None,
        "parts": [_coded(FilePart, part.value) for part in consent.parts],
        "starts_on": _day(consent.starts_on),
        "ends_on": _day(consent.ends_on),
        "method": _coded(ConsentMethod, consent.method),
        "recorded_by": _person(consent.recorded_by),
        "recorded_at": _moment(consent.recorded_at),
        "withdrawn_at": _moment(consent.withdrawn_at),
    }


def _documents(household: Household) -> models.QuerySet[Document]:
    return Document.objects.filter(household=household).defer("content").order_by("uploaded_at")


def document_path(document: Document) -> str:
    """Where the file lies in the ZIP: named by its id, never by a name someone typed."""
    return f"documents/{document.uuid}.{EXTENSIONS[FileKind(document.kind)]}"


def document_files(household: Household) -> dict[str, bytes]:
    """Every document of the household, by its place in the ZIP."""
    return {
        document_path(d): d.content
        for d in Document.objects.filter(household=household).order_by("uploaded_at")
    }


def _document(document: Document) -> Data:
    return {
        "uuid": str(document.uuid),
        "name": document.name,
        "kind": _coded(FileKind, document.kind),
        "part": _coded(FilePart, document.part),
        "size_bytes": document.size,
        "added_at": _moment(document.uploaded_at),
        "added_by": _person(document.uploaded_by),
        "file": document_path(document),
    }


def _portal_account(household: Household) -> Data | None:
    account = ParticipantAccount.objects.filter(household=household).select_related("user").first()
    if account is None:
        return None
    return {
        "login_name": account.user.get_username(),
        "email": account.user.email,
        "created_at": _moment(account.created_at),
    }


def _role(value: str) -> Data | None:
    if not value:
        return None
    if value in _OTHER_ROLES:
        return {"value": value, "label": str(_OTHER_ROLES[value])}
    return _coded(Role, value)


def _audit_entry(entry: AuditEntry) -> Data:
    return {
        "at": _moment(entry.at),
        "who": _person(entry.actor) or entry.actor_name,
        "role": _role(entry.role),
        "action": _coded(AuditAction, entry.action),
        "detail": entry.detail,
        "purpose": entry.purpose,
    }


# ---- the ZIP ----


def readme() -> str:
    """The ZIP's README.txt, in the active language (the labels' language: hers)."""
    title = pgettext("participant", "All data about your household in kansrijk")
    parts = [
        title,
        "=" * len(title),
        "",
        pgettext(
            "participant",
            "This file holds everything kansrijk keeps about your household. You may keep it, "
            "read it and give it to another organisation.",
        ),
        "",
        "household.json",
        pgettext(
            "participant",
            "The data in JSON, an open format that other programs can read:",
        ),
        "- household: " + pgettext("participant", "name, address and how we reach you"),
        "- members: " + pgettext("participant", "the people in your household"),
        "- trajectories: "
        + pgettext(
            "participant",
            "each journey, with its phases, the referral, the intake, the assessments with "
            "scores, the contacts, the goals with steps and small successes, the notes, the "
            "signals to the backup professional, the Doorbraak cases and the network maps",
        ),
        "- consents: " + pgettext("participant", "who may see which part of your file"),
        "- documents: "
        + pgettext(
            "participant",
            "the documents with your file (letters, forms); each file is in the folder documents/",
        ),
        "- portal_account: " + pgettext("participant", "your login for your own page (if any)"),
        "- audit_log: " + pgettext("participant", "who looked at or changed your file, and when"),
        "",
        "README.txt  " + pgettext("participant", "This explanation."),
        "",
        pgettext(
            "participant",
            "Dates are written as YYYY-MM-DD, times with their time zone (Dutch time).",
        ),
        pgettext(
            "participant",
            'A choice is written as "value" (the code) with "label" (the text in your language).',
        ),
        pgettext(
            "participant",
            'A "uuid" is a random number by which kansrijk knows a piece of data.',
        ),
        pgettext(
            "participant",
            "Is something wrong? Ask your coordinator to correct it or to erase it.",
        ),
    ]
    return "\n".join(parts) + "\n"


def _readme_in(language: str) -> str:
    with translation.override(language):
        return readme()


def export_zip(data: Data, documents: dict[str, bytes] | None = None) -> bytes:
    """`household.json`, `README.txt` and the documents' files (`document_files`) in a ZIP
    file, dated at the moment of the export."""
    stamp = dt.datetime.fromisoformat(data["exported_at"]).timetuple()[:6]
    files: dict[str, str | bytes] = {
        "household.json": json.dumps(data, ensure_ascii=False, indent=2) + "\n",
        "README.txt": _readme_in(data["labels_language"]),
        **(documents or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode() if isinstance(text, str) else text)
    return buffer.getvalue()
