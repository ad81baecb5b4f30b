from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Where a buddy candidate stands in the selection, in order."""

    APPLIED = "applied", _("applied")
    INTERVIEW = "interview", _("interview")
    VOG = "vog", _("certificate of conduct")
    REFERENCES = "references", _("reference check")
    AGREEMENT = "agreement", _("agreement")
    TRAINING = "training", _("training")
    ACTIVE = "active", _("active buddy")
    REJECTED = "rejected", _("not selected")
    ENDED = "ended", _("stopped as buddy")


# The columns of the coordinators' board, left to right.
BOARD_STAGES = (
    Stage.APPLIED,
    Stage.INTERVIEW,
    Stage.VOG,
    Stage.REFERENCES,
    Stage.AGREEMENT,
    Stage.TRAINING,
    Stage.ACTIVE,
)
OPEN_STAGES = BOARD_STAGES[:-1]


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("enrolled")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class Answer(models.TextChoices):
    UNANSWERED = "", _("no answer yet")
    YES = "yes", _("coming")
    NO = "no", _("not coming")


class PauseReason(models.TextChoices):
    HOLIDAY = "holiday", _("holiday")
    ILLNESS = "illness", _("illness")
    OTHER = "other", _("other reason")


class Scale(models.IntegerChoices):
    """Five steps for load and wellbeing in a check-in: 1 is low, 5 is high."""

    ONE = 1, "1"
    TWO = 2, "2"
    THREE = 3, "3"
    FOUR = 4, "4"
    FIVE = 5, "5"


class Block(models.TextChoices):
    """Why a buddy may not be matched now."""

    PAUSED = "paused", _("is taking a break")
    TRAINING = "training", _("has not attended the required Academie courses")
    UNTRAINED = "untrained", _("has not finished the buddy training")
    VOG = "vog", _("has no valid certificate of conduct (VOG)")
