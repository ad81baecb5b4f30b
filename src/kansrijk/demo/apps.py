from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Fictional demo data: `kansrijk demo`. No models of its own."""

    name = "kansrijk.demo"
