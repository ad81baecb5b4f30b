"""Assessments move onto configurable frameworks (issue 6), step 1 of 3: new columns beside the
old ones. Step 2 fills them, step 3 drops the old domain code and makes them required."""

import django.db.models.deletion
import kansrijk.core.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0002_encrypt_notes'),
        ('frameworks', '0002_shipped_frameworks'),
    ]

    operations = [
        migrations.RemoveConstraint(model_name='domainscore', name='one_score_per_domain'),
        migrations.RemoveConstraint(model_name='domainscore', name='levels_on_the_scale'),
        # The old code column gets a default, so that migrating back can add it again to rows
        # that exist (step 3 drops it; step 2 backwards fills it in).
        migrations.AlterField(
            model_name='domainscore',
            name='domain',
            field=models.CharField(default='', max_length=20, verbose_name='life domain'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='framework',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='assessments', to='frameworks.framework', verbose_name='framework'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='with_participant',
            field=models.BooleanField(default=True, verbose_name='the participant took part'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='with_buddy',
            field=models.BooleanField(default=True, verbose_name='the buddy took part'),
        ),
        migrations.AddField(
            model_name='domainscore',
            name='framework_domain',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frameworks.domain', verbose_name='life domain'),
        ),
        migrations.AddField(
            model_name='domainscore',
            name='note',
            field=kansrijk.core.fields.EncryptedTextField(blank=True, default='', verbose_name='note'),
            preserve_default=False,
        ),
    ]
