"""The participant's evaluation: her own judgement of the year, asked once at the end.

One per trajectory (a unique link, so never two, also when two people send at once). The
answers in words are encrypted; only the programme's coordinator reads them, funders see
counts and the marks in bands (`reports`). Write only through `services.py`.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kansrijk.core.fields import EncryptedTextField
from kansrijk.core.models import PublicIdModel, TimeStampedModel, recorded_by_field
from kansrijk.trajectories.models import Trajectory

from .choices import Bond, EnteredBy


class Evaluation(PublicIdModel, TimeStampedModel):
    """What the participant thought of her year with Kansrijk."""

    trajectory = models.OneToOneField(
        Trajectory,
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="evaluation",
    )
    helped = EncryptedTextField(_("what helped most"), blank=True)
    bond = models.CharField(
        _("contact with the buddy"), max_length=20, choices=Bond.choices, blank=True
    )
    bond_words = EncryptedTextField(_("the contact with the buddy, in words"), blank=True)
    improve = EncryptedTextField(_("what should be better"), blank=True)
    mark = models.PositiveSmallIntegerField(_("mark (1–10)"))
    entered = models.CharField(_("entered"), max_length=20, choices=EnteredBy.choices)
    paper_dated = models.DateField(_("date on the paper form"), null=True, blank=True)
    entered_by = recorded_by_field(_("entered by"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            # The form offers 1 to 10; the database refuses anything else too.
            models.CheckConstraint(
                condition=Q(mark__gte=1, mark__lte=10), name="evaluation_mark_1_to_10"
            ),
            # A paper form carries its date; one typed in the portal has none.
            models.CheckConstraint(
                condition=Q(entered=EnteredBy.PAPER, paper_dated__isnull=False)
                | Q(entered=EnteredBy.PARTICIPANT, paper_dated__isnull=True),
                name="evaluation_paper_has_its_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trajectory} ({self.mark})"
