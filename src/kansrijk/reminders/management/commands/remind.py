"""`kansrijk remind`: e-mail each person a digest of what is due today. `kansrijk daily` runs it.

Buddies, backup professionals and coordinators get one e-mail a day at the most, and only when
something is due for them (see `reminders.selectors`; a coordinator's follow-ups after closure
are items of that same digest, never an e-mail of their own). Running it again the same day
sends nothing more; the next day it sends again. Two runs at the same moment (two nodes whose
lock failed) still send each digest once: `digest_send` claims the person's row for the day
before it sends, and gives the claim back when sending fails. `--dry-run` prints the e-mails it
would send and changes nothing. Links point at SITE_URL.

It is a job (core/jobs.py): one run at a time, people in batches with an SMTP connection per
batch, progress on stderr, one log line at the end.
"""

import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django.core.management.base import CommandError

from kansrijk.core.dates import today
from kansrijk.core.jobs import JobCommand, in_batches
from kansrijk.reminders.models import ReminderDigest
from kansrijk.reminders.selectors import digest_for, recipients
from kansrijk.reminders.services import digest_send, render_digest


class Command(JobCommand):
    help = (
        "E-mail buddies, backup professionals and coordinators what is due today: at most one "
        "e-mail per person per day. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the e-mails, send and record nothing."
        )

    def run(self, *args, dry_run: bool, **options) -> None:
        site_url = settings.SITE_URL
        if not site_url:
            raise CommandError(
                "Set SITE_URL (for example https://kansrijk.example.nl): the e-mails link to it."
            )
        day = today()
        outcomes = ("would_send",) if dry_run else ("sent", "failed")
        self.counts.update(dict.fromkeys((*outcomes, "already", "nothing_due", "no_address"), 0))
        people = recipients()
        total, done = people.count(), 0
        for batch in in_batches(people):
            # Only to skip the work of composing a digest: `digest_send` decides by its claim.
            already = set(
                ReminderDigest.objects.filter(day=day, user__in=batch).values_list(
                    "user_id", flat=True
                )
            )
            with get_connection() as connection:
                for user in batch:
                    self.counts[self._one(user, day, site_url, already, dry_run, connection)] += 1
            done += len(batch)
            self.progress(done, total)
        self._summary(dry_run)
        if self.counts["failed"]:
            raise CommandError(
                f"{self.counts['failed']} e-mail(s) could not be sent; the next run tries again."
            )

    def _one(self, user, day, site_url, already, dry_run, connection) -> str:
        if user.pk in already:
            return "already"
        if not user.email:
            return "no_address"
        digest = digest_for(user)
        if digest.is_empty:
            return "nothing_due"
        if dry_run:
            subject, text, _html = render_digest(digest, day=day, site_url=site_url)
            self.stdout.write(f"To: {user.email}\nSubject: {subject}\n\n{text.strip()}\n")
            self.stdout.write("-" * 72)
            return "would_send"
        try:
            sent = digest_send(digest=digest, day=day, site_url=site_url, connection=connection)
        except (smtplib.SMTPException, OSError) as error:
            # Never the address or a name in the output: cron mails it around.
            self.stderr.write(f"Could not send to user {user.uuid}: {error}")
            return "failed"
        return "sent" if sent else "already"

    def _summary(self, dry_run: bool) -> None:
        counts = self.counts
        parts = [
            f"{counts['would_send'] if dry_run else counts['sent']} "
            + ("would be sent" if dry_run else "sent"),
            f"{counts['already']} sent earlier today",
            f"{counts['nothing_due']} with nothing due",
            f"{counts['no_address']} without an e-mail address",
        ]
        if counts["failed"]:
            parts.append(f"{counts['failed']} failed")
        line = "Reminder e-mails: " + ", ".join(parts) + "."
        if dry_run:
            line += " Nothing was sent or recorded."
        self.stdout.write(self.style.SUCCESS(line) if not counts["failed"] else line)
