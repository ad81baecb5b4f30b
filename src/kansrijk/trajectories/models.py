"""The one-year journey of a household: its phase, its buddy and backup, and every phase change."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.dates import add_months
from kansrijk.core.fields import EncryptedTextField
from kansrijk.core.models import (
    PublicIdModel,
    TimeStampedModel,
    VersionedModel,
    recorded_by_field,
)
from kansrijk.people.models import Household, Programme

from .choices import DropOutReason, Phase

ACTIVE_YEAR_MONTHS = 12
HALFWAY_MONTHS = 6
AFTERCARE_MAX_MONTHS = 6


class Trajectory(PublicIdModel, TimeStampedModel, VersionedModel):
    """One household's journey from referral to closure or drop-out.

    Change the phase only through the services in `services.py`: they check who may do it,
    refuse invalid moves, and record each change as a `PhaseChange`.
    """

    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="trajectories",
    )
    # The household's programme (which never changes), kept on the journey too: the reports
    # and the coordinator's pages narrow on it first, without joining the households.
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.REFERRED
    )
    buddy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("buddy"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="buddy_trajectories",
    )
    backup = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("backup professional"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="backup_trajectories",
    )
    referred_on = models.DateField(_("referred on"))
    paired_on = models.DateField(
        _("buddy found on"),
        null=True,
        blank=True,
        help_text=_("The day participant and buddy both said yes to each other."),
    )
    # The year's start (the first meeting), which every date of the year and every cohort
    # counts from; empty until someone presses "start the year" after the pairing.
    matched_on = models.DateField(_("active year started on"), null=True, blank=True)
    aftercare_started_on = models.DateField(_("aftercare started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    drop_out_reason = models.CharField(
        _("reason for dropping out"), max_length=30, choices=DropOutReason.choices, blank=True
    )
    end_note = EncryptedTextField(_("note at the end"), blank=True)

    class Meta:
        ordering = ["-referred_on"]
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        indexes = [
            # dashboard: households per phase; lists filtered by phase
            models.Index(fields=["phase", "household"], name="trajectory_by_phase"),
            # a programme's trajectories by phase and dates: the results list
            # (reports.results) and the coordinator's lists (overview.selectors)
            models.Index(
                fields=["programme", "phase", "matched_on", "ended_on"],
                name="trajectory_figures",
            ),
        ]
        constraints = [
            # A household walks one journey at a time; a new one only after the last ended.
            models.UniqueConstraint(
                fields=["household"],
                condition=~models.Q(phase__in=["closed", "dropped_out"]),
                name="one_open_trajectory_per_household",
            ),
            models.CheckConstraint(
                condition=~models.Q(phase__in=["active", "aftercare"])
                | models.Q(buddy__isnull=False, matched_on__isnull=False),
                name="coaching_has_buddy_and_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(phase="matched")
                | models.Q(buddy__isnull=False, paired_on__isnull=False, matched_on__isnull=True),
                name="matched_has_buddy_and_no_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household} ({self.get_phase_display()})"

    def save(self, *args, **kwargs) -> None:
        if self.programme_id is None:
            self.programme_id = self.household.programme_id
        super().save(*args, **kwargs)

    @property
    def halfway_on(self) -> dt.date | None:
        return add_months(self.matched_on, HALFWAY_MONTHS) if self.matched_on else None

    @property
    def active_year_ends_on(self) -> dt.date | None:
        return add_months(self.matched_on, ACTIVE_YEAR_MONTHS) if self.matched_on else None

    @property
    def aftercare_ends_on(self) -> dt.date | None:
        if not self.aftercare_started_on:
            return None
        return add_months(self.aftercare_started_on, AFTERCARE_MAX_MONTHS)

    @property
    def is_open(self) -> bool:
        return self.phase not in (Phase.CLOSED, Phase.DROPPED_OUT)


class PhaseChange(models.Model):
    """A record of one transition: from which phase to which, by whom, when."""

    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="phase_changes",
    )
    from_phase = models.CharField(_("from"), max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("to"), max_length=20, choices=Phase.choices)
    by = recorded_by_field(_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    # The close note is copied here, so it is as sensitive as `Trajectory.end_note`.
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["trajectory", "at", "id"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")

    def __str__(self) -> str:
        return f"{self.from_phase or '-'} → {self.to_phase}"
