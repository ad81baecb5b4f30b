"""Choices of the transfers app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", _("waiting for the other coordinator")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")
