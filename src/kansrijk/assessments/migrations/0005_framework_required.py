"""Step 3 of 3: the score's domain is the framework's domain; the old code column goes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0004_scores_onto_the_default_framework'),
    ]

    operations = [
        migrations.RemoveField(model_name='domainscore', name='domain'),
        migrations.RenameField(model_name='domainscore', old_name='framework_domain', new_name='domain'),
        migrations.AlterField(
            model_name='domainscore',
            name='domain',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frameworks.domain', verbose_name='life domain'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='framework',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assessments', to='frameworks.framework', verbose_name='framework'),
        ),
        migrations.AlterField(
            model_name='domainscore',
            name='level',
            field=models.PositiveSmallIntegerField(verbose_name='now'),
        ),
        migrations.AlterField(
            model_name='domainscore',
            name='wanted_level',
            field=models.PositiveSmallIntegerField(verbose_name='wants to reach'),
        ),
        migrations.AlterModelOptions(
            name='domainscore',
            options={'ordering': ['assessment', 'domain__position', 'id'], 'verbose_name': 'domain score', 'verbose_name_plural': 'domain scores'},
        ),
        migrations.AddConstraint(
            model_name='domainscore',
            constraint=models.UniqueConstraint(fields=('assessment', 'domain'), name='one_score_per_domain'),
        ),
        migrations.AddConstraint(
            model_name='domainscore',
            constraint=models.CheckConstraint(condition=models.Q(('level__gte', 1), ('wanted_level__gte', 1)), name='levels_from_one'),
        ),
    ]
