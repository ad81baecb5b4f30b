from django.apps import AppConfig


class TrajectoriesConfig(AppConfig):
    name = "kansrijk.trajectories"

    def ready(self) -> None:
        from kansrijk.core.admin import configuration_changed

        from . import counts

        configuration_changed.connect(
            counts.configuration_changed, dispatch_uid="figures-after-admin-change"
        )
