"""A text field whose contents are encrypted at rest: notes about debts, health, violence, addiction.

The database holds a Fernet token (see crypto.py); Python code sees the plain text. Empty text
stays empty and NULL stays NULL, so "has a note" remains a cheap query. The database cannot
compare the contents of a token, so only `isnull` and `exact ""` lookups are allowed: any other
lookup raises an EncryptedLookupError at once instead of quietly matching nothing. Ordering by
such a field sorts tokens, which means nothing; do not.
"""

from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Exact, IsNull

from . import crypto


class EncryptedLookupError(FieldError):
    """A query that would compare the contents of an encrypted field."""


def _refusal(field: models.Field, lookup: str) -> EncryptedLookupError:
    return EncryptedLookupError(
        f"{field.model._meta.label}.{field.name} is encrypted at rest: the database cannot "
        f"compare its contents, so the lookup {lookup!r} is not available. Only "
        f'"isnull" and "exact" with the empty string work.'
    )


class _ExactEmpty(Exact):
    """`field=""` (and `exclude(field="")`): empty text is stored as is, so this still works."""

    def get_prep_lookup(self) -> Any:
        if not (isinstance(self.rhs, str) and self.rhs == ""):
            raise _refusal(self.lhs.output_field, "exact (other than the empty string)")
        return super().get_prep_lookup()


class EncryptedField(models.TextField):
    """A column that holds Fernet tokens made with the first of FIELD_ENCRYPTION_KEYS: what
    every encrypted field shares, and what `kansrijk rotate-keys` looks for."""

    # At most this many values are re-encrypted in one transaction (`kansrijk rotate-keys`).
    rows_per_batch: int | None = None

    def get_lookup(self, lookup_name: str) -> type | None:
        if lookup_name == "exact":
            return _ExactEmpty
        if lookup_name == "isnull":
            return IsNull
        raise _refusal(self, lookup_name)

    def get_transform(self, lookup_name: str) -> type | None:
        raise _refusal(self, lookup_name)


class EncryptedTextField(EncryptedField):
    """Text stored as a Fernet token made with the first of FIELD_ENCRYPTION_KEYS."""

    description = "Text, encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return crypto.decrypt(value, what=f"A value of {self.model._meta.label}.{self.name}")


class EncryptedBinaryField(EncryptedField):
    """The bytes of a file, stored as a Fernet token: the same keys and rotation as the notes.

    Stored as text (the token is base64), so `kansrijk rotate-keys` and the restore check treat
    it like any note. A file weighs megabytes, so rotation takes a few rows at a time.
    """

    description = "Bytes, encrypted at rest"
    rows_per_batch = 5

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return crypto.encrypt_bytes(bytes(value))

    def to_python(self, value: Any) -> Any:
        return value

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> bytes | None:
        if value is None:
            return None
        return crypto.decrypt_bytes(value, what=f"A file of {self.model._meta.label}")


def encrypted_fields() -> Iterator[tuple[type[models.Model], EncryptedField]]:
    """Every encrypted field of every installed model, in a stable order.

    Only a model's own columns: with multi-table inheritance the parent's columns are the
    parent's, and a proxy model has none of its own.
    """
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        for field in model._meta.local_concrete_fields:
            if isinstance(field, EncryptedField):
                yield model, field
