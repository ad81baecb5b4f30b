"""Follow-up after closure: whether what a household reached still holds, 6 and 12 months on.

One `FollowUp` per closed trajectory and moment (never two: a constraint says so), with one
`FollowUpAnswer` per outcome of that trajectory. When the household could not be reached, the
follow-up says so and every answer is "not reachable". Recorded by the coordinator, or by the
participant herself in her portal (`recorded_as`). Imported into `outcomes.models`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.fields import EncryptedTextField
from kansrijk.core.models import PublicIdModel, recorded_by_field
from kansrijk.trajectories.models import Trajectory

from ..models import Outcome
from .choices import Answer, Moment, RecordedBy


class FollowUp(PublicIdModel):
    """Asked at a moment after closure: does what was reached still hold?"""

    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    moment = models.PositiveSmallIntegerField(_("moment"), choices=Moment.choices)
    reachable = models.BooleanField(_("household reached"), default=True)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = recorded_by_field(_("recorded by"))
    recorded_as = models.CharField(_("recorded as"), max_length=12, choices=RecordedBy.choices)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["trajectory", "moment"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            # Never twice: two tabs or a coordinator and the participant at once make one.
            models.UniqueConstraint(
                fields=["trajectory", "moment"], name="follow_up_once_per_moment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trajectory} {self.get_moment_display()}"


class FollowUpAnswer(models.Model):
    """Whether one outcome still holds at the follow-up's moment."""

    follow_up = models.ForeignKey(
        FollowUp, verbose_name=_("follow-up"), on_delete=models.CASCADE, related_name="answers"
    )
    outcome = models.ForeignKey(
        Outcome,
        verbose_name=_("outcome"),
        on_delete=models.CASCADE,
        related_name="follow_up_answers",
    )
    answer = models.CharField(_("answer"), max_length=12, choices=Answer.choices)
    # The follow-up's moment again, so the reports count "still holds after 12 months" with a
    # subquery on this table alone.
    moment = models.PositiveSmallIntegerField(_("moment"), choices=Moment.choices)

    class Meta:
        verbose_name = _("follow-up answer")
        verbose_name_plural = _("follow-up answers")
        constraints = [
            models.UniqueConstraint(fields=["follow_up", "outcome"], name="follow_up_answer_once"),
        ]
        indexes = [
            # sustained_counts(): the outcomes answered "still holds" at a moment
            models.Index(fields=["moment", "answer", "outcome"], name="follow_up_answer_count"),
        ]

    def __str__(self) -> str:
        return f"{self.outcome}: {self.get_answer_display()}"
