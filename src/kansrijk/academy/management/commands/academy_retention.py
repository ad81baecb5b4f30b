"""`kansrijk academy_retention`: erase rejected buddy candidates whose retention date passed.

A rejected candidate's data is kept for the programme's retention period (Academie settings,
default four weeks) so questions about the decision can be answered; then who they were goes,
the stage and dates stay for the counts. `kansrijk daily` runs it, after `kansrijk retention`.
Safe to run again: an erased candidate is never picked twice. It prints counts, never names.

It is a job (core/jobs.py): one run at a time, a transaction per batch of candidates (a crash
keeps the batches done), progress on stderr, one log line at the end.
"""

from kansrijk.academy.selectors import past_retention
from kansrijk.academy.services import erase_expired_candidates
from kansrijk.core.dates import today
from kansrijk.core.jobs import BATCH_SIZE, JobCommand


class Command(JobCommand):
    help = "Erase rejected buddy candidates whose retention period is over. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only report what would be erased."
        )

    def run(self, *args, dry_run: bool, **options) -> None:
        day = today()
        total = past_retention(day).count()
        if dry_run:
            self.counts["would_erase"] = total
            self.stdout.write(f"{total} rejected candidate(s) would be erased. Nothing changed.")
            return
        self.counts["erased"] = 0
        while erased := erase_expired_candidates(day, limit=BATCH_SIZE):
            self.counts["erased"] += erased
            self.progress(self.counts["erased"], total)
            if erased < BATCH_SIZE:
                break
        self.stdout.write(
            self.style.SUCCESS(f"{self.counts['erased']} rejected candidate(s) erased.")
        )
