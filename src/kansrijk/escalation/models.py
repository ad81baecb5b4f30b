"""Signals from the buddy to the backup professional, covers while a backup is away, and
Doorbraak cases with the tags the learning register counts.

A signal goes to the household's backup professional (`Trajectory.backup`), or to the
colleague who covers for them while a `Cover` is in force: who that is, is decided when the
queue is read, so a cover that starts later hands over the signals already waiting too.
Change signals, covers and cases only through `services.py`: it checks who may, keeps the life
cycle in order and refuses a save that would overwrite someone else's step.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kansrijk.core.dates import long_date, today
from kansrijk.core.fields import EncryptedTextField
from kansrijk.core.models import (
    PublicIdModel,
    TimeStampedModel,
    VersionedModel,
    optional_user_field,
    recorded_by_field,
)
from kansrijk.core.periods import Period
from kansrijk.people.models import Organisation, Programme
from kansrijk.trajectories.models import Trajectory

from .choices import RESPONDED, WAITING, SignalKind, SignalStatus, TagKind


class Signal(PublicIdModel, VersionedModel, TimeStampedModel):
    """A question, worry or urgent safety concern the buddy raises with the backup professional."""

    trajectory = models.ForeignKey(
        Trajectory, verbose_name=_("trajectory"), on_delete=models.CASCADE, related_name="signals"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SignalKind.choices)
    description = EncryptedTextField(_("what is going on"))
    status = models.CharField(
        _("status"), max_length=10, choices=SignalStatus.choices, default=SignalStatus.OPEN
    )
    raised_by = recorded_by_field(_("raised by"))
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    picked_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("picked up by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    picked_up_at = models.DateTimeField(_("picked up at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    # The answer, or why and how it was passed on; as sensitive as the description.
    response = EncryptedTextField(_("response"), blank=True)
    passed_on_to = models.ForeignKey(
        Organisation,
        verbose_name=_("passed on to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # An organisation that is not in the list: a short name, no personal details.
    passed_on_to_name = models.CharField(_("name of the organisation"), max_length=100, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [
            # the household page and the queue: a trajectory's signals by status
            models.Index(fields=["trajectory", "status"], name="signal_by_trajectory"),
            # the coordinator's dashboard: open and urgent signals of a programme
            models.Index(fields=["status", "kind"], name="signal_by_status_kind"),
        ]
        constraints = [
            # Each step of the life cycle says who took it and when, together.
            models.CheckConstraint(
                condition=models.Q(picked_up_at__isnull=True, picked_up_by__isnull=True)
                | models.Q(picked_up_at__isnull=False, picked_up_by__isnull=False),
                name="signal_pick_up_who_and_when",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "picked_up"])
                | models.Q(responded_at__isnull=False, picked_up_at__isnull=False),
                name="signal_response_recorded",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="closed") | models.Q(closed_at__isnull=False),
                name="signal_closed_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {long_date(self.raised_at)}"

    @property
    def is_urgent(self) -> bool:
        return self.kind == SignalKind.URGENT

    @property
    def is_waiting(self) -> bool:
        return self.status in WAITING

    @property
    def has_response(self) -> bool:
        return self.status in RESPONDED or self.responded_at is not None

    @property
    def is_closed(self) -> bool:
        return self.status == SignalStatus.CLOSED

    @property
    def response_time(self) -> dt.timedelta | None:
        """From raised to picked up (or to now, while nobody picked it up yet)."""
        if self.picked_up_at is None:
            return None
        return self.picked_up_at - self.raised_at

    @property
    def waiting_for(self) -> dt.timedelta | None:
        return timezone.now() - self.raised_at if self.picked_up_at is None else None

    @property
    def time_to_close(self) -> dt.timedelta | None:
        return self.closed_at - self.raised_at if self.closed_at else None

    @property
    def passed_on_label(self) -> str:
        if self.passed_on_to_id:
            return self.passed_on_to.name
        return self.passed_on_to_name


class Cover(PublicIdModel, Period):
    """While a backup professional is away, a colleague takes their signals (from–until, inclusive).

    Ending a cover early sets `ended_at`; the row stays, so who covered when stays known.
    """

    backup = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("backup professional who is away"),
        on_delete=models.CASCADE,
        related_name="covers_while_away",
    )
    colleague = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("colleague who covers"),
        on_delete=models.CASCADE,
        related_name="covers_for_others",
    )
    recorded_by = recorded_by_field(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended early at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended early by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(Period.Meta):
        ordering = ["starts_on", "id"]
        verbose_name = _("cover")
        verbose_name_plural = _("covers")
        indexes = [
            # "who covers for this backup today?" and "for whom do I cover today?"
            models.Index(fields=["backup", "ends_on"], name="cover_by_backup"),
            models.Index(fields=["colleague", "ends_on"], name="cover_by_colleague"),
        ]
        constraints = [
            *Period.Meta.constraints,
            models.CheckConstraint(
                condition=~models.Q(colleague=models.F("backup")),
                name="cover_by_someone_else",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.colleague} → {self.backup} {long_date(self.starts_on)} – {long_date(self.ends_on)}"

    @property
    def in_force(self) -> bool:
        return self.ended_at is None and self.starts_on <= today() <= self.ends_on

    @property
    def is_over(self) -> bool:
        return self.ended_at is not None or self.ends_on < today()


class BarrierTag(models.Model):
    """A kind of barrier or an agency, to tag Doorbraak cases with for the learning register.

    Global (no programme) or a programme's own. The shipped ones store English text that is
    also a message id (`shipped.py`), so they show in Dutch or English; a tag a programme adds
    itself shows as written. Untick "offered" to hide one from new cases.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=TagKind.choices)
    name = models.CharField(_("name"), max_length=100)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: offered in every programme."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["kind", "position", "id"]
        verbose_name = _("Doorbraak tag")
        verbose_name_plural = _("Doorbraak tags")
        constraints = [
            # The register counts per tag: one tag per name and kind (per programme or global).
            models.UniqueConstraint(
                fields=["kind", "name", "programme"], name="one_tag_per_name_and_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return gettext(self.name)


class DoorbraakCase(PublicIdModel, VersionedModel, TimeStampedModel):
    """A system barrier escalated to the Doorbraak network, and the tailored solution.

    Opened only while the participant's consent for Doorbraak is in force. The barrier, the
    blocking rule and the solution are personal and encrypted; the tags, dates, costs, freed
    life domains and the lesson for policy (written without names) feed the learning register
    and are kept when the household is erased.
    """

    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="doorbraak_cases",
    )
    signal = models.OneToOneField(
        Signal,
        verbose_name=_("signal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="doorbraak_case",
    )
    barrier = EncryptedTextField(_("the barrier in plain words"))
    blocking_rule = EncryptedTextField(_("the rule or agency that blocks"), blank=True)
    barrier_types = models.ManyToManyField(
        BarrierTag, verbose_name=_("kinds of barrier"), related_name="cases_by_type", blank=True
    )
    agencies = models.ManyToManyField(
        BarrierTag, verbose_name=_("agencies involved"), related_name="cases_by_agency", blank=True
    )
    solution = EncryptedTextField(_("the tailored solution"), blank=True)
    decided_by = models.CharField(_("who decided it"), max_length=150, blank=True)
    costs = models.DecimalField(
        _("costs in euros"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    opened_on = models.DateField(_("opened on"))
    solved_on = models.DateField(_("solved on"), null=True, blank=True)
    # Codes of the programme's life domains (frameworks), stable across framework versions.
    freed_domains = models.JSONField(_("freed up on other life domains"), default=list, blank=True)
    lesson = models.TextField(_("lesson for policy"), blank=True)
    opened_by = recorded_by_field(_("opened by"))
    changed_by = optional_user_field(_("last changed by"))

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("Doorbraak case")
        verbose_name_plural = _("Doorbraak cases")
        indexes = [
            # the household page: its cases; the register: cases per programme and period
            models.Index(fields=["trajectory", "-opened_on"], name="case_by_trajectory"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(solved_on__isnull=True)
                | models.Q(solved_on__gte=models.F("opened_on")),
                name="case_solved_after_opened",
            ),
            models.CheckConstraint(
                condition=models.Q(costs__isnull=True) | models.Q(costs__gte=0),
                name="case_costs_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Doorbraak {long_date(self.opened_on)}"

    @property
    def is_solved(self) -> bool:
        return self.solved_on is not None

    @property
    def lead_time_days(self) -> int | None:
        """Days from opened to solved; while open, the days so far are `open_days`."""
        return (self.solved_on - self.opened_on).days if self.solved_on else None

    @property
    def open_days(self) -> int:
        return ((self.solved_on or today()) - self.opened_on).days


class CrisisGuidance(VersionedModel):
    """What a programme tells its buddies to do when safety is at stake, shown with every urgent
    signal. Until a coordinator writes their own, the shipped text (`guidance.DEFAULT_TEXT`)
    shows; 112 and Veilig Thuis are always there, whatever the text says."""

    programme = models.OneToOneField(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="crisis_guidance",
    )
    text = models.TextField(
        _("what to do when safety is at stake"),
        max_length=1000,
        blank=True,
        help_text=_("Leave it empty for the standard text."),
    )
    crisis_line = models.CharField(
        _("the programme's crisis line"),
        max_length=30,
        blank=True,
        help_text=_("A phone number that answers when the backup professional cannot."),
    )
    updated_by = optional_user_field(_("changed by"))
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("crisis guidance")
        verbose_name_plural = _("crisis guidance")

    def __str__(self) -> str:
        return str(self.programme)
