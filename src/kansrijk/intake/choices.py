from django.db import models
from django.utils.translation import gettext_lazy as _


class StressSource(models.TextChoices):
    """What weighs on the household now: the first thing the intake asks (rust aan de basis)."""

    DEBTS = "debts", _("debts")
    EVICTION = "eviction", _("threat of eviction")
    HEALTH = "health", _("health")
    NO_INCOME = "no_income", _("no income")
    CHILDREN = "children", _("what the children need")
    HOUSING = "housing", _("housing")
    LONELINESS = "loneliness", _("loneliness")
    OTHER = "other", _("something else")


class VisitSlot(models.TextChoices):
    """When a buddy can come by."""

    MORNINGS = "mornings", _("weekday mornings")
    AFTERNOONS = "afternoons", _("weekday afternoons")
    EVENINGS = "evenings", _("weekday evenings")
    WEEKEND = "weekend", _("weekend")
