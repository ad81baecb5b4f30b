"""`kansrijk demo`: load the fictional demo programmes, or print the demo logins."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kansrijk.demo.api import api_demo
from kansrijk.demo.consents import organisation_consent_demo
from kansrijk.demo.control import control_demo
from kansrijk.demo.escalation import crisis_guidance_demo, escalation_demo
from kansrijk.demo.loader import (
    clashing_programmes,
    demo_is_loaded,
    load_demo,
    logins_table,
    phase_summary,
)
from kansrijk.demo.network import network_demo_households
from kansrijk.demo.plans import plan_demo_households
from kansrijk.demo.transfers import transfers_demo
from kansrijk.people.models import Programme
from kansrijk.trajectories.choices import Phase


class Command(BaseCommand):
    help = "Load fictional demo data: four Kansrijk programmes in Groningen. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the database has no programme at all (used by `make run`).",
        )
        parser.add_argument(
            "--logins", action="store_true", help="Only print the demo logins, load nothing."
        )

    def handle(self, *args, if_empty: bool, logins: bool, **options) -> None:
        if logins:
            self.stdout.write(logins_table())
            return
        if if_empty and Programme.objects.exists():
            self.stdout.write("The database has programmes already; no demo loaded.")
            return
        if demo_is_loaded():
            self.stdout.write("The demo is loaded already; nothing changed.")
        else:
            self._load()
        if not if_empty:
            # `make run` prints the logins itself, just before the server starts.
            self.stdout.write(logins_table())

    def _load(self) -> None:
        clashes = clashing_programmes()
        if clashes:
            raise CommandError(
                f"Programmes with the demo's names exist already: {', '.join(clashes)}. "
                "Load the demo into an empty database."
            )
        if not settings.DEBUG:
            # The demo users share a password printed below: never load them where it matters.
            self.stderr.write(
                self.style.WARNING(
                    "DEBUG is off. The demo users share a published password; "
                    "do not load the demo into a production database."
                )
            )
        started = time.monotonic()
        load_demo()
        plan_demo_households()
        escalation_demo()
        crisis_guidance_demo()
        network_demo_households()
        control_demo()
        transfers_demo()
        api_demo()
        organisation_consent_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo loaded in {time.monotonic() - started:.1f} s."))
        self._write_summary()

    def _write_summary(self) -> None:
        self.stdout.write(f"{'':22}" + "".join(f"{phase.value:>12}" for phase in Phase))
        for programme, counts in phase_summary():
            row = "".join(f"{counts[phase]:>12}" for phase in Phase)
            self.stdout.write(f"{programme:22}{row}")
        self.stdout.write("")
