"""`kansrijk backup PATH`: a consistent copy of the database while the app runs, with a manifest.

SQLite uses its online backup API, PostgreSQL pg_dump; see kansrijk.core.backups.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from kansrijk.core import backups


class Command(BaseCommand):
    # A backup must work even while some part of the app fails its checks.
    requires_system_checks = []
    help = (
        "Back up the database to PATH while the app runs (SQLite: its online backup API; "
        "PostgreSQL: pg_dump --format=custom) and describe it in PATH.manifest.json: the "
        "migrations, the rows per table and the fingerprints of the encryption keys."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to write.")
        parser.add_argument(
            "--force", action="store_true", help="Overwrite PATH and its manifest if they exist."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, path: str, force: bool, database: str, **options) -> None:
        started = time.monotonic()
        copied = backups.backup(connections[database], Path(path), force=force)
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {copied.tables} tables to {copied.path} "
                f"({copied.size / 1_000_000:.1f} MB) in {time.monotonic() - started:.1f} s; "
                f"manifest: {copied.manifest}."
            )
        )
        self.stdout.write(backups.KEEP_THE_KEYS)
