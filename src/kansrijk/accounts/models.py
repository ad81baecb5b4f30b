"""Signing in without e-mail: the activation letter's code, and the link to DigiD."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.models import recorded_by_field


class ActivationCodeQuerySet(models.QuerySet):
    def open(self, now) -> "ActivationCodeQuerySet":
        """Codes that still work: not used, not replaced by a newer letter, not expired."""
        return self.filter(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)


class ActivationCode(models.Model):
    """The one-time code of an activation letter. Only its SHA-256 is kept (`accounts.codes`).

    It works once, until `expires_at`; a newer letter for the same account, or the activation,
    ends every other open code of that account.
    """

    account = models.ForeignKey(
        "access.ParticipantAccount",
        verbose_name=_("portal account"),
        on_delete=models.CASCADE,
        related_name="activation_codes",
    )
    code_hash = models.CharField(_("code (hash)"), max_length=64, unique=True)
    created_by = recorded_by_field(_("made by"))
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("works until"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("replaced at"), null=True, blank=True)

    objects = ActivationCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("activation code")
        verbose_name_plural = _("activation codes")
        indexes = [
            # accounts.services.activation_letter_make: the account's open codes, to end them
            models.Index(fields=["account", "used_at", "revoked_at"], name="activation_open_codes"),
        ]

    def __str__(self) -> str:
        return f"activation code of {self.account_id} until {self.expires_at:%Y-%m-%d}"


class DigidLink(models.Model):
    """A portal account that may sign in with DigiD: the keyed hash of the BSN, never the BSN.

    `bsn_hmac` is HMAC-SHA256(settings.DIGID_BSN_HASH_KEY, BSN): without the key the BSN cannot
    be found back from it, not even by trying all nine-digit numbers.
    """

    account = models.OneToOneField(
        "access.ParticipantAccount",
        verbose_name=_("portal account"),
        on_delete=models.CASCADE,
        related_name="digid_link",
    )
    bsn_hmac = models.CharField(_("keyed hash of the BSN"), max_length=64, unique=True)
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("DigiD link")
        verbose_name_plural = _("DigiD links")

    def __str__(self) -> str:
        return f"DigiD link of {self.account_id}"
