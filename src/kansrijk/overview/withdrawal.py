"""What withdrawing a consent changes, said on the page that asks before it is done."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kansrijk.access.models import Consent
from kansrijk.core.confirm import Confirmation


def withdrawal(consent: Consent, *, participant: bool) -> Confirmation:
    """What withdrawing this consent changes, in the words of its page: the participant's own
    page speaks to them, the file's page to the coordinator or buddy who records it."""
    recipient = consent.recipient_label
    parts = [str(part.label) for part in consent.parts]
    if participant:
        return Confirmation(
            title=pgettext("participant", "Stop this?"),
            lead=pgettext(
                "participant",
                "If you stop this, %(recipient)s can no longer see this of your file:",
            )
            % {"recipient": recipient},
            facts=parts,
            afterwards=pgettext(
                "participant",
                "This counts at once. Do you want it again later? You can allow it again "
                "yourself, under “Choose who may see what”.",
            ),
            button=pgettext("participant", "Yes, stop this"),
            cancel_url=reverse("my_file"),
        )
    return Confirmation(
        title=_("Withdraw this consent?"),
        lead=_("From the next page on, %(recipient)s can no longer see these parts of the file:")
        % {"recipient": recipient},
        facts=parts,
        afterwards=_(
            "A withdrawn consent cannot be switched back on. If the participant wants it again "
            "later, record a new consent."
        ),
        button=_("Yes, withdraw the consent"),
        cancel_url=reverse("consents", args=[consent.household.uuid]),
    )
