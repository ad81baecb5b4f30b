from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kansrijk.accounts"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (remembers when and how a session logged in)
