"""`kansrijk retention`: erase households whose retention period is over. `kansrijk daily` runs it.

Households whose last trajectory ended more than RETENTION_YEARS_AFTER_END years ago, and
referrals that never started (dropped out before a buddy was found) more than
RETENTION_MONTHS_UNMATCHED months ago, are erased with `household_erase`: the counts stay,
who it was goes. `--dry-run` only reports, per programme, how many and why. Running it twice
changes nothing more: erased households are never picked again. It prints counts, never names.
It also forgets the one-time keys of forms sent more than a week ago (core/submissions.py).

Partners' referrals (docs/partners.md): one nobody decided on within
RETENTION_UNDECIDED_REFERRAL_DAYS days is declined, with a reason the referrer reads; a declined
one's names, contact details and texts are blanked RETENTION_DECLINED_REFERRAL_DAYS days after
the decline. Both are picked once: running it again changes nothing more.

It is a job (core/jobs.py): one run at a time, progress on stderr per batch of households, one
log line at the end. Each household is erased in a transaction of its own, so a crash keeps
the erasures before it and the next run picks up the rest.
"""

from django.conf import settings

from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.core.jobs import JobCommand, chunks
from kansrijk.core.submissions import forget_old_submissions
from kansrijk.partners import selectors as referrals
from kansrijk.partners.services import (
    partner_referrals_blank_declined,
    partner_referrals_decline_undecided,
)
from kansrijk.people.models import Programme
from kansrijk.rights.selectors import Expired, Expiry, expired_households, per_programme
from kansrijk.rights.services import household_erase


def _why(expiry: Expiry) -> str:
    if expiry == Expiry.ENDED:
        return f"ended more than {settings.RETENTION_YEARS_AFTER_END} years ago"
    return f"never started, ended more than {settings.RETENTION_MONTHS_UNMATCHED} months ago"


class Command(JobCommand):
    help = (
        "Erase households whose retention period is over (RETENTION_YEARS_AFTER_END, "
        "RETENTION_MONTHS_UNMATCHED); decline partners' referrals nobody decided on "
        "(RETENTION_UNDECIDED_REFERRAL_DAYS) and blank declined ones "
        "(RETENTION_DECLINED_REFERRAL_DAYS). Keeps the figures; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only report what would be erased."
        )

    def run(self, *args, dry_run: bool, **options) -> None:
        expired = expired_households(today())
        if not dry_run:
            expired = self._erase_all(expired)
        self.counts["would_erase" if dry_run else "erased"] = len(expired)
        counts = per_programme(expired)
        verb = "would be erased" if dry_run else "erased"
        for programme in Programme.objects.order_by("name"):
            found = counts.get(programme, dict.fromkeys(Expiry, 0))
            total = sum(found.values())
            reasons = "; ".join(f"{n} {_why(expiry)}" for expiry, n in found.items() if n)
            self.stdout.write(
                f"{programme.name}: {total} household{'s' if total != 1 else ''} {verb}"
                + (f" ({reasons})" if reasons else "")
            )
        self._referrals(dry_run)
        if dry_run:
            self.stdout.write(f"{len(expired)} in all would be erased. Nothing was changed.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{len(expired)} in all erased."))
            forgotten = forget_old_submissions()
            self.counts["form_keys_forgotten"] = forgotten
            self.stdout.write(
                f"{forgotten} one-time form key{'s' if forgotten != 1 else ''} forgotten."
            )

    def _erase_all(self, expired: list[Expired]) -> list[Expired]:
        """Erase each household (a transaction each); answer those erased."""
        erased: list[Expired] = []
        done = self.counts["skipped"] = 0
        for batch in chunks(expired):
            erased += [item for item in batch if self._erase(item)]
            done += len(batch)
            self.progress(done, len(expired))
        return erased

    def _erase(self, item: Expired) -> bool:
        try:
            household_erase(
                household=item.household, by=None, reason=f"retention: {_why(item.expiry)}"
            )
        except Refused as refusal:
            # Reopened or erased by someone since the list was made: the next run looks again.
            self.stderr.write(f"Skipped household {item.household.uuid}: {refusal.message}")
            self.counts["skipped"] += 1
            return False
        return True

    def _referrals(self, dry_run: bool) -> None:
        """Partners' referrals: decline the undecided first, then blank the long declined."""
        undecided_days = settings.RETENTION_UNDECIDED_REFERRAL_DAYS
        declined_days = settings.RETENTION_DECLINED_REFERRAL_DAYS
        if dry_run:
            declined = referrals.undecided_overdue().count()
            blanked = referrals.declined_overdue().count()
            verb = "would be"
        else:
            declined = partner_referrals_decline_undecided()
            blanked = partner_referrals_blank_declined()
            verb = "were"
            self.counts["referrals_declined"] = declined
            self.counts["referrals_blanked"] = blanked
        self.stdout.write(
            f"Partner referrals: {declined} {verb} declined (no decision within "
            f"{undecided_days} days); {blanked} {verb} blanked (declined more than "
            f"{declined_days} days ago)."
        )
