"""Matching's own "away" and "trained" move to the Academie, without losing a row.

- `unavailable_until` becomes an `academy.Pause` with reason holiday, from the day of the
  migration (or the day itself, when it has passed) until that date. The profile never said
  who wrote it down, so the break's `recorded_by` stays empty.
- `training_complete = False` becomes an `academy.TrainingHold` on the buddy's role: the
  required courses alone cannot say "not trained" in a programme that requires none, so the
  coordinator's word is kept as an explicit hold that the Academie's readiness rule reads.

Backwards, exactly those rows (holiday breaks without a recorder, and the holds) go back onto
the profiles.
"""

from django.db import migrations
from django.utils import timezone


def to_academy(apps, schema_editor):
    BuddyProfile = apps.get_model("matching", "BuddyProfile")
    Pause = apps.get_model("academy", "Pause")
    TrainingHold = apps.get_model("academy", "TrainingHold")
    on = timezone.localdate()
    away = BuddyProfile.objects.filter(unavailable_until__isnull=False).select_related("role")
    Pause.objects.bulk_create(
        Pause(
            user_id=profile.role.user_id,
            starts_on=min(on, profile.unavailable_until),
            ends_on=profile.unavailable_until,
            reason="holiday",
            recorded_by=None,
        )
        for profile in away
    )
    untrained = BuddyProfile.objects.filter(training_complete=False)
    TrainingHold.objects.bulk_create(
        TrainingHold(role_id=role_id, recorded_by=None)
        for role_id in untrained.values_list("role_id", flat=True)
    )


def to_matching(apps, schema_editor):
    BuddyProfile = apps.get_model("matching", "BuddyProfile")
    Pause = apps.get_model("academy", "Pause")
    TrainingHold = apps.get_model("academy", "TrainingHold")
    moved = Pause.objects.filter(reason="holiday", recorded_by__isnull=True)
    for pause in moved.order_by("ends_on"):
        BuddyProfile.objects.filter(role__user_id=pause.user_id).update(
            unavailable_until=pause.ends_on
        )
    moved.delete()
    held = TrainingHold.objects.values_list("role_id", flat=True)
    BuddyProfile.objects.filter(role_id__in=held).update(training_complete=False)
    TrainingHold.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0002_home_area_and_weights"),
        ("academy", "0002_one_absence_and_training_hold"),
    ]

    operations = [
        migrations.RunPython(to_academy, to_matching),
        migrations.RemoveField(
            model_name="buddyprofile",
            name="training_complete",
        ),
        migrations.RemoveField(
            model_name="buddyprofile",
            name="unavailable_until",
        ),
    ]
