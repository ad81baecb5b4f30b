"""`read_together` gives what each queryset gives on its own (the same objects, fields, joined
rows, annotations and order), in one query; on SQLite and PostgreSQL (run with DATABASE_URL)."""

import datetime as dt

import pytest
from django.db.models import Count, F, Q

from kansrijk.contacts.models import Contact
from kansrijk.core.together import read_together
from kansrijk.trajectories.models import Trajectory
from tests.factories import AppointmentFactory, ContactFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db


def _fields(obj) -> dict:
    return {k: v for k, v in vars(obj).items() if k != "_state"}


@pytest.fixture
def journey():
    trajectory = TrajectoryFactory(active=True)
    for days, note in [(3, "late"), (1, "weer gezellig ☕"), (2, "")]:
        ContactFactory(
            trajectory=trajectory,
            on=dt.date(2026, 3, 1) + dt.timedelta(days=days),
            note=note,
            worried=days == 2,
        )
    AppointmentFactory(trajectory=trajectory)
    return trajectory


def test_each_queryset_gives_what_it_gives_alone(journey, django_assert_num_queries):
    querysets = {
        "contacts": journey.contacts.select_related("by")[:2],
        "annotated": Trajectory.objects.filter(pk=journey.pk)
        .select_related("household__programme", "buddy", "backup")
        .annotate(contact_count=Count("contacts"), doubled=F("pk") * 2),
        "values": Contact.objects.filter(trajectory=journey).values_list("on", "worried"),
        "appointments": journey.appointments.select_related("by"),
    }
    alone = {name: list(qs.all()) for name, qs in querysets.items()}
    with django_assert_num_queries(1):
        together = read_together(querysets)
    assert together["values"] == alone["values"]
    for name in ("contacts", "annotated", "appointments"):
        assert [_fields(o) for o in together[name]] == [_fields(o) for o in alone[name]], name
    assert [c.note for c in together["contacts"]] == ["late", ""]
    row = together["annotated"][0]
    with django_assert_num_queries(0):
        assert row.contact_count == 3
        assert row.household.programme == journey.household.programme
        assert row.buddy == journey.buddy
        assert together["contacts"][0].by == journey.buddy


def test_unread_and_empty_parts(journey, django_assert_num_queries):
    with django_assert_num_queries(0):
        found = read_together(
            {
                "not read": None,
                "none": Contact.objects.none(),
                "no ids": Contact.objects.filter(pk__in=[]),
            }
        )
    assert found == {"not read": None, "none": [], "no ids": []}
    with django_assert_num_queries(1):
        found = read_together(
            {"nothing": Contact.objects.filter(Q(minutes=-1)), "one": Trajectory.objects.all()}
        )
    assert found["nothing"] == []
    assert found["one"] == [journey]
