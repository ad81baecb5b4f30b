"""The phases of a household's journey: vocabulary shared by access, trajectories and reports.

It lives in `core` because `access` (which comes before `trajectories`) must know which phases
give a buddy or backup professional a reason to see a household.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """The phases of a household's journey, in order."""

    REFERRED = "referred", _("referral")
    INTAKE = "intake", _("intake")
    MATCHING = "matching", _("matching")
    # Participant and buddy both said yes; the year starts at their first meeting.
    MATCHED = "matched", _("matched")
    ACTIVE = "active", _("active year")
    AFTERCARE = "aftercare", _("aftercare")
    CLOSED = "closed", _("closed")
    DROPPED_OUT = "dropped_out", _("dropped out")


OPEN_PHASES = (
    Phase.REFERRED,
    Phase.INTAKE,
    Phase.MATCHING,
    Phase.MATCHED,
    Phase.ACTIVE,
    Phase.AFTERCARE,
)
# Phases before the year has started: the waiting list.
WAITING_PHASES = (Phase.REFERRED, Phase.INTAKE, Phase.MATCHING, Phase.MATCHED)
# Phases in which the household has a buddy and a backup professional: from both saying yes
# (the buddy needs the file to prepare the first meeting) until the journey ends.
PAIRED_PHASES = (Phase.MATCHED, Phase.ACTIVE, Phase.AFTERCARE)
# Phases in which a buddy and backup professional work with the household: the year has started.
COACHING_PHASES = (Phase.ACTIVE, Phase.AFTERCARE)
ENDED_PHASES = (Phase.CLOSED, Phase.DROPPED_OUT)
