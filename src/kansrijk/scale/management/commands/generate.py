"""`kansrijk generate --households N`: fill an empty database with fictional households quickly."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from kansrijk.scale.generate import DEFAULT_PER_PROGRAMME, DEFAULT_YEARS, generate, progress_bar


class Command(BaseCommand):
    help = (
        "Fill the database with many fictional households in every phase, for benchmarks. "
        "Use an empty database (or one with only the demo): never a real one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--households", type=int, required=True, help="How many households.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument(
            "--per-programme",
            type=int,
            default=DEFAULT_PER_PROGRAMME,
            help="Households per programme (a city's programme; more programmes as N grows).",
        )
        parser.add_argument(
            "--years", type=int, default=DEFAULT_YEARS, help="Years of history before today."
        )
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, households, seed, per_programme, years, quiet, **options) -> None:
        if households < 1 or per_programme < 1 or years < 1:
            raise CommandError("--households, --per-programme and --years must be at least 1.")
        started = time.monotonic()
        try:
            counts = generate(
                households,
                seed=seed,
                per_programme=per_programme,
                years=years,
                progress=None if quiet else progress_bar(sys.stderr),
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        elapsed = time.monotonic() - started
        self.stdout.write(f"Generated in {elapsed:.1f} s:")
        for label, n in sorted(counts.items()):
            self.stdout.write(f"  {label:28} {n:>12,}")
