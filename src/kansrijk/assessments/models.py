"""Life-domain assessments at the start, halfway and the end of the active year."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.fields import EncryptedTextField
from kansrijk.core.models import recorded_by_field
from kansrijk.frameworks.models import Domain, Framework, Level
from kansrijk.trajectories.models import Trajectory

from .choices import Moment


class Assessment(models.Model):
    """Participant, buddy and backup professional look together at where things stand."""

    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    # The version whose domains and wording this assessment used; never changes afterwards.
    framework = models.ForeignKey(
        Framework,
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    moment = models.CharField(_("moment"), max_length=10, choices=Moment.choices)
    held_on = models.DateField(_("held on"))
    with_participant = models.BooleanField(_("the participant took part"), default=True)
    with_buddy = models.BooleanField(_("the buddy took part"), default=True)
    with_backup = models.BooleanField(_("the backup professional took part"), default=False)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = recorded_by_field(_("recorded by"))
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
    """Where the participant stands on one domain, and where they want to be.

    `level` and `wanted_level` are values on the domain's scale (`domain.levels`); the service
    checks them, since the scale's length differs per framework.
    """

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="scores"
    )
    domain = models.ForeignKey(
        Domain, verbose_name=_("life domain"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("now"))
    wanted_level = models.PositiveSmallIntegerField(_("wants to reach"))
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["assessment", "domain__position", "id"]
        verbose_name = _("domain score")
        verbose_name_plural = _("domain scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="one_score_per_domain"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, wanted_level__gte=1),
                name="levels_from_one",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.level} → {self.wanted_level}"

    def level_on_scale(self, value: int) -> Level | None:
        # From the prefetched scale (`scores__domain__levels`), so a page asks no more queries.
        return next((lvl for lvl in self.domain.levels.all() if lvl.value == value), None)

    @property
    def now(self) -> Level | None:
        return self.level_on_scale(self.level)

    @property
    def wanted(self) -> Level | None:
        return self.level_on_scale(self.wanted_level)

    @property
    def scale_size(self) -> int:
        return len(self.domain.levels.all())
