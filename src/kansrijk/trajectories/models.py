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
from kansrijk.people.models import Area, Household, Programme

from .choices import DropOutReason, ExtendedPart, ExtensionReason, Phase

ACTIVE_YEAR_MONTHS = 12
HALFWAY_MONTHS = 6
AFTERCARE_MAX_MONTHS = 6
# "Zo lang als nodig", within bounds: extensions together add at most this many months to the
# journey. The active year ends at the latest ACTIVE_YEAR_MONTHS + EXTENSION_MAX_MONTHS after
# its start, the aftercare at the latest ACTIVE_YEAR_MONTHS + AFTERCARE_MAX_MONTHS +
# EXTENSION_MAX_MONTHS after it (30 months), so a whole journey still fits in the three years a
# consent may run.
EXTENSION_MAX_MONTHS = 12


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
    # The household's programme, kept on the journey too: the reports and the coordinator's
    # pages narrow on it first, without joining the households. It changes only with the
    # household's, when a transfer moves both (`services.move_to_programme`).
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
    # The new end of an extended active year or aftercare (`TrajectoryExtension` keeps each
    # extension); empty while it runs its standard length. Kept here so lists, reminders and
    # reports ask it in SQL without reading the extensions.
    active_year_extended_to = models.DateField(_("active year extended to"), null=True, blank=True)
    aftercare_extended_to = models.DateField(_("aftercare extended to"), null=True, blank=True)

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
    def standard_year_ends_on(self) -> dt.date | None:
        """Twelve months after the year's start, whatever extensions came later."""
        return add_months(self.matched_on, ACTIVE_YEAR_MONTHS) if self.matched_on else None

    @property
    def active_year_ends_on(self) -> dt.date | None:
        """The active year's end: the extended one when it was extended."""
        if self.matched_on is None:
            return None
        return self.active_year_extended_to or self.standard_year_ends_on

    @property
    def standard_aftercare_ends_on(self) -> dt.date | None:
        if not self.aftercare_started_on:
            return None
        return add_months(self.aftercare_started_on, AFTERCARE_MAX_MONTHS)

    @property
    def aftercare_ends_on(self) -> dt.date | None:
        """The aftercare's last day at most: the extended one when it was extended."""
        if not self.aftercare_started_on:
            return None
        return self.aftercare_extended_to or self.standard_aftercare_ends_on

    @property
    def is_extended(self) -> bool:
        return bool(self.active_year_extended_to or self.aftercare_extended_to)

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


class TrajectoryExtension(models.Model):
    """One extension of the active year or the aftercare: who, when, why, from which end to
    which. Made only by `services.trajectory_extend`, which also moves the trajectory's end."""

    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    part = models.CharField(_("what is extended"), max_length=20, choices=ExtendedPart.choices)
    old_end = models.DateField(_("end before"))
    new_end = models.DateField(_("new end"))
    reason = models.CharField(_("reason"), max_length=30, choices=ExtensionReason.choices)
    # What a person wrote about the household's situation: as sensitive as a phase note.
    note = EncryptedTextField(_("explanation"), blank=True)
    by = recorded_by_field(_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["trajectory", "at", "id"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            # An extension only ever moves an end later.
            models.CheckConstraint(
                condition=models.Q(new_end__gt=models.F("old_end")),
                name="extension_moves_the_end_later",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_part_display()}: {self.old_end} → {self.new_end}"


class PhaseCount(models.Model):
    """How many journeys of a programme's area are in one phase, kept on write (`counts`).

    Counts what the programme's coordinator sees: journeys of households that are not erased,
    in the programme that runs the journey now (`counts.key`). The services that change a phase,
    an area, a programme or an erasure update it in their own transaction; `kansrijk counters
    --check` compares it with a recount.
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="+"
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    count = models.IntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("phase count")
        verbose_name_plural = _("phase counts")
        constraints = [
            # One row per key: `counts.add` updates it, or inserts it on a miss.
            models.UniqueConstraint(
                fields=["programme", "area", "phase"], name="one_phase_count_per_area"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}/{self.area_id}/{self.phase}: {self.count}"


class FiguresVersion(models.Model):
    """A programme's figures version: a new token with every write that changes its phase
    counts (`counts.add`), so non-personal figures counted from its journeys may be cached
    under it (`reports.reach.cached_reach`). A token, not a number: a database restored from a
    backup goes back to a token whose figures were those of its data, never to a number reused
    since."""

    programme = models.OneToOneField(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    token = models.CharField(_("token"), max_length=32)

    class Meta:
        verbose_name = _("figures version")
        verbose_name_plural = _("figures versions")

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.token}"
