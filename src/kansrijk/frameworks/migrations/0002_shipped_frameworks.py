"""Install the shipped frameworks: the default five life domains and the eleven life areas.

Their wording lives in `kansrijk.frameworks.shipped`, which never changes a version in place
(a new wording is a new version there), so this migration installs the same rows whenever it runs.
"""

from django.db import migrations

from kansrijk.frameworks.shipped import SHIPPED, install


def install_shipped(apps, schema_editor):
    models = {
        "framework_model": apps.get_model("frameworks", "Framework"),
        "domain_model": apps.get_model("frameworks", "Domain"),
        "level_model": apps.get_model("frameworks", "Level"),
    }
    for spec in SHIPPED:
        install(spec, **models)


def remove_shipped(apps, schema_editor):
    Framework = apps.get_model("frameworks", "Framework")
    for spec in SHIPPED:
        Framework.objects.filter(slug=spec.slug, version=spec.version).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("frameworks", "0001_initial"),
    ]

    operations = [migrations.RunPython(install_shipped, remove_shipped)]
