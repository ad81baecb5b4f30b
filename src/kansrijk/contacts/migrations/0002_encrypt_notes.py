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
        ('contacts', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='contact',
            name='note',
            field=kansrijk.core.fields.EncryptedTextField(blank=True, verbose_name='short note'),
        ),
        encrypt_existing_values('contacts', {'contact': ['note']}),
    ]
