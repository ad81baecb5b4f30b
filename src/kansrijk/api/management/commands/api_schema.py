"""`kansrijk api_schema`: print the API's OpenAPI document (for Spectral in `make lint`)."""

import json

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Print the OpenAPI 3 document of /api/v1/ as JSON."

    def handle(self, *args, **options):
        from kansrijk.api.v1 import api

        self.stdout.write(json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False))
