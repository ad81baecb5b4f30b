from django.db import models
from django.utils.translation import gettext_lazy as _


class GoalStatus(models.TextChoices):
    """Where a goal stands. An adjusted goal goes on (with its new wording); the others end it."""

    OPEN = "open", _("open")
    ACHIEVED = "achieved", _("achieved")
    ADJUSTED = "adjusted", _("adjusted")
    DROPPED = "dropped", _("dropped")


# Achieved and dropped goals are closed: no edits, no new actions or notes.
CLOSED_STATUSES = (GoalStatus.ACHIEVED, GoalStatus.DROPPED)
OPEN_STATUSES = (GoalStatus.OPEN, GoalStatus.ADJUSTED)
# These status changes need a reason, in words.
NEEDS_REASON = (GoalStatus.ADJUSTED, GoalStatus.DROPPED)


class WrittenBy(models.TextChoices):
    """Whose words a goal is in. What the participant said is shown as theirs."""

    PARTICIPANT = "participant", _("the participant")
    BUDDY = "buddy", _("the buddy")
    BACKUP = "backup", _("the backup professional")
    COORDINATOR = "coordinator", _("the coordinator")


class ActionBy(models.TextChoices):
    """Who takes an action."""

    PARTICIPANT = "participant", _("the participant")
    TOGETHER = "together", _("participant and buddy together")
    BUDDY = "buddy", _("the buddy")
    BACKUP = "backup", _("the backup professional")
    ORGANISATION = "organisation", _("another organisation")


# The actions a participant may tick off themselves in their portal: their own ones.
PARTICIPANTS_OWN = (ActionBy.PARTICIPANT, ActionBy.TOGETHER)


class ProposalStatus(models.TextChoices):
    """What became of a goal the participant proposed in her portal."""

    PROPOSED = "proposed", _("proposed")
    TAKEN = "taken", _("taken into the plan")
    DISCUSSED = "discuss", _("to talk about first")
