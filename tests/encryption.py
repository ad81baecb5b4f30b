"""What the database really stores for an encrypted field, read past the ORM with plain SQL."""

from dataclasses import dataclass

from cryptography.fernet import Fernet
from django.conf import settings
from django.db import connection, models

from kansrijk.academy.models import Candidate, CheckIn, Interview
from kansrijk.assessments.models import Assessment, DomainScore
from kansrijk.contacts.models import Appointment, Contact
from kansrijk.core.fields import encrypted_fields
from kansrijk.escalation.models import DoorbraakCase, Signal
from kansrijk.intake.models import Intake, Referral
from kansrijk.network.models import NetworkMap, Tie
from kansrijk.outcomes.models import Outcome
from kansrijk.plans.models import Action, Goal, ProgressNote
from kansrijk.trajectories.models import PhaseChange, Trajectory
from tests.factories import (
    ActionFactory,
    AppointmentFactory,
    AssessmentFactory,
    CandidateFactory,
    CheckInFactory,
    ContactFactory,
    DomainScoreFactory,
    DoorbraakCaseFactory,
    GoalFactory,
    IntakeFactory,
    InterviewFactory,
    NetworkMapFactory,
    OutcomeFactory,
    PhaseChangeFactory,
    ProgressNoteFactory,
    ReferralFactory,
    SignalFactory,
    TieFactory,
    TrajectoryFactory,
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


def assert_encrypted_at_rest(instance: models.Model, field_name: str, text: str) -> None:
    """The database holds a Fernet token of the first key for `text`; the ORM gives `text` back."""
    raw = stored(instance, field_name)
    assert raw != text
    assert raw.startswith(TOKEN_PREFIX)
    assert text not in raw
    first_key = Fernet(settings.FIELD_ENCRYPTION_KEYS[0])
    assert first_key.decrypt(raw.encode()).decode() == text
    fresh = type(instance)._base_manager.get(pk=instance.pk)
    assert getattr(fresh, field_name) == text


@dataclass(frozen=True)
class Note:
    instance: models.Model
    field_name: str
    text: str

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
        Referral: ReferralFactory,
        Signal: SignalFactory,
        Tie: TieFactory,
        Trajectory: TrajectoryFactory,
        Goal: GoalFactory,
        Action: ActionFactory,
        ProgressNote: ProgressNoteFactory,
        Outcome: OutcomeFactory,
        Candidate: CandidateFactory,
        Interview: InterviewFactory,
        CheckIn: CheckInFactory,
    }
    by_model: dict[type[models.Model], list[str]] = {}
    for model, field in encrypted_fields():
        by_model.setdefault(model, []).append(field.name)
    notes = []
    for model, names in by_model.items():
        texts = {name: f"{model._meta.label}.{name}: de deurwaarder, één brief." for name in names}
        instance = factories[model](**texts)
        notes += [Note(instance, name, text) for name, text in texts.items()]
    return notes
