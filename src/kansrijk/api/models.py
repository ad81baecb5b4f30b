"""A client of the API: a partner's system or the municipality's BI, with its key.

The key is shown once, when it is made: `kr_<prefix>_<secret>`. The prefix is public (it finds
the client and names it in the log); of the secret only a SHA-256 hash is kept. The secret is
32 random bytes, so a plain hash is enough: nothing as weak as a password is ever hashed.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ApiScope


class ApiClientQuerySet(models.QuerySet):
    def usable(self) -> "ApiClientQuerySet":
        """Clients whose key still works: not revoked, not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiClient(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="api_clients",
    )
    name = models.CharField(_("name"), max_length=80)
    programmes = models.ManyToManyField(
        "people.Programme", verbose_name=_("programmes"), related_name="api_clients"
    )
    # Space-separated `ApiScope` values, as OAuth writes scopes.
    scopes = models.CharField(_("scopes"), max_length=100)
    key_prefix = models.CharField(_("key prefix"), max_length=8, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    objects = ApiClientQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    @property
    def scope_set(self) -> set[str]:
        return set(self.scopes.split())

    def scope_labels(self) -> list[str]:
        labels = dict(ApiScope.choices)
        return [str(labels.get(s, s)) for s in self.scopes.split()]

    @property
    def name_in_the_log(self) -> str:
        """Who the audit log says acted: the connection, never a person."""
        return f"API-koppeling {self.name} ({self.organisation.name})"[:150]
