"""Rewrite the stored values of an encrypted column: for key rotation and for the migrations.

Both read and write the raw tokens with plain SQL (the ORM would decrypt them), a batch of rows
per short transaction, so the application keeps working meanwhile. An update only lands when the
row still holds the value that was read: a note edited in the meantime was saved with the first
key already and is left alone.
"""

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections, migrations, models, transaction

from . import crypto

# Gets the stored value and a description of it for error messages; answers the new value,
# or None to leave the row as it is.
Change = Callable[[str, str], str | None]


@dataclass
class Rewritten:
    label: str
    values: int = 0
    changed: int = 0


def rewrite_column(
    *,
    model: type[models.Model],
    field: models.Field,
    change: Change,
    using: str = DEFAULT_DB_ALIAS,
    batch_size: int = 500,
    dry_run: bool = False,
) -> Rewritten:
    """Run `change` over every non-empty value of the column, in batches; count what changed.

    `model` may be a historical model from a migration: only its table and columns are used.
    """
    connection = connections[using]
    name = connection.ops.quote_name
    # Concrete fields of a table: both have a column.
    assert model._meta.pk.column is not None and field.column is not None
    table, pk, column = name(model._meta.db_table), name(model._meta.pk.column), name(field.column)
    where = f"{column} IS NOT NULL AND {column} <> ''"
    first = f"SELECT {pk}, {column} FROM {table} WHERE {where} ORDER BY {pk} LIMIT %s"
    after = f"SELECT {pk}, {column} FROM {table} WHERE {where} AND {pk} > %s ORDER BY {pk} LIMIT %s"
    update = f"UPDATE {table} SET {column} = %s WHERE {pk} = %s AND {column} = %s"
    result = Rewritten(label=f"{model._meta.label}.{field.name}")
    last = None
    while True:
        # A dry run only reads, so it takes no write lock (SQLite begins IMMEDIATE transactions).
        batch = nullcontext() if dry_run else transaction.atomic(using=using)
        with batch, connection.cursor() as cursor:
            cursor.execute(
                first if last is None else after,
                [batch_size] if last is None else [last, batch_size],
            )
            rows = cursor.fetchall()
            for row_pk, value in rows:
                new = change(value, f"{result.label} of row {row_pk}")
                if new is None:
                    continue
                if dry_run:
                    result.changed += 1
                else:
                    cursor.execute(update, [new, row_pk, value])
                    result.changed += cursor.rowcount
        result.values += len(rows)
        if len(rows) < batch_size:
            return result
        last = rows[-1][0]


def encrypt_plaintext(value: str, what: str) -> str | None:
    """For the migrations: encrypt a value that is not a token yet (so running twice is harmless)."""
    return None if crypto.is_token(value) else crypto.encrypt(value)


def decrypt_token(value: str, what: str) -> str | None:
    """For migrating back: the plain text again. A token that no key opens stops the migration."""
    return crypto.decrypt(value, what=what)


def encrypt_existing_values(app_label: str, fields: dict[str, list[str]]) -> migrations.RunPython:
    """The migration step that encrypts the existing plain text of `{model: [field, …]}`.

    It runs after the AlterField that makes the columns EncryptedTextFields (and wide enough for
    a token); backwards it decrypts them again, before the columns change back.
    """

    def rewrite(apps, schema_editor, change: Change) -> None:
        for model_name, field_names in fields.items():
            model = apps.get_model(app_label, model_name)
            for field_name in field_names:
                rewrite_column(
                    model=model,
                    field=model._meta.get_field(field_name),
                    change=change,
                    using=schema_editor.connection.alias,
                )
        if schema_editor.connection.vendor == "postgresql":
            # Run the foreign-key checks that the updates queued now, not at the commit:
            # migrating back, PostgreSQL refuses the ALTER TABLE that follows while any wait.
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")

    def forward(apps, schema_editor) -> None:
        rewrite(apps, schema_editor, encrypt_plaintext)

    def backward(apps, schema_editor) -> None:
        rewrite(apps, schema_editor, decrypt_token)

    return migrations.RunPython(forward, backward)
