"""What a partner tells us when signing a household up, and what the intake brings to light."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.access.choices import ConsentMethod
from kansrijk.core.fields import EncryptedTextField
from kansrijk.core.models import TimeStampedModel
from kansrijk.people.models import Organisation
from kansrijk.trajectories.models import Trajectory

__all__ = ["ConsentMethod", "Intake", "Referral"]


class Referral(TimeStampedModel):
    """The sign-up by a partner organisation, with the participant's consent."""

    trajectory = models.OneToOneField(
        Trajectory, verbose_name=_("trajectory"), on_delete=models.CASCADE, related_name="referral"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("referred by"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    referrer_name = models.CharField(_("name of the referrer"), max_length=120, blank=True)
    reason = EncryptedTextField(_("why this household is referred"))
    stress_sources = EncryptedTextField(_("main sources of stress"), blank=True)
    preferences = EncryptedTextField(
        _("wishes for the buddy"),
        blank=True,
        help_text=_("For example: a woman, speaks Arabic, visits in the evening"),
    )
    consent_on = models.DateField(_("consent given on"))
    consent_method = models.CharField(
        _("how consent was given"), max_length=20, choices=ConsentMethod.choices
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"{self.trajectory.household} ← {self.organisation}"


class Intake(TimeStampedModel):
    """The first conversation: what causes most stress now, and what does the participant want?"""

    trajectory = models.OneToOneField(
        Trajectory, verbose_name=_("trajectory"), on_delete=models.CASCADE, related_name="intake"
    )
    held_on = models.DateField(_("intake held on"))
    stress_now = EncryptedTextField(
        _("what causes the most stress now"),
        help_text=_("Calm at the base comes first: debts, housing, health, …"),
    )
    wishes = EncryptedTextField(
        _("what do you want?"), help_text=_("In the participant's own words")
    )
    strengths = EncryptedTextField(_("strengths"), blank=True)
    availability = models.CharField(_("when can a buddy visit"), max_length=200, blank=True)
    notes = EncryptedTextField(_("other notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")

    def __str__(self) -> str:
        return f"{self.trajectory.household} ({self.held_on})"
