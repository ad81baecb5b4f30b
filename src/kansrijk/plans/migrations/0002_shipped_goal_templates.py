"""Ship a handful of common goals per life domain, as starting points for a new goal."""

from django.db import migrations

from kansrijk.plans.shipped import install_goal_templates


def forwards(apps, schema_editor):
    install_goal_templates(apps.get_model("plans", "GoalTemplate"))


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
