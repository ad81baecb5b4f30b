"""Outcomes: what a household reached (housing, work, education, …), with date and evidence.

A programme chooses its outcome types (`OutcomeType`, starting with the defaults of
`choices.DEFAULT_TYPES`, given when the programme is made); each type has a kind that says what it means, so reports can count and
word it. Record, change and remove outcomes only through `services.py`: it checks who may, asks
each kind for its own details and refuses a save that would overwrite someone else's edit.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.dates import long_date
from kansrijk.core.fields import EncryptedTextField
from kansrijk.core.models import (
    PublicIdModel,
    TimeStampedModel,
    VersionedModel,
    optional_user_field,
    recorded_by_field,
)
from kansrijk.people.models import HouseholdMember, Programme
from kansrijk.trajectories.models import Trajectory

from .choices import Hours, Level, OutcomeKind, Sector, Welfare


class OutcomeType(models.Model):
    """One outcome a programme counts, e.g. "good housing found". Its kind gives it meaning."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="outcome_types",
    )
    code = models.SlugField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=30, choices=OutcomeKind.choices)
    # Empty: the kind's own (translated) name. A programme's own wording is shown as written.
    name = models.CharField(_("name"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive types keep their outcomes but are not offered any more."),
    )

    class Meta:
        ordering = ["programme", "position", "id"]
        verbose_name = _("outcome type")
        verbose_name_plural = _("outcome types")
        constraints = [
            # outcome_counts() answers per code: one code per programme.
            models.UniqueConstraint(fields=["programme", "code"], name="outcome_type_code_once"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name or str(OutcomeKind(self.kind).label)


class Outcome(PublicIdModel, VersionedModel, TimeStampedModel):
    """Something a household (or one of its members) reached, on a day, with evidence."""

    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    outcome_type = models.ForeignKey(
        OutcomeType,
        verbose_name=_("outcome"),
        on_delete=models.PROTECT,
        related_name="outcomes",
    )
    member = models.ForeignKey(
        HouseholdMember,
        verbose_name=_("household member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reached_on = models.DateField(_("reached on"))
    evidence = EncryptedTextField(_("evidence"), blank=True)
    hours = models.CharField(_("working hours"), max_length=10, choices=Hours.choices, blank=True)
    welfare = models.CharField(
        _("welfare (bijstand)"), max_length=10, choices=Welfare.choices, blank=True
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, blank=True)
    diploma = models.BooleanField(_("diploma earned"), default=False)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    # Ticked on the checklist when the trajectory was closed (rather than recorded on its own).
    at_closure = models.BooleanField(_("recorded at closure"), default=False)
    recorded_by = recorded_by_field(_("recorded by"))
    changed_by = optional_user_field(_("last changed by"))

    class Meta:
        ordering = ["trajectory", "-reached_on", "-id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        indexes = [
            # outcome_counts(): outcomes of many trajectories grouped by type
            models.Index(fields=["trajectory", "outcome_type"], name="outcome_by_trajectory_type"),
        ]

    def __str__(self) -> str:
        return f"{self.outcome_type} ({long_date(self.reached_on)})"

    @property
    def kind(self) -> str:
        return self.outcome_type.kind

    @property
    def details(self) -> list[str]:
        """The typed details in words, e.g. ["part-time", "welfare (bijstand) mostly reduced"]."""
        shown = [
            self.get_hours_display(),
            self.get_level_display(),
            self.get_sector_display(),
            self.get_welfare_display(),
        ]
        if self.diploma:
            shown.append(str(_("diploma earned")))
        return [str(item) for item in shown if item]


class ClosureCheck(models.Model):
    """The closure checklist was gone through: the outcomes ticked, or "none of these"."""

    trajectory = models.OneToOneField(
        Trajectory,
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="closure_check",
    )
    checked_by = recorded_by_field(_("checked by"))
    checked_at = models.DateTimeField(_("checked at"), auto_now_add=True)
    nothing_reached = models.BooleanField(_("none of these reached"), default=False)

    class Meta:
        verbose_name = _("closure checklist")
        verbose_name_plural = _("closure checklists")

    def __str__(self) -> str:
        return str(self.trajectory)


# Follow-up after closure lives in its own sub-package; its models belong to this app.
from .followup.models import FollowUp, FollowUpAnswer  # noqa: E402, F401
