from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalKind(models.TextChoices):
    QUESTION = "question", _("question")
    WORRY = "worry", _("worry")
    URGENT = "urgent", _("urgent safety concern")


class SignalStatus(models.TextChoices):
    """The life cycle: open → picked up → answered / passed on / escalated → closed."""

    OPEN = "open", _("open")
    PICKED_UP = "picked_up", _("picked up")
    ANSWERED = "answered", _("answered")
    PASSED_ON = "passed_on", _("passed on to another organisation")
    ESCALATED = "escalated", _("escalated to Doorbraak")
    CLOSED = "closed", _("closed")


# Waiting for the backup professional: nobody has responded yet.
WAITING = (SignalStatus.OPEN, SignalStatus.PICKED_UP)
# The backup professional responded; closing is the last step.
RESPONDED = (SignalStatus.ANSWERED, SignalStatus.PASSED_ON, SignalStatus.ESCALATED)
NOT_CLOSED = (*WAITING, *RESPONDED)


class TagKind(models.TextChoices):
    BARRIER = "barrier", _("kind of barrier")
    AGENCY = "agency", _("agency")
