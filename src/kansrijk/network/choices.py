from django.db import models
from django.utils.translation import gettext_lazy as _


class TieKind(models.TextChoices):
    """Where a tie belongs: each kind gets its own sector of the map, in this order."""

    FAMILY = "family", _("family")
    FRIENDS = "friends", _("friends")
    NEIGHBOURS = "neighbours", _("neighbours")
    SCHOOL = "school", _("school")
    WORK = "work", _("work")
    CARE = "care", _("GP, care")
    HELP = "help", _("WIJ, help")
    FAITH = "faith", _("church, mosque")
    CLUBS = "clubs", _("sport, clubs")
    OTHER = "other", _("other")


class Strength(models.TextChoices):
    """How strong a tie is. On the map: a solid, dashed or dotted line (never colour only)."""

    STRONG = "strong", _("strong")
    NORMAL = "normal", _("normal")
    WEAK = "weak", _("weak or strained")


# From weak to strong: a tie that moves right in this list got stronger.
STRENGTH_ORDER = (Strength.WEAK, Strength.NORMAL, Strength.STRONG)


class Flow(models.TextChoices):
    """What a tie does for the household: it gives support, costs energy, or both."""

    SUPPORT = "support", _("gives support")
    COSTS = "costs", _("costs energy")
    BOTH = "both", _("both")


# Ties that give support (also those that cost energy as well).
SUPPORTING = (Flow.SUPPORT, Flow.BOTH)
DRAINING = (Flow.COSTS, Flow.BOTH)


class Moment(models.TextChoices):
    """When a map was drawn. A year has at most one start, halfway and end map."""

    START = "start", _("start")
    HALFWAY = "halfway", _("halfway")
    END = "end", _("end")
    OTHER = "other", _("another moment")


# Moments a year has only once; "another moment" may come as often as needed.
ONCE_A_YEAR = (Moment.START, Moment.HALFWAY, Moment.END)
