"""The Doorbraak professional's list of cases: one page and the count read together, the tags of
the page's cases in one query, and the pages the paginator has always given."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.escalation import case_services, case_views
from kansrijk.escalation.choices import TagKind
from kansrijk.escalation.models import BarrierTag, DoorbraakCase
from kansrijk.escalation.selectors import tags_for
from kansrijk.trajectories.choices import Phase
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(cast, journey, doorbraak_consent):
    """Five cases with tags of both kinds (some several, some none), two of them solved."""
    tags_for(cast.programme)
    barriers = list(BarrierTag.objects.filter(kind=TagKind.BARRIER)[:3])
    agencies = list(BarrierTag.objects.filter(kind=TagKind.AGENCY)[:2])
    made = []
    for n in range(5):
        trajectory = journey(Phase.ACTIVE, buddy=UserFactory())
        doorbraak_consent(trajectory)
        case = case_services.case_open(
            trajectory=trajectory,
            by=cast.coordinator,
            barrier=f"Barrière {n}.",
            barrier_types=barriers[n % 3 :][::-1],
            agencies=agencies[: n % 3],
            opened_on=dt.date(2025, 6, 1) + dt.timedelta(days=n % 3),
        )
        made.append(case)
    for case in made[1::3]:
        DoorbraakCase.objects.filter(pk=case.pk).update(solved_on=dt.date(2025, 6, 10))
    return made


def _in_list_order(cases: list[DoorbraakCase]) -> list[DoorbraakCase]:
    fresh = [DoorbraakCase.objects.get(pk=c.pk) for c in cases]
    newest_first = sorted(fresh, key=lambda c: (c.opened_on, c.pk), reverse=True)
    return sorted(newest_first, key=lambda c: c.solved_on is not None)


def _listed(client, page: str | None = None):
    url = reverse("doorbraak_cases") + (f"?page={page}" if page is not None else "")
    response = client.get(url)
    assert response.status_code == 200
    return response.context["page_obj"]


@pytest.fixture
def two_a_page(monkeypatch):
    monkeypatch.setattr(case_views, "CASES_PER_PAGE", 2)


def test_every_page_lists_its_cases_in_order_with_their_tags(
    client, doorbraak_pro, cases, two_a_page
):
    client.force_login(doorbraak_pro)

    pages = [_listed(client, str(n)) for n in (1, 2, 3)]

    assert [p.paginator.count for p in pages] == [5, 5, 5]
    assert [p.number for p in pages] == [1, 2, 3]
    shown = [row for page in pages for row in page]
    expected = _in_list_order(cases)
    assert [row.pk for row in shown] == [case.pk for case in expected]
    assert [(row.barrier_types, row.agencies) for row in shown] == [
        (
            [t.display_name for t in case.barrier_types.all()],
            [t.display_name for t in case.agencies.all()],
        )
        for case in expected
    ]
    assert [row.is_solved for row in shown] == [False, False, False, True, True]


@pytest.mark.parametrize(
    "asked, shown",
    [(None, 1), ("x", 1), ("1.0", 1), ("0", 3), ("-1", 3), ("99", 3), ("9" * 40, 3)],
)
def test_a_page_that_does_not_exist_shows_what_the_paginator_always_showed(
    client, doorbraak_pro, cases, two_a_page, asked, shown
):
    client.force_login(doorbraak_pro)

    page = _listed(client, asked)

    assert page.number == shown
    assert len(page) == (1 if shown == 3 else 2)


def test_no_case_to_read_is_an_empty_list(client, doorbraak_pro):
    client.force_login(doorbraak_pro)

    page = _listed(client)

    assert page.paginator.count == 0
    assert list(page) == []


def test_the_list_asks_the_same_few_queries_for_few_cases_or_many(
    client, cast, journey, doorbraak_consent, doorbraak_pro, django_assert_max_num_queries
):
    client.force_login(doorbraak_pro)
    for _n in range(3):
        trajectory = journey(Phase.ACTIVE, buddy=UserFactory())
        doorbraak_consent(trajectory)
        case_services.case_open(trajectory=trajectory, by=cast.coordinator, barrier="Toeslag.")

    # Session, the user with roles and apps, the viewer, the page with its count, the tags,
    # the audit entry.
    with django_assert_max_num_queries(6):
        assert len(_listed(client)) == 3
