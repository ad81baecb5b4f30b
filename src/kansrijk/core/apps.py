from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _make_cache_tables(using: str = "default", **kwargs) -> None:
    # The rate limiter's cache lives in a table (settings.CACHES); `migrate` makes it, so no
    # extra step is needed on a new install (it does nothing when the table is there).
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "kansrijk.core"

    def ready(self) -> None:
        post_migrate.connect(_make_cache_tables, sender=self, dispatch_uid="kansrijk-cache-tables")
