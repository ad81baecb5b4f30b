"""`kansrijk backup PATH`: a consistent copy of the SQLite database while the app runs."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from kansrijk.core import backups


class Command(BaseCommand):
    # A backup must work even while some part of the app fails its checks.
    requires_system_checks = []
    help = (
        "Back up the SQLite database to PATH with SQLite's online backup API (safe while the "
        "app runs). On PostgreSQL it prints the pg_dump recipe instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to write.")
        parser.add_argument("--force", action="store_true", help="Overwrite PATH if it exists.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, path: str, force: bool, database: str, **options) -> None:
        connection = connections[database]
        backups.refuse_unless_sqlite(connection, path, self.stdout.write)
        started = time.monotonic()
        copied = backups.backup(connection, Path(path), force=force)
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {copied.tables} tables to {copied.path} "
                f"({copied.size / 1_000_000:.1f} MB) in {time.monotonic() - started:.1f} s."
            )
        )
        self.stdout.write(backups.KEEP_THE_KEYS)
