"""Contacts between buddy and household: the weekly visit and the app or phone call between,
and the meetings planned ahead (`appointments/`) with the buddy's private calendar feed."""

import datetime as dt

from django.conf import settings
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
from kansrijk.trajectories.models import Trajectory


class ContactKind(models.TextChoices):
    VISIT = "visit", _("home visit")
    APP = "app", _("app message")
    PHONE = "phone", _("phone call")
    OUTING = "outing", _("together on the road")


class Contact(models.Model):
    trajectory = models.ForeignKey(
        Trajectory, verbose_name=_("trajectory"), on_delete=models.CASCADE, related_name="contacts"
    )
    on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=ContactKind.choices)
    minutes = models.PositiveSmallIntegerField(_("minutes"), null=True, blank=True)
    note = EncryptedTextField(_("short note"), blank=True)
    goals = models.ManyToManyField(
        "plans.Goal", verbose_name=_("goals worked on"), blank=True, related_name="contacts"
    )
    worried = models.BooleanField(_("the buddy is worried"), default=False)
    needs_professional = models.BooleanField(_("needs the backup professional"), default=False)
    by = recorded_by_field(_("by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            # household page timeline, and "no contact for 14 days" on the dashboards
            models.Index(fields=["trajectory", "-on"], name="contact_by_trajectory"),
        ]

    def __str__(self) -> str:
        return f"{self.trajectory.household} {long_date(self.on)} {self.get_kind_display()}"


class AppointmentKind(models.TextChoices):
    MEET = "meet", _("we meet")
    PHONE = "phone", _("by phone")
    APP = "app", _("by app or video call")


class Appointment(PublicIdModel, TimeStampedModel, VersionedModel):
    """The next meeting of buddy and household, planned ahead; moved or cancelled in one step.

    Its day, hour and way are basic details; its place and purpose are sensitive
    (`access.parts`) and stored encrypted, like a contact's note.
    """

    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="appointments",
    )
    starts_at = models.DateTimeField(_("starts at"))
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=60)
    kind = models.CharField(
        _("how"), max_length=10, choices=AppointmentKind.choices, default=AppointmentKind.MEET
    )
    place = EncryptedTextField(_("place"), blank=True)
    purpose = EncryptedTextField(_("purpose"), blank=True)
    by = recorded_by_field(_("planned by"))
    changed_by = optional_user_field(_("changed by"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        indexes = [
            # the household's next meeting, the buddy's week and calendar, tomorrow's reminders
            models.Index(fields=["trajectory", "starts_at"], name="appointment_by_trajectory"),
        ]

    def __str__(self) -> str:
        return f"{self.trajectory.household} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.minutes)


class CalendarFeed(models.Model):
    """A buddy's private calendar address. Only a hash of its secret is kept: the address is
    shown once, when made, and whoever reads the database cannot rebuild it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    token_hash = models.CharField(_("hash of the secret"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
