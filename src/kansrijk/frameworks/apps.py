from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "kansrijk.frameworks"
