"""Shared model building blocks."""

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .errors import Overtaken, Refused

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


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
    """A row two people may edit at once. Its form carries the `version` the user saw; a write
    locks the row with `lock_at_version` and saves it with `save_next_version`, so a save made
    on an older page is refused (`Overtaken`) instead of silently overwriting the newer one."""

    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True

    def save_next_version(self, *fields: str, **values: Any) -> None:
        """Save `fields` (already set) and `values` on this row with the next version.

        Only on a row from `lock_at_version`, inside its transaction: the lock makes the +1
        safe. Fields Django keeps itself (`updated_at`) are saved with them.
        """
        for name, value in values.items():
            setattr(self, name, value)
        self.version += 1
        kept = [f.name for f in self._meta.concrete_fields if getattr(f, "auto_now", False)]
        self.save(update_fields=list(dict.fromkeys([*fields, *values, "version", *kept])))


Row = TypeVar("Row", bound=models.Model)


def checked_rows(rows: Iterable[Row]) -> list[Row]:
    """The rows, each checked against its model's own field rules first: lengths, choices,
    validators, required values. A row that breaks one raises `ValidationError` and nothing of
    the batch is written.

    The rules every bulk write shares, in the services and in the scale generator alike.
    Relations, uniqueness and constraints are left to the database, which checks them on insert
    without a query per row here.
    """
    rows = list(rows)
    for row in rows:
        relations = [f.name for f in row._meta.concrete_fields if f.is_relation]
        row.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
    return rows


def bulk_create_checked(rows: Iterable[Row], *, batch_size: int | None = None) -> list[Row]:
    """`bulk_create` for rows of one model, after `checked_rows`; answers the rows written."""
    rows = checked_rows(rows)
    if not rows:
        return rows
    return type(rows[0])._default_manager.bulk_create(rows, batch_size=batch_size)


VersionedRow = TypeVar("VersionedRow", bound=VersionedModel)


def lock_at_version(
    queryset: models.QuerySet[VersionedRow] | models.Manager[VersionedRow],
    pk: int,
    version: int | None,
    stale_message: str,
) -> VersionedRow:
    """Lock the row for this write and refuse it when it changed since the user saw `version`
    (None: the caller checked nothing, e.g. a step the system takes itself).

    Call inside `transaction.atomic()`, then save with `save_next_version`. Only the row itself
    is locked, whatever `queryset` joins (PostgreSQL refuses to lock an outer join's side), and
    what it joins comes along in `Overtaken.current` for the page that shows it.
    """
    try:
        locked = queryset.select_for_update(of=("self",)).get(pk=pk)
    except ObjectDoesNotExist:
        raise Refused(gettext("Someone else removed this a moment ago.")) from None
    if version is not None and locked.version != version:
        raise Overtaken(stale_message, current=locked)
    return locked


# Rows name the people who wrote or changed them. These two links are the same everywhere:
# no reverse accessor on the user (`related_name="+"`), so a user's page never lists them.


def recorded_by_field(verbose_name: "StrOrPromise") -> models.ForeignKey:
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
