"""What a partner tells us when signing a household up, and what the intake brings to light."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.access.choices import ConsentMethod
from kansrijk.core.dates import add_months
from kansrijk.core.fields import EncryptedTextField
from kansrijk.core.models import TimeStampedModel, recorded_by_field
from kansrijk.people.choices import Gender
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
    # The one wish with structure a referrer often hears; matching scores with it until the
    # coordinator writes the participant's wishes down (`matching.selectors.wishes_for`).
    preferred_gender = models.CharField(
        _("preferred gender of the buddy"), max_length=10, choices=Gender, blank=True
    )
    consent_on = models.DateField(_("consent given on"))
    consent_method = models.CharField(
        _("how consent was given"), max_length=20, choices=ConsentMethod.choices
    )
    recorded_by = recorded_by_field(_("recorded by"))

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"{self.trajectory.household} ← {self.organisation}"

    @property
    def consent_until(self) -> dt.date:
        """The last day the consent covers finding a buddy (settings.REFERRAL_CONSENT_MONTHS)."""
        return add_months(self.consent_on, settings.REFERRAL_CONSENT_MONTHS) - dt.timedelta(1)


class Intake(TimeStampedModel):
    """The first conversation: what causes most stress now, and what does the participant want?

    It is filled in step by step (see `steps.py`), so a draft exists before the intake is
    finished: `completed_at` is empty until then, and `held_on` is set when it is finished.
    Its picture of the life domains is no field here: it is the start assessment
    (`assessments.services.assessment_record_at_intake`).
    """

    trajectory = models.OneToOneField(
        Trajectory, verbose_name=_("trajectory"), on_delete=models.CASCADE, related_name="intake"
    )
    held_on = models.DateField(_("intake held on"), null=True, blank=True)
    stress_now = EncryptedTextField(
        _("what causes the most stress now"),
        blank=True,
        help_text=_("Calm at the base comes first: debts, housing, health, …"),
    )
    # Which of StressSource apply, comma-separated; encrypted, since "health" or "debts" alone
    # already tells something sensitive about the household.
    stress_sources = EncryptedTextField(_("sources of stress that apply"), blank=True)
    wishes = EncryptedTextField(
        _("what do you want?"), blank=True, help_text=_("In the participant's own words")
    )
    strengths = EncryptedTextField(_("strengths"), blank=True)
    network = EncryptedTextField(_("who helps them"), blank=True)
    availability_slots = models.JSONField(
        _("when a buddy can visit"), default=list, blank=True
    )  # VisitSlot values
    availability = models.CharField(_("when can a buddy visit"), max_length=200, blank=True)
    notes = EncryptedTextField(_("other notes"), blank=True)
    steps_saved = models.JSONField(_("steps saved"), default=list, blank=True)  # step numbers
    completed_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    recorded_by = recorded_by_field(_("recorded by"))

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")

    def __str__(self) -> str:
        return f"{self.trajectory.household} ({self.held_on or '…'})"

    @property
    def last_step_saved(self) -> int:
        return max(self.steps_saved, default=0)

    @property
    def stress_source_list(self) -> list[str]:
        return [code for code in self.stress_sources.split(",") if code]
