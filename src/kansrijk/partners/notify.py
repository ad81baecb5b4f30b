"""E-mail to the referrer when their referral takes a new step.

The e-mail names no one and says nothing of the household: only the day of the referral, the
new step and a link to log in, where the referrer's page shows what they may see.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kansrijk.core.dates import long_date
from kansrijk.trajectories.models import PhaseChange

from .choices import ReferralStatus
from .models import PartnerReferral
from .selectors import status_of_phase


def _send(referral: PartnerReferral, status: ReferralStatus) -> None:
    referrer = referral.referred_by
    if referrer is None or not referrer.email or not referrer.is_active:
        return  # a partner system's referral: its system asks the API
    # Referrers are staff: the e-mail is in the interface language, as their pages are.
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.SITE_URL + reverse("my_referral", args=[referral.uuid])
        day = long_date(referral.created_at)
        if status == ReferralStatus.DECLINED:
            message = _(
                "Your referral of %(day)s was not accepted. Log in to read why.\n\n%(link)s\n"
            )
        else:
            message = _(
                "Your referral of %(day)s has a new step: %(step)s. Log in to have a look."
                "\n\n%(link)s\n"
            )
        send_mail(
            subject=_("Your referral has a new step"),
            message=message % {"day": day, "step": status.label, "link": link},
            from_email=None,
            recipient_list=[referrer.email],
        )


def referral_declined(referral_pk: int) -> None:
    referral = PartnerReferral.objects.select_related("referred_by").filter(pk=referral_pk).first()
    if referral is not None:
        _send(referral, ReferralStatus.DECLINED)


def _tell_of_new_step(trajectory_id: int, step: ReferralStatus) -> None:
    referral = (
        PartnerReferral.objects.filter(trajectory_id=trajectory_id)
        .select_related("referred_by")
        .first()
    )
    if referral is not None:
        _send(referral, step)


def phase_changed(sender: type, instance: PhaseChange, created: bool, **kwargs: object) -> None:
    """post_save of a PhaseChange: once it is committed, tell the referrer if their step moved.

    Most changes keep the referrer's step (referred, intake and matching are all "intake"):
    those queue nothing. The journey's first change (into the referral phase) is the
    acceptance: "intake"."""
    if not created or kwargs.get("raw"):
        return
    before = (
        status_of_phase(instance.from_phase) if instance.from_phase else ReferralStatus.RECEIVED
    )
    after = status_of_phase(instance.to_phase)
    if after == before:
        return
    trajectory_id = instance.trajectory_id
    transaction.on_commit(lambda: _tell_of_new_step(trajectory_id, after), robust=True)
