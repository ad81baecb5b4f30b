from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiScope(models.TextChoices):
    """What a client may do. A client holds one or more; each operation needs one."""

    REFERRALS_WRITE = "referrals:write", _("refer households")
    REFERRALS_READ = "referrals:read", _("read the status of its referrals")
    FIGURES_READ = "figures:read", _("read a programme's figures")


# The role the audit log gives a client's calls (the client is named as who acted).
API_ROLE = "api"
