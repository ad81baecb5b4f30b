"""Contacts between buddy and household: the weekly visit and the app or phone call between."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.dates import long_date
from kansrijk.core.fields import EncryptedTextField
from kansrijk.core.models import recorded_by_field
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
