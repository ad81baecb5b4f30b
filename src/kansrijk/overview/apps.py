from django.apps import AppConfig


class OverviewConfig(AppConfig):
    """The pages that bring the journey's parts together: role home pages and the household file.

    It comes last in the journey, so it may read from every app before it.
    """

    name = "kansrijk.overview"
