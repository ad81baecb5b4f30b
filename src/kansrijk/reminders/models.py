"""Which reminder e-mails went out: one digest per person per day, never two.

A row holds no household and no content, only who got a digest on which day and how many
items it named: what the digest said can be worked out again from the file, and an erased
household leaves nothing behind here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderDigest(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent to"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    day = models.DateField(_("day"))
    items = models.PositiveSmallIntegerField(_("number of items"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-day", "user"]
        verbose_name = _("reminder e-mail")
        verbose_name_plural = _("reminder e-mails")
        constraints = [
            # `kansrijk remind` runs from cron, maybe twice, maybe at once: one digest a day.
            models.UniqueConstraint(fields=["user", "day"], name="one_reminder_digest_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.day}"
