from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "kansrijk.access"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the login receivers)
        from .viewer import connect_receivers

        connect_receivers()
