"""`kansrijk api_client create|revoke|list`: an administrator's API clients.

    kansrijk api_client create --organisation wij-beijum --programme oost \
        --name "Verwijssysteem WIJ" --scope referrals:write --scope referrals:read --days 90
    kansrijk api_client revoke kr_1a2b3c4d
    kansrijk api_client list

`create` prints the key once; kansrijk keeps only its hash.
"""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kansrijk.core.errors import Refused
from kansrijk.people.models import Organisation, Programme

from ...choices import ApiScope
from ...models import ApiClient
from ...services import api_client_create, api_client_revoke


class Command(BaseCommand):
    help = "Create, revoke or list API clients (the key is printed once, at creation)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("--organisation", required=True, help="the organisation's slug")
        create.add_argument(
            "--programme", action="append", required=True, help="a programme's slug"
        )
        create.add_argument("--name", required=True)
        create.add_argument("--scope", action="append", required=True, choices=ApiScope.values)
        create.add_argument("--days", type=int, default=settings.API_KEY_MAX_DAYS)
        revoke = sub.add_parser("revoke")
        revoke.add_argument("prefix", help="the key's start: kr_1a2b3c4d (or just 1a2b3c4d)")
        sub.add_parser("list")

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except Refused as refused:
            raise CommandError(refused.message) from refused

    def _create(self, options):
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation {options['organisation']!r}.")
        programmes = list(Programme.objects.filter(slug__in=options["programme"]))
        if len(programmes) != len(set(options["programme"])):
            raise CommandError("Not every programme exists.")
        client, key = api_client_create(
            by=None,
            organisation=organisation,
            name=options["name"],
            programmes=programmes,
            scopes=options["scope"],
            expires_at=timezone.now() + dt.timedelta(days=options["days"]),
        )
        self.stdout.write(f"{client} until {client.expires_at:%Y-%m-%d}. The key (shown once):")
        self.stdout.write(key)

    def _revoke(self, options):
        prefix = options["prefix"].removeprefix("kr_")[:8]
        client = ApiClient.objects.filter(key_prefix=prefix).first()
        if client is None:
            raise CommandError(f"No client with key kr_{prefix}_….")
        api_client_revoke(client=client, by=None)
        self.stdout.write(f"Stopped: {client}.")

    def _list(self, options):
        for client in ApiClient.objects.select_related("organisation"):
            state = "stopped" if client.revoked_at else f"until {client.expires_at:%Y-%m-%d}"
            self.stdout.write(f"kr_{client.key_prefix}_…  {client}  {client.scopes}  {state}")
