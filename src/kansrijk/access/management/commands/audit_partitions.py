"""`kansrijk audit_partitions`: keep the audit log's months and its retention period (daily).

On PostgreSQL it makes the partitions of the coming months, moves rows out of the DEFAULT
partition into their own months, and, when AUDIT_RETENTION_MONTHS is set, drops the months
older than that. On SQLite it only removes the rows past the retention period, in batches.
The work is `access.partitions.upkeep`; the command is a daily job (`core.jobs`: one run at a
time, one log line). Safe to run again: a second run finds nothing to do.
It prints counts, never names.
"""

from dataclasses import asdict

from django.conf import settings

from kansrijk.access.partitions import is_partitioned, upkeep
from kansrijk.core.jobs import JobCommand


class Command(JobCommand):
    help = "Create the audit log's coming monthly partitions and apply its retention period."

    def run(self, *args, **options) -> None:
        retention = settings.AUDIT_RETENTION_MONTHS
        done = upkeep(retention_months=retention)
        self.counts.update({key: value for key, value in asdict(done).items() if value})
        kept = f"entries older than {retention} months removed" if retention else "all kept"
        if is_partitioned():
            self.stdout.write(
                f"audit log: {done.created} month partition(s) created, "
                f"{done.moved} row(s) moved out of the default partition, "
                f"{done.dropped} month(s) dropped with {done.dropped_rows} row(s) ({kept})."
            )
        else:
            self.stdout.write(
                f"audit log (not partitioned): {done.deleted_rows} row(s) removed ({kept})."
            )
