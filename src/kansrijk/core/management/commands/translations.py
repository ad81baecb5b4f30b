"""`kansrijk translations status` and `kansrijk translations sign --language ar --reviewer "…"`.

Status prints, per participant language, how many participant messages there are, how many are
translated and fuzzy, and whether a named reviewer signed them off (docs/translations.md).
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kansrijk.core.dates import today
from kansrijk.core.translations import NotComplete, State, sign, statuses

STATES = {
    State.DRAFT: "draft",
    State.REVIEWED: "reviewed",
    State.CHANGED: "changed since review",
}


class Command(BaseCommand):
    help = "Show how complete and reviewed each participant language is, or sign one off."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("status", help="participant messages per language, and their review")
        signing = actions.add_parser("sign", help="record that a named person reviewed a language")
        signing.add_argument("--language", required=True, help="the language code, e.g. ar")
        signing.add_argument("--reviewer", required=True, help="the reviewer's full name")

    def handle(self, *args, action: str, **options) -> None:
        if action == "sign":
            try:
                review = sign(options["language"], reviewer=options["reviewer"], on=today())
            except NotComplete as refusal:
                raise CommandError(str(refusal)) from None
            self.stdout.write(
                f"{options['language']}: signed off by {review.reviewer} on "
                f"{review.reviewed_on} (sha256 {review.sha256[:12]}…)"
            )
            return
        header = f"{'language':<16} {'messages':>8} {'translated':>10} {'fuzzy':>6}  status"
        self.stdout.write(header)
        for row in statuses():
            state = STATES[row.state]
            if row.review is not None:
                state += f" ({row.review.reviewer}, {row.review.reviewed_on})"
            self.stdout.write(
                f"{row.code + ' ' + row.name:<16.16} {row.messages:>8} {row.translated:>10} "
                f"{len(row.fuzzy):>6}  {state}"
            )
