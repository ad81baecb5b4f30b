"""What the database really stores for an encrypted field, read past the ORM with plain SQL."""

from dataclasses import dataclass

from cryptography.fernet import Fernet
from django.conf import settings
from django.db import connection, models

from kansrijk.academy.models import Candidate, CheckIn, Interview, VogScan
from kansrijk.assessments.models import Assessment, DomainScore
from kansrijk.contacts.models import Appointment, Contact
from kansrijk.core.fields import EncryptedBinaryField, encrypted_fields
from kansrijk.documents.models import Document
from kansrijk.escalation.models import DoorbraakCase, Signal
from kansrijk.evaluations.models import Evaluation
from kansrijk.intake.models import Intake, Referral
from kansrijk.network.models import NetworkMap, Tie
from kansrijk.outcomes.models import FollowUp, Outcome
from kansrijk.partners.models import PartnerReferral
from kansrijk.plans.models import Action, Goal, GoalProposal, ProgressNote
from kansrijk.trajectories.models import PhaseChange, Trajectory, TrajectoryExtension
from kansrijk.transfers.models import Transfer
from tests.factories import (
    ActionFactory,
    AppointmentFactory,
    AssessmentFactory,
    CandidateFactory,
    CheckInFactory,
    ContactFactory,
    DocumentFactory,
    DomainScoreFactory,
    DoorbraakCaseFactory,
    EvaluationFactory,
    FollowUpFactory,
    GoalFactory,
    GoalProposalFactory,
    IntakeFactory,
    InterviewFactory,
    NetworkMapFactory,
    OutcomeFactory,
    PartnerReferralFactory,
    PhaseChangeFactory,
    ProgressNoteFactory,
    ReferralFactory,
    SignalFactory,
    TieFactory,
    TrajectoryExtensionFactory,
    TrajectoryFactory,
    TransferFactory,
    VogScanFactory,
)

TOKEN_PREFIX = "gAAAAA"


def stored(instance: models.Model, field_name: str) -> str | None:
    """The raw column value of one row, as the database holds it."""
    meta = instance._meta
    name = connection.ops.quote_name
    column = name(meta.get_field(field_name).column)
    sql = f"SELECT {column} FROM {name(meta.db_table)} WHERE {name(meta.pk.column)} = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [instance.pk])
        return cursor.fetchone()[0]


def as_bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode()


def assert_encrypted_at_rest(instance: models.Model, field_name: str, text: str | bytes) -> None:
    """The database holds a Fernet token of the first key for `text` (or a file's bytes); the
    ORM gives `text` back."""
    raw = stored(instance, field_name)
    assert raw != text
    assert raw.startswith(TOKEN_PREFIX)
    assert as_bytes(text) not in raw.encode()
    first_key = Fernet(settings.FIELD_ENCRYPTION_KEYS[0])
    assert first_key.decrypt(raw.encode()) == as_bytes(text)
    fresh = type(instance)._base_manager.get(pk=instance.pk)
    assert getattr(fresh, field_name) == text


@dataclass(frozen=True)
class Note:
    instance: models.Model
    field_name: str
    text: str | bytes

    @property
    def label(self) -> str:
        return f"{self.instance._meta.label}.{self.field_name}"


def fill_every_encrypted_field() -> list[Note]:
    """One row of each model with encrypted fields, each of those fields with its own text.

    A model that gains an encrypted field needs a factory here; the KeyError says which.
    """
    factories = {
        Assessment: AssessmentFactory,
        Contact: ContactFactory,
        Appointment: AppointmentFactory,
        DomainScore: DomainScoreFactory,
        DoorbraakCase: DoorbraakCaseFactory,
        Intake: IntakeFactory,
        NetworkMap: NetworkMapFactory,
        PhaseChange: PhaseChangeFactory,
        TrajectoryExtension: TrajectoryExtensionFactory,
        Referral: ReferralFactory,
        Signal: SignalFactory,
        Tie: TieFactory,
        Trajectory: TrajectoryFactory,
        Goal: GoalFactory,
        GoalProposal: GoalProposalFactory,
        Action: ActionFactory,
        ProgressNote: ProgressNoteFactory,
        Outcome: OutcomeFactory,
        Evaluation: EvaluationFactory,
        FollowUp: FollowUpFactory,
        Candidate: CandidateFactory,
        Interview: InterviewFactory,
        CheckIn: CheckInFactory,
        Document: DocumentFactory,
        VogScan: VogScanFactory,
        PartnerReferral: PartnerReferralFactory,
        Transfer: TransferFactory,
    }
    by_model: dict[type[models.Model], list[models.Field]] = {}
    for model, field in encrypted_fields():
        by_model.setdefault(model, []).append(field)
    notes = []
    for model, fields in by_model.items():
        texts: dict[str, str | bytes] = {}
        for field in fields:
            text = f"{model._meta.label}.{field.name}: de deurwaarder, één brief."
            texts[field.name] = text.encode() if isinstance(field, EncryptedBinaryField) else text
        instance = factories[model](**texts)
        notes += [Note(instance, name, text) for name, text in texts.items()]
    return notes
