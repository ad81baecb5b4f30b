"""Give every programme made before now the default outcome types, if it has none.

Until now a page installed them on first view; since reads never write, a programme gets them
when it is made (`outcomes.services.programme_made`), and this migration covers the others.
"""

from django.db import migrations

from kansrijk.outcomes.shipped import install_outcome_types


def forwards(apps, schema_editor):
    OutcomeType = apps.get_model("outcomes", "OutcomeType")
    Programme = apps.get_model("people", "Programme")
    for programme_id in Programme.objects.values_list("pk", flat=True):
        install_outcome_types(OutcomeType, programme_id)


class Migration(migrations.Migration):

    dependencies = [
        ("outcomes", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
