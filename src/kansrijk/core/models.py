"""Shared model building blocks."""

import uuid
from typing import TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .errors import Refused


class PublicIdModel(models.Model):
    """A model whose rows are named in URLs by a random UUID, never by the sequential id.

    Sequential ids would tell a visitor how many households exist and invite guessing.
    """

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """A row two people may edit at once: forms carry `version`, see `lock_at_version`."""

    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True


VersionedRow = TypeVar("VersionedRow", bound=VersionedModel)


def lock_at_version(
    queryset: models.QuerySet[VersionedRow], pk: int, version: int | None, stale_message: str
) -> VersionedRow:
    """Lock the row for this write and refuse it when it changed since the user saw `version`.

    Call inside `transaction.atomic()`; the caller bumps the version when it saves.
    """
    locked = queryset.select_for_update().get(pk=pk)
    if version is not None and locked.version != version:
        raise Refused(stale_message)
    return locked


# Rows name the people who wrote or changed them. These two links are the same everywhere:
# no reverse accessor on the user (`related_name="+"`), so a user's page never lists them.


def recorded_by_field(verbose_name: str) -> models.ForeignKey:
    """The user who wrote the row. A user who wrote something cannot be deleted (PROTECT):
    accounts are deactivated, so the record keeps saying who wrote it."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name="+",
    )


def optional_user_field(verbose_name: str) -> models.ForeignKey:
    """A user who did something to the row (changed it, marked it done), if anyone; emptied
    when that user is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


class Submission(models.Model):
    """A form that was sent and saved, named by the one-time key its page handed out.

    A second POST with the same key (a double tap, a retry on a bad connection, a second tab)
    finds this row and is sent to `result_url` instead of creating again: core/submissions.py.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    key = models.CharField(_("key"), max_length=64)
    result_url = models.CharField(_("result"), max_length=2000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("submitted form")
        verbose_name_plural = _("submitted forms")
        constraints = [
            # The claim itself: a second insert of the same key waits for the first
            # transaction and then fails, so only one of two parallel POSTs creates.
            models.UniqueConstraint(fields=["user", "key"], name="submission_key_once_per_user"),
        ]
        indexes = [
            # `forget_old_submissions` deletes by age every day.
            models.Index(fields=["created_at"], name="submission_created_at"),
        ]

    def __str__(self) -> str:
        return self.result_url
