from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    """The participant's rights: a download of all their data, erasure, and retention periods.

    It comes after every app that holds part of a household's file, so it may read them all.
    """

    name = "kansrijk.rights"
    verbose_name = _("rights of the participant")
