from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcademyConfig(AppConfig):
    name = "kansrijk.academy"
    verbose_name = _("Buddies: selection, Buddy Academie and Buddy Building")
