"""Life-domain assessments at the start, halfway and the end of the active year."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.fields import EncryptedTextField
from kansrijk.trajectories.models import Trajectory

from .choices import Domain, Level, Moment


class Assessment(models.Model):
    """Participant, buddy and backup professional look together at where things stand."""

    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    moment = models.CharField(_("moment"), max_length=10, choices=Moment.choices)
    held_on = models.DateField(_("held on"))
    with_backup = models.BooleanField(_("the backup professional took part"), default=False)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["trajectory", "held_on", "id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            # One start, one halfway and one end assessment; extra ones as often as wanted.
            models.UniqueConstraint(
                fields=["trajectory", "moment"],
                condition=~models.Q(moment="extra"),
                name="one_assessment_per_fixed_moment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trajectory.household} – {self.get_moment_display()}"


class DomainScore(models.Model):
    """Where the participant stands on one domain, and where they want to be."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="scores"
    )
    domain = models.CharField(_("life domain"), max_length=20, choices=Domain.choices)
    level = models.PositiveSmallIntegerField(_("now"), choices=Level.choices)
    wanted_level = models.PositiveSmallIntegerField(_("wants to reach"), choices=Level.choices)

    class Meta:
        ordering = ["assessment", "id"]
        verbose_name = _("domain score")
        verbose_name_plural = _("domain scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="one_score_per_domain"),
            models.CheckConstraint(
                condition=models.Q(
                    level__gte=1, level__lte=5, wanted_level__gte=1, wanted_level__lte=5
                ),
                name="levels_on_the_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_domain_display()}: {self.level} → {self.wanted_level}"
