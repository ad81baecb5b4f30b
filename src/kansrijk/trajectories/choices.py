from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.phases import (
    COACHING_PHASES,
    ENDED_PHASES,
    OPEN_PHASES,
    PAIRED_PHASES,
    Phase,
)

__all__ = [
    "COACHING_PHASES",
    "ENDED_PHASES",
    "OPEN_PHASES",
    "PAIRED_PHASES",
    "DropOutReason",
    "Phase",
]


class DropOutReason(models.TextChoices):
    PARTICIPANT_STOPPED = "participant_stopped", _("the participant chose to stop")
    NO_CONTACT = "no_contact", _("no contact anymore")
    MOVED = "moved", _("moved out of the area")
    NO_MATCH = "no_match", _("no suitable buddy found")
    OTHER_HELP = "other_help", _("other help fits better")
    HEALTH = "health", _("health reasons")
    OTHER = "other", _("other reason")
