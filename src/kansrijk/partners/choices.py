from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Source(models.TextChoices):
    """Where a referral came in: the referrer's own page, or a partner's system (the API)."""

    WEB = "web", _("web page")
    API = "api", _("partner system")


class Decision(models.TextChoices):
    """The coordinator's answer to a referral."""

    RECEIVED = "received", _("received")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("not accepted")


class ReferralStatus(models.TextChoices):
    """Where a referral stands, as the referrer follows it: a step line.

    Derived from the decision and, once accepted, from the journey's phase
    (`selectors.referral_status`); never stored, so it cannot drift from the journey.
    """

    RECEIVED = "received", pgettext_lazy("referral step", "received")
    DECLINED = "declined", pgettext_lazy("referral step", "not accepted")
    INTAKE = "intake", pgettext_lazy("referral step", "intake")
    BUDDY_FOUND = "buddy_found", pgettext_lazy("referral step", "buddy found")
    YEAR_RUNNING = "year_running", pgettext_lazy("referral step", "year running")
    ENDED = "ended", pgettext_lazy("referral step", "ended")


# The steps the referrer sees in a line, in order (a declined referral stops after the first).
STEP_LINE = (
    ReferralStatus.RECEIVED,
    ReferralStatus.INTAKE,
    ReferralStatus.BUDDY_FOUND,
    ReferralStatus.YEAR_RUNNING,
    ReferralStatus.ENDED,
)
