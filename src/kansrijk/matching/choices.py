"""Choices of the matching app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.people.choices import Gender

from .scoring import Strength

# A buddy's gender and the one a participant prefers are one vocabulary, which the referral
# already speaks (`people.choices`); matching names it here too.
__all__ = ["Gender", "ProposalStatus", "Side", "WishStrength"]


class WishStrength(models.TextChoices):
    MUST = Strength.MUST.value, _("must")
    NICE = Strength.NICE.value, _("would be nice")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    CHOSEN = "chosen", _("chosen by the participant")
    INTRODUCED = "introduced", _("introduction planned")
    ACCEPTED = "accepted", _("both said yes")
    DECLINED = "declined", _("declined")


class Side(models.TextChoices):
    PARTICIPANT = "participant", _("the participant")
    BUDDY = "buddy", _("the buddy")
