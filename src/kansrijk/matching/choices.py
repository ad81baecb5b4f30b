"""Choices of the matching app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .scoring import Strength


class Gender(models.TextChoices):
    WOMAN = "woman", _("woman")
    MAN = "man", _("man")
    OTHER = "other", _("other")
    UNSAID = "unsaid", _("would rather not say")


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
