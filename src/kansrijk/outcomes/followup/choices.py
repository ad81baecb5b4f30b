"""The moments of a follow-up after closure, and the answers it records per outcome."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Moment(models.IntegerChoices):
    """Months after the trajectory ended (`Trajectory.ended_on`)."""

    SIX = 6, _("6 months after closure")
    TWELVE = 12, _("12 months after closure")


class Answer(models.TextChoices):
    HOLDS = "holds", _("still holds")
    LOST = "lost", _("no longer holds")
    UNREACHABLE = "unreachable", _("not reachable")


class RecordedBy(models.TextChoices):
    COORDINATOR = "coordinator", _("the coordinator")
    PARTICIPANT = "participant", _("the participant herself")


# The follow-up of a moment stays on the coordinator's list (and in the reminders) for this many
# months after it fell due; after that it counts as "not known" in the reports. It can still be
# recorded later, from the household's follow-up page.
DUE_FOR_MONTHS = 6
