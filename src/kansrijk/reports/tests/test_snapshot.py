"""The funder's published set, kept in the cache (`snapshot`), gives every selection the very
report a direct build gives: a property test on random programmes (SQLite only), against the
way the pages built it before the set was kept (the oracle below)."""

import json
from dataclasses import replace

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.http import QueryDict
from django.utils import translation
from hypothesis import HealthCheck, given, settings

from kansrijk.reports import snapshot
from kansrijk.reports.dashboard import Audience
from kansrijk.reports.disclosure import pages_pattern
from kansrijk.reports.publication import KINDS, audience_for, build, funder_cohort, published
from kansrijk.reports.scope import scope_from
from kansrijk.trajectories import counts
from kansrijk.trajectories.choices import Phase

from .test_disclosure_random_programmes import households, random_programme

pytestmark = pytest.mark.django_db


def _direct(kind, scope, cohort, audience):
    """The oracle: the report of the scope's selection, its hidden cells worked out with every
    other selection of the year, built on each request."""
    areas = scope.all_areas()
    selections = [scope.with_area(None, areas), *(scope.with_area(a, areas) for a in areas)]
    exact = Audience(exact=True, threshold=0)
    patterns = pages_pattern(
        [[build(k, s, cohort, exact).tables for s in selections] for k in KINDS],
        audience.threshold,
    )
    asked = 0 if scope.area is None else 1 + areas.index(scope.area)
    pattern = frozenset(patterns[KINDS.index(kind)][asked])
    return build(kind, scope, cohort, replace(audience, pattern=pattern))


def _selections(programme, year):
    query = QueryDict(f"year={year}")
    whole, _form = scope_from(query, programme, single_year=True)
    for area in [None, *whole.all_areas()]:
        yield whole.with_area(area, whole.all_areas())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a property test: once, on SQLite")
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drawn=households)
def test_the_kept_set_gives_each_selection_the_report_a_direct_build_gives(
    cast, journey, frozen_today, drawn
):
    with transaction.atomic():
        random_programme(cast, journey, drawn)
        assert counts.figures_version(cast.programme.pk) is not None
        audience = audience_for(cast.programme, exact=False)
        for scope in _selections(cast.programme, frozen_today.year - 1):
            cohort = funder_cohort(scope)
            for kind in KINDS:
                direct = _direct(kind, scope, cohort, audience)
                # the first read may build the set, the second reads it from the cache
                for _read in range(2):
                    kept = published(kind, scope, cohort, audience)
                    assert snapshot._plain_report(kept) == snapshot._plain_report(direct)
                    assert kept == direct
        transaction.set_rollback(True)


def test_the_set_is_kept_as_plain_data_under_its_version_language_and_shape(
    cast, journey, frozen_today
):
    journey(Phase.CLOSED)
    scope, _form = scope_from(
        QueryDict(f"year={frozen_today.year - 1}"), cast.programme, single_year=True
    )
    cohort, audience = funder_cohort(scope), audience_for(cast.programme, exact=False)
    published("dashboard", scope, cohort, audience)

    version = counts.figures_version(cast.programme.pk)
    key = snapshot.cache_key(scope, cohort, audience, version)
    kept = cache.get(key)
    assert kept is not None
    assert json.loads(json.dumps(kept)) == kept  # dicts, lists, numbers and strings only
    with translation.override("nl"):
        assert snapshot.cache_key(scope, cohort, audience, version) != key
    counts.figures_changed(cast.programme.pk)
    assert (
        snapshot.cache_key(scope, cohort, audience, counts.figures_version(cast.programme.pk))
        != key
    )
