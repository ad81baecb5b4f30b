from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "kansrijk.outcomes"
    verbose_name = _("Outcomes")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from kansrijk.people.models import Programme

        from .services import programme_made

        post_save.connect(programme_made, sender=Programme, dispatch_uid="outcome-types-of-new")
