"""Encrypt the sensitive free text at rest (issue 4): the columns become EncryptedTextFields,
then the plain text already stored is encrypted with the first of FIELD_ENCRYPTION_KEYS.

Backwards, the values are decrypted first and then the columns change back, so nothing is lost
either way. Running the encryption step on values that are tokens already leaves them alone.
"""

import kansrijk.core.fields
from django.db import migrations

from kansrijk.core.reencrypt import encrypt_existing_values


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0002_alter_referral_consent_method'),
    ]

    operations = [
        migrations.AlterField(
            model_name='intake',
            name='notes',
            field=kansrijk.core.fields.EncryptedTextField(blank=True, verbose_name='other notes'),
        ),
        migrations.AlterField(
            model_name='intake',
            name='strengths',
            field=kansrijk.core.fields.EncryptedTextField(blank=True, verbose_name='strengths'),
        ),
        migrations.AlterField(
            model_name='intake',
            name='stress_now',
            field=kansrijk.core.fields.EncryptedTextField(help_text='Calm at the base comes first: debts, housing, health, …', verbose_name='what causes the most stress now'),
        ),
        migrations.AlterField(
            model_name='intake',
            name='wishes',
            field=kansrijk.core.fields.EncryptedTextField(help_text="In the participant's own words", verbose_name='what do you want?'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='preferences',
            field=kansrijk.core.fields.EncryptedTextField(blank=True, help_text='For example: a woman, speaks Arabic, visits in the evening', verbose_name='wishes for the buddy'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='reason',
            field=kansrijk.core.fields.EncryptedTextField(verbose_name='why this household is referred'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='stress_sources',
            field=kansrijk.core.fields.EncryptedTextField(blank=True, verbose_name='main sources of stress'),
        ),
        encrypt_existing_values('intake', {'referral': ['reason', 'stress_sources', 'preferences'], 'intake': ['stress_now', 'wishes', 'strengths', 'notes']}),
    ]
