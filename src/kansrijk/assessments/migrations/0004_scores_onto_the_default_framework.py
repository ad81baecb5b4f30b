"""Step 2 of 3: every assessment made before frameworks existed used the five life domains,
so it gets the default framework's first version, and each score its domain by code."""

from django.db import migrations

from kansrijk.frameworks.shipped import DEFAULT, install


def forwards(apps, schema_editor):
    Framework = apps.get_model("frameworks", "Framework")
    Domain = apps.get_model("frameworks", "Domain")
    Assessment = apps.get_model("assessments", "Assessment")
    DomainScore = apps.get_model("assessments", "DomainScore")
    if not Assessment.objects.exists():
        return
    # Installed by frameworks' own data migration; again here if its rows were removed since.
    framework = install(
        DEFAULT, framework_model=Framework, domain_model=Domain,
        level_model=apps.get_model("frameworks", "Level"),
    )
    Assessment.objects.filter(framework__isnull=True).update(framework=framework)
    for domain in Domain.objects.filter(framework=framework):
        DomainScore.objects.filter(domain=domain.code).update(framework_domain=domain)


def backwards(apps, schema_editor):
    Domain = apps.get_model("frameworks", "Domain")
    DomainScore = apps.get_model("assessments", "DomainScore")
    for domain in Domain.objects.filter(pk__in=DomainScore.objects.values("framework_domain")):
        DomainScore.objects.filter(framework_domain=domain).update(domain=domain.code)


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0003_framework_fields'),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
