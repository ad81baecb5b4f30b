"""Shared model building blocks."""

import uuid
from typing import TypeVar

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
