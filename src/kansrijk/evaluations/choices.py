from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Bond(models.TextChoices):
    """How the contact with the buddy felt, in the participant's words (a choice, then words)."""

    VERY_GOOD = "very_good", pgettext_lazy("participant", "very good")
    GOOD = "good", pgettext_lazy("participant", "good")
    OKAY = "okay", pgettext_lazy("participant", "okay")
    NOT_GOOD = "not_good", pgettext_lazy("participant", "not so good")
    BAD = "bad", pgettext_lazy("participant", "bad")


class EnteredBy(models.TextChoices):
    """Who typed the answers in: the participant herself, or the coordinator from paper."""

    PARTICIPANT = "participant", _("by the participant, in the portal")
    PAPER = "paper", _("from a paper form, by the coordinator")


# The marks a participant can give, and the bands the reports count them in: small bands
# would point at few people, so the low marks share one.
MARKS = range(1, 11)
MARK_BANDS: tuple[tuple[int, int], ...] = ((1, 5), (6, 6), (7, 7), (8, 8), (9, 10))
