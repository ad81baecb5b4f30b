"""`kansrijk rotate-keys`: re-encrypt every encrypted note with the first FIELD_ENCRYPTION_KEYS key.

The procedure (README, "Encryption at rest, key rotation, backup and restore"): put a new key
in front of FIELD_ENCRYPTION_KEYS, deploy, run this, and remove the old key only after a
`--dry-run` shows nothing left to re-encrypt. The app keeps running all along: every old key
still decrypts whatever has not been re-encrypted yet. Running it twice changes nothing more.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from kansrijk.core import crypto
from kansrijk.core.fields import encrypted_fields
from kansrijk.core.reencrypt import rewrite_column


def _rotate(value: str, what: str) -> str | None:
    return crypto.rotated(value, what=what)


def _already_current(value: str, what: str) -> str | None:
    """For --dry-run: the token itself when it still needs rotating (nothing is written)."""
    return None if crypto.is_current(value, what=what) else value


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted note with the first key of FIELD_ENCRYPTION_KEYS, in small "
        "batches while the app runs. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be re-encrypted."
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Rows per transaction (default 500)."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, dry_run: bool, batch_size: int, database: str, **options) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        started = time.monotonic()
        fields = list(encrypted_fields())
        keys = len(settings.FIELD_ENCRYPTION_KEYS)
        self.stdout.write(
            f"{'Counting' if dry_run else 'Re-encrypting'} the values of {len(fields)} encrypted "
            f"fields; the first of {keys} key{'s' if keys != 1 else ''} encrypts."
        )
        values = changed = 0
        for model, field in fields:
            try:
                result = rewrite_column(
                    model=model,
                    field=field,
                    change=_already_current if dry_run else _rotate,
                    using=database,
                    batch_size=min(batch_size, field.rows_per_batch or batch_size),
                    dry_run=dry_run,
                )
            except crypto.DecryptionError as error:
                raise CommandError(str(error)) from None
            values += result.values
            changed += result.changed
            verb = "to re-encrypt" if dry_run else "re-encrypted"
            self.stdout.write(
                f"  {result.label:<34} {result.values:>7} values {result.changed:>7} {verb}"
            )
        self._summary(dry_run, values, changed, time.monotonic() - started)

    def _summary(self, dry_run: bool, values: int, changed: int, seconds: float) -> None:
        if dry_run:
            self.stdout.write(
                f"{changed} of {values} values would be re-encrypted ({seconds:.1f} s). "
                "Nothing was changed."
            )
            if changed == 0:
                self.stdout.write(
                    "Every value is encrypted with the first key: the other keys can be "
                    "removed from FIELD_ENCRYPTION_KEYS (keep them with older backups)."
                )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Re-encrypted {changed} of {values} values in {seconds:.1f} s; the rest had the "
                "first key already."
            )
        )
        self.stdout.write(
            "Once every running instance has the new FIELD_ENCRYPTION_KEYS, run "
            "`kansrijk rotate-keys --dry-run`: when it finds nothing to re-encrypt, remove the "
            "old keys (keep them with the backups made before today)."
        )
