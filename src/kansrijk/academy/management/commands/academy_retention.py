"""`kansrijk academy_retention`: erase rejected buddy candidates whose retention date passed.

A rejected candidate's data is kept for the programme's retention period (Academie settings,
default four weeks) so questions about the decision can be answered; then who they were goes,
the stage and dates stay for the counts. Run it daily, next to `kansrijk retention`. Safe to run
again. It prints counts, never names.
"""

from django.core.management.base import BaseCommand

from kansrijk.academy.choices import Stage
from kansrijk.academy.models import Candidate
from kansrijk.academy.services import erase_expired_candidates
from kansrijk.core.dates import today


class Command(BaseCommand):
    help = "Erase rejected buddy candidates whose retention period is over. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only report what would be erased."
        )

    def handle(self, *args, dry_run: bool, **options) -> None:
        if dry_run:
            count = Candidate.objects.filter(
                stage=Stage.REJECTED, erase_after__lt=today(), erased_at__isnull=True
            ).count()
            self.stdout.write(f"{count} rejected candidate(s) would be erased. Nothing changed.")
            return
        count = erase_expired_candidates()
        self.stdout.write(self.style.SUCCESS(f"{count} rejected candidate(s) erased."))
