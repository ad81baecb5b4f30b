"""Consent (who may see which part of a household's file) and the audit log (who did)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.models import PublicIdModel, recorded_by_field
from kansrijk.core.periods import OpenEndedPeriod
from kansrijk.people.choices import Role

from .choices import ConsentMethod, FilePart, Recipient


class AuditAction(models.TextChoices):
    VIEW = "view", _("viewed")
    CREATE = "create", _("created")
    CHANGE = "change", _("changed")
    PHASE_CHANGE = "phase_change", _("changed the phase")
    EXPORT = "export", _("exported")
    LOGIN = "login", _("logged in")
    LOGIN_FAILED = "login_failed", _("failed to log in")
    LOGOUT = "logout", _("logged out")


# The role word the audit log keeps for a person who reads a file by a consent naming their
# organisation (`policy.reason_to_see`): not a programme role, nothing anyone is granted.
BY_ORGANISATION = "organisation"

# The purposes the code writes into the log, in words for the people who read it. The log keeps
# the code (stable whatever the reader's language); the pages show the words.
PURPOSE_LABELS = {
    "journey": _("running the journey"),
    "coaching": _("coaching the household"),
    "consent": _("recording consent"),
    "participant in control": _("the participant's own page"),
    "supervision": _("supervision of the programme"),
    "right of access": _("the right of access"),
    "right to erasure": _("the right to erasure"),
    "retention": _("retention period ended"),
    Role.COORDINATOR: _("coordinating the programme"),
    Role.BUDDY: _("coaching the household"),
    Role.BACKUP: _("backing up the buddy"),
    Role.DOORBRAAK: _("a Doorbraak case"),
    Role.REFERRER: _("following the referral"),
    "api": _("a connected system (API)"),
    BY_ORGANISATION: _("consent for their organisation"),
}


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit entry."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be removed.")


class AuditEntry(models.Model):
    """One line of the audit log (in the spirit of NEN 7513). Never changed, never removed.

    Foreign keys carry no database constraint and do nothing on delete, so removing a user or
    household later never rewrites the log; names are copied in for the same reason.
    On PostgreSQL a trigger (see the migration) refuses UPDATE and DELETE as well.
    """

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    actor_name = models.CharField(_("who (name)"), max_length=150)
    role = models.CharField(_("role"), max_length=20, blank=True)
    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    detail = models.CharField(_("what"), max_length=200, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            # the participant's and coordinator's view: every read of one household's file
            models.Index(fields=["household", "-at"], name="audit_by_household"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.detail}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be removed.")

    @property
    def purpose_label(self) -> str:
        return str(PURPOSE_LABELS.get(self.purpose, self.purpose))

    @property
    def role_label(self) -> str:
        """The role in words ("buddy", "participant", …) for people reading the log."""
        labels = {
            **dict(Role.choices),
            "participant": _("participant"),
            "api": _("connected system"),
            BY_ORGANISATION: _("person of a named organisation"),
        }
        return str(labels.get(self.role, self.role))


class ConsentQuerySet(models.QuerySet):
    def in_force(self, on) -> "ConsentQuerySet":
        """Consents that count on this date: started, not ended, not withdrawn."""
        return self.filter(starts_on__lte=on, withdrawn_at__isnull=True).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=on)
        )


class Consent(PublicIdModel, OpenEndedPeriod):
    """The participant lets one kind of professional, or the people of one named organisation,
    see some parts of the household's file.

    Withdrawing sets `withdrawn_at`; the row stays, so the history of consent stays provable.
    """

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    recipient = models.CharField(_("who may see"), max_length=20, choices=Recipient.choices)
    # Set exactly when the recipient is Recipient.ORGANISATION (the constraint below). Its own
    # index is the composite one in Meta, so the foreign key adds none.
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,
        related_name="consents",
    )
    basic = models.BooleanField(_("basic details"), default=True)
    plan = models.BooleanField(_("wishes and plan"), default=False)
    assessments = models.BooleanField(_("assessments"), default=False)
    sensitive = models.BooleanField(_("sensitive notes"), default=False)
    method = models.CharField(_("how it was given"), max_length=20, choices=ConsentMethod.choices)
    recorded_by = recorded_by_field(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ConsentQuerySet.as_manager()

    class Meta(OpenEndedPeriod.Meta):
        ordering = ["household", "-starts_on", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [
            # access.policy: "does this household's consent let the backup (Doorbraak, a named
            # organisation) see it today?", asked per household (`_consent_of_this_household`)
            models.Index(fields=["household", "recipient"], name="consent_by_household"),
            # access.policy: "which households let the people of this organisation see them?"
            # (`_of_organisation`, a person's home page); only named-organisation consents.
            models.Index(
                fields=["organisation", "household"],
                name="consent_by_organisation",
                condition=models.Q(organisation__isnull=False),
            ),
        ]
        constraints = [
            *OpenEndedPeriod.Meta.constraints,
            # A consent names an organisation exactly when it is given to a named organisation.
            models.CheckConstraint(
                condition=(
                    models.Q(recipient=Recipient.ORGANISATION, organisation__isnull=False)
                    | (
                        ~models.Q(recipient=Recipient.ORGANISATION)
                        & models.Q(organisation__isnull=True)
                    )
                ),
                name="consent_organisation_iff_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household} → {self.recipient_label}"

    @property
    def recipient_label(self) -> str:
        """Who may see, in words: the organisation's name, or the kind of professional."""
        if self.recipient == Recipient.ORGANISATION and self.organisation is not None:
            return self.organisation.name
        return str(self.get_recipient_display())

    @property
    def parts(self) -> tuple[FilePart, ...]:
        """The parts this consent covers, in the file's order."""
        return tuple(part for part in FilePart if getattr(self, part.value))


class ParticipantAccount(models.Model):
    """A participant's login to the portal: they see their own file, nobody else's."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="participant_account",
    )
    household = models.OneToOneField(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.CASCADE,
        related_name="participant_account",
    )
    created_by = recorded_by_field(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant account")
        verbose_name_plural = _("participant accounts")

    def __str__(self) -> str:
        return f"{self.user} → {self.household}"
