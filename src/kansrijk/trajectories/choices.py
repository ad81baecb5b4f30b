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
    "ExtendedPart",
    "ExtensionReason",
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


class ExtendedPart(models.TextChoices):
    ACTIVE_YEAR = "active_year", _("the active year")
    AFTERCARE = "aftercare", _("the aftercare")


class ExtensionReason(models.TextChoices):
    """Why a buddy stays longer ("zo lang als nodig"); the note may say more."""

    GOALS_UNDER_WAY = "goals_under_way", _("goals are well under way and need more time")
    CALM_NOT_YET = "calm_not_yet", _("there is no calm at the base yet")
    DOORBRAAK_RUNNING = "doorbraak_running", _("a Doorbraak case is still running")
    LATE_START = "late_start", _("the year started late or was interrupted")
    OTHER = "other", _("another reason")
