"""`kansrijk restore PATH`: replace the database with a backup made by `kansrijk backup`.

The checks before and after (the manifest, the keys, the rows) are in kansrijk.core.backups.
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from kansrijk.core import backups


class Command(BaseCommand):
    # Restoring is how one recovers from a broken state: it must not wait for the checks.
    requires_system_checks = []
    help = (
        "Restore the database from a backup made by `kansrijk backup`, after checking it "
        "against its manifest (PATH.manifest.json) and that the configured keys can read its "
        "notes; afterwards it checks the rows per table. Needs --force when the database is "
        "not empty. Stop the app while it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to restore.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that has data: everything in it is overwritten.",
        )
        parser.add_argument(
            "--ignore-keys",
            action="store_true",
            help="Restore even when none of FIELD_ENCRYPTION_KEYS is the backup's key.",
        )
        parser.add_argument(
            "--without-manifest",
            action="store_true",
            help="Restore a backup that has no manifest, without the key and row checks.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(
        self,
        *args,
        path: str,
        force: bool,
        ignore_keys: bool,
        without_manifest: bool,
        database: str,
        **options,
    ) -> None:
        restored = backups.restore(
            connections[database],
            Path(path),
            force=force,
            ignore_keys=ignore_keys,
            without_manifest=without_manifest,
        )
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
