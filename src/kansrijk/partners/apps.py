from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "kansrijk.partners"
    verbose_name = _("partners")

    def ready(self) -> None:
        # The referrer hears of each new step of the journey they started (`notify.py`).
        from django.db.models.signals import post_save

        from kansrijk.trajectories.models import PhaseChange

        from .notify import phase_changed

        post_save.connect(phase_changed, sender=PhaseChange, dispatch_uid="partners-phase-change")
