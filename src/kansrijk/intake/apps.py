from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "kansrijk.intake"
