"""A consent "for the referring organisation" becomes one naming that organisation.

Until access migration 0007 a consent could go to the referrer, a kind: whoever worked at the
organisation that referred the household. Now consent names an organisation, and the referrer
is one like any other. Each such consent is turned into one naming the organisation of the
household's latest referral, so the same people keep seeing the same parts. A consent whose
household has no referral named nobody anyone could be: it keeps its old value and counts for
nobody, as before. The rows are changed in place, so their dates and history stay as they were.
"""

from django.db import migrations

REFERRER = "referrer"  # the recipient that was, kept only here
ORGANISATION = "organisation"


def name_the_referrer(apps, schema_editor):
    Consent = apps.get_model("access", "Consent")
    Referral = apps.get_model("intake", "Referral")
    for consent in Consent.objects.filter(recipient=REFERRER).iterator():
        referral = (
            Referral.objects.filter(trajectory__household_id=consent.household_id)
            .order_by("-trajectory__referred_on", "-trajectory_id")
            .first()
        )
        if referral is None:
            continue
        consent.recipient = ORGANISATION
        consent.organisation_id = referral.organisation_id
        consent.save(update_fields=["recipient", "organisation"])


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0005_referral_gender_and_picture_as_start"),
        ("access", "0007_consent_organisation"),
    ]

    # Back, the consents stay named: which of them were the referrer's is not known any more.
    operations = [migrations.RunPython(name_the_referrer, migrations.RunPython.noop)]
