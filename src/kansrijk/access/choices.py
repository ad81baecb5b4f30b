from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentMethod(models.TextChoices):
    PAPER = "paper", _("signed on paper")
    IN_PERSON = "in_person", _("said in person")
    PHONE = "phone", _("said on the phone")
    PORTAL = "portal", _("given in the portal")


class Recipient(models.TextChoices):
    """Who, outside the buddy and the coordinator, a participant can let see their file: a kind
    of professional, or the people of one organisation she names (`Consent.organisation`).

    The organisation that referred her is such a named organisation: the consent "for the
    referring organisation" of earlier versions became one naming it (intake migration 0006).
    """

    BACKUP = "backup", _("the backup professional")
    DOORBRAAK = "doorbraak", _("Doorbraak professionals")
    ORGANISATION = "organisation", _("a named organisation")


class FilePart(models.TextChoices):
    """The parts of a household's file that consent is given for, one by one."""

    BASIC = "basic", _("basic details")
    PLAN = "plan", _("wishes and plan")
    ASSESSMENTS = "assessments", _("assessments")
    SENSITIVE = "sensitive", _("sensitive notes")


# The buddy and the programme's coordinator work with the whole file; others need consent.
ALL_PARTS = frozenset(FilePart)
