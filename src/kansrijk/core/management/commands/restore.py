"""`kansrijk restore PATH`: replace the SQLite database with a backup made by `kansrijk backup`."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from kansrijk.core import backups


class Command(BaseCommand):
    # Restoring is how one recovers from a broken state: it must not wait for the checks.
    requires_system_checks = []
    help = (
        "Restore the SQLite database from a backup made by `kansrijk backup`, after checking "
        "it is a kansrijk database whose notes the configured keys can read. Needs --force when "
        "the database is not empty. On PostgreSQL it prints the pg_restore recipe instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to restore.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that has data: everything in it is overwritten.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, path: str, force: bool, database: str, **options) -> None:
        connection = connections[database]
        backups.refuse_unless_sqlite(connection, path, self.stdout.write)
        restored = backups.restore(connection, Path(path), force=force)
        self.stdout.write(
            self.style.SUCCESS(f"Restored {restored.tables} tables from {restored.path}.")
        )
        if restored.unapplied_migrations:
            self.stdout.write(
                f"The backup is from an older version ({restored.unapplied_migrations} "
                "migrations not applied yet): run `kansrijk migrate` next."
            )
        if restored.unknown_migrations:
            self.stderr.write(
                self.style.WARNING(
                    f"The backup has {restored.unknown_migrations} migrations this version does "
                    "not know: it comes from a newer kansrijk. Install that version before "
                    "using it."
                )
            )
        self.stdout.write(
            "The notes in it stay encrypted: FIELD_ENCRYPTION_KEYS must hold the keys kept "
            "with this backup."
        )
