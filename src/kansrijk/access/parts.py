"""Where each thing in a household's file belongs: the one map from what is shown to its part.

Consent is given part by part (`FilePart`). Which part a contact note, a network tie or a
Doorbraak case belongs to is decided here and nowhere else: pages, the timeline, forms, e-mails
and exports ask `PLACES` (through `Sight` or `access.policy.may_see`), and the part-level leak
matrix (tests/test_part_leak_matrix.py) reads the same map to know what each visitor may see.

A content's `recipients` say which kinds of consent reach it: the backup professional, Doorbraak
professionals, and a named organisation (`Recipient.ORGANISATION`: the people of the
organisation the participant named, the one that referred her among them). Most content reaches
all three with its part; signals, outcomes, documents and Doorbraak cases reach fewer.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ALL_PARTS, FilePart, Recipient

EVERY_RECIPIENT = frozenset(Recipient)


class Content(models.TextChoices):
    """What a household's file holds, in the pieces that consent can tell apart."""

    HOUSEHOLD = "household", _("name, address and members")
    CONTACT = "contact", _("when and how contact was made")
    CONTACT_NOTE = "contact_note", _("the note of a contact")
    CONTACT_GOALS = "contact_goals", _("the goals a contact was about")
    APPOINTMENT = "appointment", _("when and how the next meeting is")
    APPOINTMENT_DETAILS = "appointment_details", _("where a meeting is, and what it is for")
    REFERRAL_WISHES = "referral_wishes", _("wishes for the buddy")
    REFERRAL_REASON = "referral_reason", _("why the household was referred, and its stress")
    INTAKE_WISHES = "intake_wishes", _("what the participant wants, strengths, visiting times")
    INTAKE_STRESS = "intake_stress", _("what causes the most stress, and other intake notes")
    ASSESSMENT_SCORES = "assessment_scores", _("assessment scores")
    ASSESSMENT_NOTE = "assessment_note", _("the notes of an assessment")
    PLAN = "plan", _("goals, steps, progress notes and small successes")
    NETWORK = "network", _("the household's network")
    END_NOTE = "end_note", _("the note at the end of the journey or a phase")
    OUTCOME = "outcome", _("what the household reached")
    SIGNAL = "signal", _("signals to the backup professional")
    DOORBRAAK_CASE = "doorbraak_case", _("Doorbraak cases")
    # A document (a scan, a letter) is kept in the part chosen when it was added.
    DOCUMENT_BASIC = "document_basic", _("documents with the basic details")
    DOCUMENT_PLAN = "document_plan", _("documents with the wishes and plan")
    DOCUMENT_ASSESSMENTS = "document_assessments", _("documents with the assessments")
    DOCUMENT_SENSITIVE = "document_sensitive", _("sensitive documents")


@dataclass(frozen=True)
class Place:
    """The part a piece of content belongs to, and which recipients of consent for that part
    it reaches (a signal is written to the backup professional, not to a Doorbraak
    professional or a named organisation, whatever parts they were given)."""

    part: FilePart
    recipients: frozenset[Recipient] = EVERY_RECIPIENT


PLACES: dict[Content, Place] = {
    Content.HOUSEHOLD: Place(FilePart.BASIC),
    Content.CONTACT: Place(FilePart.BASIC),
    Content.CONTACT_NOTE: Place(FilePart.SENSITIVE),
    Content.CONTACT_GOALS: Place(FilePart.PLAN),
    # A planned meeting is a contact to come: its day, hour and way (a visit, by phone or app)
    # are basic details like a contact's. Its place and purpose are free text that can say
    # what a note says ("at the debt counsellor's", "to the GP together"): sensitive.
    Content.APPOINTMENT: Place(FilePart.BASIC),
    Content.APPOINTMENT_DETAILS: Place(FilePart.SENSITIVE),
    Content.REFERRAL_WISHES: Place(FilePart.PLAN),
    Content.REFERRAL_REASON: Place(FilePart.SENSITIVE),
    Content.INTAKE_WISHES: Place(FilePart.PLAN),
    Content.INTAKE_STRESS: Place(FilePart.SENSITIVE),
    Content.ASSESSMENT_SCORES: Place(FilePart.ASSESSMENTS),
    Content.ASSESSMENT_NOTE: Place(FilePart.SENSITIVE),
    Content.PLAN: Place(FilePart.PLAN),
    Content.NETWORK: Place(FilePart.PLAN),
    Content.END_NOTE: Place(FilePart.SENSITIVE),
    # Outcomes are recorded by the people who coach: the backup with basic consent, not the
    # Doorbraak professional or a named organisation.
    Content.OUTCOME: Place(FilePart.BASIC, frozenset({Recipient.BACKUP})),
    Content.SIGNAL: Place(FilePart.BASIC, frozenset({Recipient.BACKUP})),
    Content.DOORBRAAK_CASE: Place(
        FilePart.BASIC, frozenset({Recipient.BACKUP, Recipient.DOORBRAAK})
    ),
    # A document is for the people who work around the household: of those who need consent,
    # only the backup professional reads it, in the part it was added to.
    Content.DOCUMENT_BASIC: Place(FilePart.BASIC, frozenset({Recipient.BACKUP})),
    Content.DOCUMENT_PLAN: Place(FilePart.PLAN, frozenset({Recipient.BACKUP})),
    Content.DOCUMENT_ASSESSMENTS: Place(FilePart.ASSESSMENTS, frozenset({Recipient.BACKUP})),
    Content.DOCUMENT_SENSITIVE: Place(FilePart.SENSITIVE, frozenset({Recipient.BACKUP})),
}

# The content a document of each part is.
DOCUMENTS: dict[FilePart, Content] = {
    FilePart.BASIC: Content.DOCUMENT_BASIC,
    FilePart.PLAN: Content.DOCUMENT_PLAN,
    FilePart.ASSESSMENTS: Content.DOCUMENT_ASSESSMENTS,
    FilePart.SENSITIVE: Content.DOCUMENT_SENSITIVE,
}


def recipients_of(content: Content) -> frozenset[Recipient]:
    """Which recipients of consent this content can reach at all (with its part)."""
    return PLACES[content].recipients


class Sight:
    """What one viewer may see of one file, given the parts their access grants.

    `sight.contact_note` is true when the viewer's parts hold the part a contact note belongs
    to; templates ask it by name, so no template knows which part anything lives in.
    """

    def __init__(self, parts: frozenset[FilePart]) -> None:
        self.parts = parts

    def __getattr__(self, name: str) -> bool:
        try:
            content = Content(name)
        except ValueError:
            raise AttributeError(name) from None
        return self.shows(content)

    def shows(self, content: Content) -> bool:
        return PLACES[content].part in self.parts

    @property
    def whole_file(self) -> bool:
        return self.parts == ALL_PARTS
