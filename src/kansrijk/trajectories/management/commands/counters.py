"""`kansrijk counters --check | --rebuild`: the phase counts kept on write, against a recount."""

from django.core.management.base import BaseCommand, CommandError

from kansrijk.trajectories import counts


class Command(BaseCommand):
    help = (
        "Compare the phase counts kept on write with a recount of the journeys (--check, exit "
        "code 1 on a difference), or replace them by a recount in one transaction (--rebuild)."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--check", action="store_true", help="List differences; exit 1.")
        action.add_argument("--rebuild", action="store_true", help="Recount every programme.")

    def handle(self, *args, check: bool, rebuild: bool, **options) -> None:
        if rebuild:
            rows = counts.rebuild()
            self.stdout.write(f"Phase counts rebuilt: {rows} rows.")
            return
        found = counts.differences()
        if not found:
            self.stdout.write("Phase counts agree with a recount.")
            return
        for (programme, area, phase), (kept, counted) in found.items():
            self.stdout.write(
                f"programme {programme}, area {area}, {phase}: kept {kept}, recounted {counted}"
            )
        raise CommandError(f"{len(found)} phase counts differ from a recount.", returncode=1)
