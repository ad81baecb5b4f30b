"""A household's move to another programme or area, from the request to the decision."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kansrijk.core.dates import long_date
from kansrijk.core.fields import EncryptedTextField
from kansrijk.core.models import PublicIdModel, optional_user_field, recorded_by_field
from kansrijk.core.phases import Phase
from kansrijk.people.models import Area, Household, Programme

from .choices import TransferStatus


class Transfer(PublicIdModel):
    """One transfer of a household from one programme and area to another.

    Made and decided only by the services in `services.py`. The row stays after the decision:
    it is the hand-over's history, which both coordinators read (`selectors`). The old
    programme's coordinator reads only what is kept here (name, areas, dates), never the file.
    """

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="transfers"
    )
    # The name as it was handed over: the list of the old programme shows it without reading
    # the household (which its coordinator may no longer open). Emptied when it is erased.
    household_name = models.CharField(_("name"), max_length=150)
    # The phase at the request: the receiving coordinator knows what comes (aftercare needs a
    # buddy of the new programme at once).
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    from_programme = models.ForeignKey(
        Programme,
        verbose_name=_("from programme"),
        on_delete=models.PROTECT,
        related_name="transfers_out",
    )
    from_area = models.ForeignKey(
        Area, verbose_name=_("from area"), on_delete=models.PROTECT, related_name="+"
    )
    to_programme = models.ForeignKey(
        Programme,
        verbose_name=_("to programme"),
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    to_area = models.ForeignKey(
        Area, verbose_name=_("to area"), on_delete=models.PROTECT, related_name="+"
    )
    # Why the household moves, as the coordinator wrote it: it may say more about the
    # household than a list should, so it is encrypted like other notes.
    reason = EncryptedTextField(_("reason"))
    requested_by = recorded_by_field(_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=12, choices=TransferStatus.choices, default=TransferStatus.REQUESTED
    )
    decided_by = optional_user_field(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = EncryptedTextField(_("reason for declining"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        indexes = [
            # the programme's list of transfers: incoming and outgoing, newest first
            models.Index(fields=["to_programme", "requested_at"], name="transfer_incoming"),
            models.Index(fields=["from_programme", "requested_at"], name="transfer_outgoing"),
        ]
        constraints = [
            # One open transfer per household: a second request (two tabs, two coordinators)
            # fails here even when both pass the service's check at once.
            models.UniqueConstraint(
                fields=["household"],
                condition=models.Q(status="requested"),
                name="one_open_transfer_per_household",
            ),
            # A transfer goes somewhere else: another area (in this or another programme).
            models.CheckConstraint(
                condition=~models.Q(from_area=models.F("to_area")),
                name="transfer_goes_elsewhere",
            ),
            # Decided transfers say who decided and when; open ones do not.
            models.CheckConstraint(
                condition=models.Q(status="requested", decided_at__isnull=True)
                | (~models.Q(status="requested") & models.Q(decided_at__isnull=False)),
                name="transfer_decided_has_moment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household_name}: {self.from_programme} → {self.to_programme}"

    @property
    def between_programmes(self) -> bool:
        return self.from_programme_id != self.to_programme_id

    @property
    def handed_over(self) -> str:
        """ "Transferred from Kansrijk West (Selwerd) to Kansrijk Oost (Beijum) on 3 March
        2025": the line both coordinators read in the file and in their lists."""
        moment = self.decided_at or self.requested_at
        return gettext(
            "Transferred from %(from)s (%(from_area)s) to %(to)s (%(to_area)s) on %(date)s"
        ) % {
            "from": self.from_programme,
            "from_area": self.from_area,
            "to": self.to_programme,
            "to_area": self.to_area,
            "date": long_date(timezone.localdate(moment)),
        }

    @property
    def is_open(self) -> bool:
        return self.status == TransferStatus.REQUESTED
