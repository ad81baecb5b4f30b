from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "kansrijk.reports"
