"""The dashboard's six attention lists, read together, name the same households in the same
order with the same counts as each list asked on its own (the oracle below: the lists' own
selectors, one query each, as the dashboard read them before)."""

import random

import pytest
from django.conf import settings
from django.db.models import Count, QuerySet, Window

from kansrijk.assessments.choices import Moment
from kansrijk.assessments.selectors import overdue_of, with_done_moments, with_overdue_assessment
from kansrijk.contacts.models import ContactKind
from kansrijk.contacts.selectors import RHYTHM_KINDS, without_recent_contact
from kansrijk.core.dates import add_months
from kansrijk.overview.selectors import ATTENTION_LIMIT, attention_lists, programme_trajectories
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.selectors import ending_soon, waiting_list, year_to_start
from tests.factories import AssessmentFactory, ContactFactory, days_ago


def _listed(trajectories: QuerySet[Trajectory], shown: str = "last_contact_on") -> tuple:
    rows = list(trajectories.annotate(total=Window(Count("pk")))[:ATTENTION_LIMIT])
    return (
        [(row.pk, getattr(row, shown, None)) for row in rows],
        rows[0].total if rows else 0,
        [overdue_of(row) for row in rows] if shown == "overdue" else None,
    )


def _one_list_at_a_time(trajectories: QuerySet[Trajectory]) -> dict:
    no_contact = without_recent_contact(trajectories, settings.CONTACT_ATTENTION_DAYS)
    quiet = without_recent_contact(trajectories, settings.VISIT_RHYTHM_DAYS, kinds=RHYTHM_KINDS)
    overdue = with_done_moments(with_overdue_assessment(trajectories)).order_by("matched_on", "pk")
    return {
        "no_contact": _listed(no_contact),
        "no_visit": _listed(quiet.exclude(pk__in=no_contact.values("pk"))),
        "overdue_assessment": _listed(overdue, "overdue"),
        "ending_soon": _listed(ending_soon(trajectories), "matched_on"),
        "year_to_start": _listed(year_to_start(trajectories), "paired_on"),
        "waiting": _listed(waiting_list(trajectories).exclude(phase=Phase.MATCHED), "referred_on"),
    }


def _together(trajectories: QuerySet[Trajectory]) -> dict:
    shown = {
        "no_contact": "last_contact_on",
        "no_visit": "last_visit_on",
        "overdue_assessment": "overdue",
        "ending_soon": "matched_on",
        "year_to_start": "paired_on",
        "waiting": "referred_on",
    }
    lists = attention_lists(trajectories)
    return {
        name: (
            [
                (row.pk, getattr(row, field) if field != "overdue" else None)
                for row in lists[name].rows
            ],
            lists[name].count,
            [row.overdue for row in lists[name].rows] if field == "overdue" else None,
        )
        for name, field in shown.items()
    }


def _random_programme(cast, journey, rng: random.Random) -> None:
    # Few distinct dates, so that lists tie on their order and the tie is settled the same way.
    starts = [days_ago(rng.choice([5, 30, 200, 340, 380, 400, 700])) for _ in range(4)]
    for _ in range(70):
        phase = rng.choice(list(Phase))
        kwargs = {}
        if phase in (Phase.ACTIVE, Phase.AFTERCARE, Phase.CLOSED, Phase.DROPPED_OUT):
            matched_on = rng.choice(starts)
            kwargs.update(matched_on=matched_on, paired_on=matched_on)
            if rng.random() < 0.2:
                kwargs["active_year_extended_to"] = add_months(matched_on, 15)
        if phase == Phase.AFTERCARE:
            kwargs["aftercare_started_on"] = rng.choice([days_ago(10), days_ago(170)])
            if rng.random() < 0.2:
                kwargs["aftercare_extended_to"] = days_ago(-20)
        if phase == Phase.MATCHED:
            kwargs["paired_on"] = rng.choice(starts)
        if phase in (Phase.REFERRED, Phase.INTAKE, Phase.MATCHING):
            kwargs["referred_on"] = rng.choice(starts)
        trajectory = journey(phase, backup_consent=False, **kwargs)
        for _ in range(rng.choice([0, 0, 1, 2])):
            ContactFactory(
                trajectory=trajectory,
                by=cast.coordinator,
                kind=rng.choice(list(ContactKind)),
                on=days_ago(rng.choice([1, 6, 9, 13, 20, 40])),
            )
        for moment in Moment if trajectory.matched_on else ():
            if rng.random() < 0.4:
                AssessmentFactory(
                    trajectory=trajectory,
                    moment=moment,
                    held_on=days_ago(1),
                    recorded_by=cast.coordinator,
                    scores={},
                )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_lists_read_together_are_the_lists_read_one_by_one(cast, journey, seed):
    _random_programme(cast, journey, random.Random(seed))
    trajectories = programme_trajectories(cast.coordinator, cast.programme)

    expected = _one_list_at_a_time(trajectories)

    assert _together(trajectories) == expected
    # The comparison means something: lists were filled, and some beyond what they show.
    assert sum(count > 0 for _, count, _ in expected.values()) >= 4
    assert any(count > ATTENTION_LIMIT for _, count, _ in expected.values())


def test_the_lists_read_one_query_whatever_the_programmes_size(
    cast, journey, django_assert_num_queries
):
    _random_programme(cast, journey, random.Random(4))
    trajectories = programme_trajectories(cast.coordinator, cast.programme)

    with django_assert_num_queries(1):
        lists = attention_lists(trajectories)

    assert sum(len(listed.rows) for listed in lists.values()) > ATTENTION_LIMIT
