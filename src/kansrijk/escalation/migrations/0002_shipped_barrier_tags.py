"""Ship a default list of kinds of barrier and agencies to tag Doorbraak cases with."""

from django.db import migrations

from kansrijk.escalation.shipped import install_barrier_tags


def forwards(apps, schema_editor):
    install_barrier_tags(apps.get_model("escalation", "BarrierTag"))


class Migration(migrations.Migration):

    dependencies = [
        ("escalation", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
