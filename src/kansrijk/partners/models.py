"""A partner's referral as it comes in, before (and after) the coordinator takes it on."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kansrijk.access.choices import ConsentMethod, FilePart
from kansrijk.core.fields import EncryptedTextField
from kansrijk.core.models import PublicIdModel, TimeStampedModel, optional_user_field
from kansrijk.people.choices import Gender, HouseholdType
from kansrijk.people.models import Area, Organisation, Programme
from kansrijk.trajectories.models import Trajectory

from .choices import Decision, Source


class PartnerReferral(PublicIdModel, TimeStampedModel):
    """An "aanmelding": a partner signs a household up, with the participant's consent.

    It waits in the coordinator's inbox until it is accepted (then it starts a journey through
    `intake.services.referral_register` and points at that trajectory) or declined with a
    reason, which goes back to the referrer.
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("referring organisation"),
        on_delete=models.PROTECT,
        related_name="partner_referrals",
    )
    # Empty when a partner's system sent it (the API): then the organisation speaks for it.
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(_("sent from"), max_length=10, choices=Source.choices)
    client_reference = models.CharField(
        _("reference in the partner's system"), max_length=100, blank=True
    )

    given_name = models.CharField(_("first name"), max_length=60)
    family_name = models.CharField(_("last name"), max_length=80, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street_address = models.CharField(_("address"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    languages = models.CharField(
        _("languages spoken"), max_length=150, blank=True, help_text=_("For example: Dutch, Arabic")
    )
    household_type = models.CharField(
        _("household type"), max_length=30, choices=HouseholdType.choices, blank=True
    )
    reason = EncryptedTextField(_("why this household is referred"))
    stress_sources = EncryptedTextField(_("main sources of stress"), blank=True)
    preferences = EncryptedTextField(
        _("wishes for the buddy"),
        blank=True,
        help_text=_("For example: a woman, speaks Arabic, visits in the evening"),
    )
    preferred_gender = models.CharField(
        _("preferred gender of the buddy"), max_length=10, choices=Gender, blank=True
    )

    consent_on = models.DateField(_("consent given on"))
    consent_method = models.CharField(
        _("how consent was given"), max_length=20, choices=ConsentMethod.choices
    )
    consent_recorded_by = models.CharField(_("consent recorded by"), max_length=120)
    # Which parts of the file the participant lets the referring organisation see later on.
    share_basic = models.BooleanField(_("basic details"), default=False)
    share_plan = models.BooleanField(_("wishes and plan"), default=False)
    share_assessments = models.BooleanField(_("assessments"), default=False)
    share_sensitive = models.BooleanField(_("sensitive notes"), default=False)

    status = models.CharField(
        _("status"), max_length=10, choices=Decision.choices, default=Decision.RECEIVED
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = optional_user_field(_("decided by"))
    # Goes back to the referrer; may say why in words about the household, so encrypted.
    decline_reason = EncryptedTextField(_("why not accepted"), blank=True)
    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("trajectory"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_referrals",
    )

    class Meta:
        verbose_name = _("partner referral")
        verbose_name_plural = _("partner referrals")
        constraints = [
            # A partner's system sends its own id: a repeated call finds the first referral.
            models.UniqueConstraint(
                fields=["organisation", "client_reference"],
                condition=~Q(client_reference=""),
                name="partner_referral_reference_once",
            ),
        ]
        indexes = [
            # The coordinator's inbox: received referrals of a programme, oldest first.
            models.Index(fields=["programme", "status", "created_at"], name="partner_ref_inbox"),
            # "Mijn aanmeldingen": one referrer's own, newest first.
            models.Index(fields=["referred_by", "created_at"], name="partner_ref_sent_by"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.programme} ({self.created_at:%Y-%m-%d})"

    @property
    def shared_parts(self) -> set[FilePart]:
        """The parts of the file the participant lets the referring organisation see."""
        return {part for part in FilePart if getattr(self, f"share_{part.value}")}

    @property
    def participant_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()
