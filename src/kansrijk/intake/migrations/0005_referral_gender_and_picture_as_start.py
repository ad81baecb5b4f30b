from django.conf import settings
from django.db import migrations, models
from django.utils import translation

# The picture step is the start assessment from now on (assessments), and the intake's other
# notes moved to step 3. A picture saved before held levels only, no level wanted, so it cannot
# become an assessment: its levels are kept in words in the intake's notes instead, and step 4
# counts as not saved (the start assessment was not recorded at that intake).
PICTURE_STEP = 4


def picture_into_notes(apps, schema_editor):
    Intake = apps.get_model("intake", "Intake")
    Domain = apps.get_model("frameworks", "Domain")
    names = dict(Domain.objects.values_list("code", "name"))
    # In the framework's order, not the stored one: PostgreSQL's jsonb keeps no key order.
    positions: dict[str, int] = {}
    for code, position in Domain.objects.values_list("code", "position"):
        positions[code] = min(position, positions.get(code, position))
    with translation.override(settings.LANGUAGE_CODE):
        for intake in Intake.objects.all():
            changed = []
            if intake.first_picture:
                levels = ", ".join(
                    f"{translation.gettext(names.get(code, code))} {level}"
                    for code, level in sorted(
                        intake.first_picture.items(),
                        key=lambda item: (positions.get(item[0], len(positions)), item[0]),
                    )
                )
                line = translation.gettext("First picture at the intake: %(levels)s") % {
                    "levels": levels
                }
                intake.notes = f"{intake.notes}\n\n{line}".strip()
                changed.append("notes")
            if PICTURE_STEP in intake.steps_saved:
                intake.steps_saved = [s for s in intake.steps_saved if s != PICTURE_STEP]
                changed.append("steps_saved")
            if changed:
                intake.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0002_shipped_frameworks"),
        ("intake", "0004_intake_steps"),
    ]

    operations = [
        migrations.RunPython(picture_into_notes, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="intake",
            name="first_picture",
        ),
        migrations.AddField(
            model_name="referral",
            name="preferred_gender",
            field=models.CharField(
                blank=True,
                choices=[
                    ("woman", "woman"),
                    ("man", "man"),
                    ("other", "other"),
                    ("unsaid", "would rather not say"),
                ],
                max_length=10,
                verbose_name="preferred gender of the buddy",
            ),
        ),
    ]
