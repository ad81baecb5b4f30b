"""Keep the household's programme on each trajectory, filled in for the journeys there are."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_programme(apps, schema_editor):
    Trajectory = apps.get_model("trajectories", "Trajectory")
    Household = apps.get_model("people", "Household")
    household = Household.objects.filter(pk=OuterRef("household_id"))
    Trajectory.objects.update(programme_id=Subquery(household.values("programme_id")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("trajectories", "0002_encrypt_notes"),
    ]

    operations = [
        migrations.AddField(
            model_name="trajectory",
            name="programme",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="people.programme",
                verbose_name="programme",
            ),
        ),
        migrations.RunPython(fill_programme, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="trajectory",
            name="programme",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="people.programme",
                verbose_name="programme",
            ),
        ),
        migrations.AddIndex(
            model_name="trajectory",
            index=models.Index(
                fields=["programme", "phase", "matched_on", "ended_on"],
                name="trajectory_figures",
            ),
        ),
    ]
