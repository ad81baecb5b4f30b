from django.db import models
from django.utils.translation import gettext_lazy as _

# The life domains and their scales live in `kansrijk.frameworks`: each programme chooses one.


class Moment(models.TextChoices):
    START = "start", _("start")
    HALFWAY = "halfway", _("halfway")
    END = "end", _("end")
    EXTRA = "extra", _("extra")


class Direction(models.TextChoices):
    """How a domain moved since the previous assessment."""

    UP = "up", _("went up")
    SAME = "same", _("stayed the same")
    DOWN = "down", _("went down")
