from django.apps import AppConfig


class ScaleConfig(AppConfig):
    """Scale data for benchmarks: `kansrijk generate`. No models of its own."""

    name = "kansrijk.scale"
