from django.db import models
from django.utils.translation import gettext_lazy as _


class Domain(models.TextChoices):
    """The five life domains (leefgebieden) the programmes work on."""

    HOME = "home", _("home situation")
    WELLBEING = "wellbeing", _("well-being")
    FINANCES = "finances", _("finances")
    EDUCATION = "education", _("education")
    WORK = "work", _("work")


class Moment(models.TextChoices):
    START = "start", _("start")
    HALFWAY = "halfway", _("halfway")
    END = "end", _("end")
    EXTRA = "extra", _("extra")


class Level(models.IntegerChoices):
    """Our own plain-language wording of a five-step scale (not a licensed instrument)."""

    CRISIS = 1, _("1 – in crisis: needs help right now")
    VULNERABLE = 2, _("2 – vulnerable: just getting by")
    STABLE = 3, _("3 – stable: calm, but fragile")
    SECURE = 4, _("4 – secure: doing well")
    INDEPENDENT = 5, _("5 – independent: strong on their own")
