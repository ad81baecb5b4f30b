"""`kansrijk daily`: the one command the daily timer runs (systemd timer, compose scheduler, cron).

It runs each command named in DAILY_JOBS, in order, by name (`call_command`), so `core` need
not know the later apps whose jobs it runs. A job that fails is reported and the next one runs
all the same: a failed e-mail server must not keep households past their retention period. At
the end one line on the logger `kansrijk.jobs` says how many ran and which failed, and the exit
status is non-zero if any did. Each job takes its own lock (core/jobs.py), and so does `daily`:
starting it on every node, or twice, is harmless.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from kansrijk.core.jobs import JobCommand


class Command(JobCommand):
    help = (
        "Run the daily jobs (DAILY_JOBS: reminders, retention, ...) one after the other; "
        "goes on after a failure and exits non-zero if any failed. Safe on every node."
    )

    def run(self, *args, **options) -> None:
        failed = [name for name in settings.DAILY_JOBS if not self._job(name)]
        self.counts["ran"] = len(settings.DAILY_JOBS)
        self.counts["failed"] = len(failed)
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(settings.DAILY_JOBS)} daily jobs failed: "
                + ", ".join(failed)
            )
        self.stdout.write(f"Daily jobs: {len(settings.DAILY_JOBS)} done.")

    def _job(self, name: str) -> bool:
        """Run one job; answer whether it went well. Its own log line says how it went."""
        try:
            call_command(name, stdout=self.stdout, stderr=self.stderr)
        except Exception as error:  # any job's failure, also a bug: the next job runs anyway
            self.stderr.write(f"{name} failed: {error}")
            return False
        return True
