"""Frameworks: the shipped ones, the programme's choice, and versions that never rewrite the past."""

import pytest
from django.db import IntegrityError
from django.utils import translation
from django.utils.translation import gettext

from kansrijk.frameworks.models import Domain, Framework, Level, ProgrammeFramework
from kansrijk.frameworks.selectors import default_framework, framework_for, frameworks_to_choose
from kansrijk.frameworks.services import new_version
from kansrijk.frameworks.shipped import BROAD, DEFAULT, SHIPPED
from tests.factories import shipped_framework

FIVE = ["home", "wellbeing", "finances", "education", "work"]


def _choose(programme, framework) -> None:
    ProgrammeFramework.objects.update_or_create(
        programme=programme, defaults={"framework": framework}
    )


def test_the_default_framework_has_the_five_life_domains_on_five_levels(db):
    framework = default_framework()

    domains = list(framework.domains.prefetch_related("levels"))

    assert (framework.slug, framework.version) == ("kansrijk-five", 1)
    assert [d.code for d in domains] == FIVE
    assert all([lvl.value for lvl in d.levels.all()] == [1, 2, 3, 4, 5] for d in domains)
    assert all(lvl.description for d in domains for lvl in d.levels.all())


def test_the_second_framework_has_eleven_life_areas_of_its_own_wording(db):
    broad = shipped_framework(BROAD)

    codes = list(broad.domains.values_list("code", flat=True))

    assert len(codes) == 11
    assert codes[:3] == ["income", "daily-activities", "housing"]
    assert Level.objects.filter(domain__framework=broad).count() == 55


def test_every_shipped_text_has_a_dutch_translation(db):
    texts = {spec.name for spec in SHIPPED} | {spec.description for spec in SHIPPED}
    for spec in SHIPPED:
        for domain in spec.domains:
            texts.add(domain.name)
            texts.update(text for level in domain.levels for text in level)

    with translation.override("nl"):
        untranslated = sorted(text for text in texts if gettext(text) == text)

    assert untranslated == []


def test_a_programme_without_a_choice_uses_the_newest_default(cast):
    newer = new_version(default_framework())

    assert framework_for(cast.programme) == newer
    assert newer.version == 2


def test_a_programme_uses_the_version_it_chose(cast):
    broad = shipped_framework(BROAD)
    _choose(cast.programme, broad)

    assert framework_for(cast.programme) == broad
    assert framework_for(cast.other_programme).slug == DEFAULT.slug


def test_an_emptied_database_gets_no_default_from_a_read(db):
    Level.objects.all().delete()
    Domain.objects.all().delete()
    Framework.objects.all().delete()

    # The data migration installs the default; a read never does, not even when it is missing.
    with pytest.raises(Framework.DoesNotExist):
        default_framework()
    assert not Framework.objects.exists()


def test_a_new_version_copies_the_domains_and_levels(db):
    first = default_framework()

    copy = new_version(first, name="Five life domains, reworded")

    assert (copy.slug, copy.version, copy.name) == (first.slug, 2, "Five life domains, reworded")
    assert [(d.code, d.name, d.position) for d in copy.domains.all()] == [
        (d.code, d.name, d.position) for d in first.domains.all()
    ]
    assert Level.objects.filter(domain__framework=copy).count() == 25
    assert Level.objects.filter(domain__framework=first).count() == 25


def test_only_the_newest_version_of_each_framework_is_offered(db):
    newer = new_version(default_framework())

    offered = frameworks_to_choose()

    assert [(f.slug, f.version) for f in offered] == [(DEFAULT.slug, 2), (BROAD.slug, 1)]
    assert newer in offered


def test_two_frameworks_never_share_a_slug_and_version(db):
    default_framework()

    with pytest.raises(IntegrityError):
        Framework.objects.create(slug=DEFAULT.slug, version=1, name="Copy")
