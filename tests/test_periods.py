"""A period (a consent, a cover, a buddy's break) cannot end before it starts: the database
refuses it, whatever form or service wrote the dates."""

import datetime as dt

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from kansrijk.academy.models import Pause
from kansrijk.core.periods import Period
from kansrijk.escalation.models import Cover
from tests.factories import ConsentFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 10)


def test_every_model_with_a_from_and_an_until_is_a_period():
    dated = [
        model
        for model in apps.get_models()
        if {"starts_on", "ends_on"} <= {f.name for f in model._meta.get_fields()}
    ]

    assert dated
    for model in dated:
        assert issubclass(model, Period), model
        names = {c.name for c in model._meta.constraints}
        assert f"{model._meta.model_name}_ends_after_it_starts" in names, model


def test_a_period_cannot_end_before_it_starts():
    backup, colleague = UserFactory(), UserFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Cover.objects.create(
            backup=backup,
            colleague=colleague,
            starts_on=DAY,
            ends_on=DAY - dt.timedelta(days=1),
            recorded_by=backup,
        )


def test_a_period_may_end_on_the_day_it_starts():
    backup, colleague = UserFactory(), UserFactory()

    Cover.objects.create(
        backup=backup, colleague=colleague, starts_on=DAY, ends_on=DAY, recorded_by=backup
    )


def test_an_open_ended_period_may_have_no_end_but_not_an_end_before_its_start():
    ConsentFactory(starts_on=DAY, ends_on=None)

    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentFactory(starts_on=DAY, ends_on=DAY - dt.timedelta(days=1))


BEFORE_PAUSE_WAS_A_PERIOD = ("academy", "0002_one_absence_and_training_hold")


@pytest.mark.django_db(transaction=True)
def test_a_break_recorded_before_pause_became_a_period_is_kept_and_its_rule_renamed():
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE_PAUSE_WAS_A_PERIOD])
    old_apps = executor.loader.project_state([BEFORE_PAUSE_WAS_A_PERIOD]).apps
    buddy = UserFactory()
    old_apps.get_model("academy", "Pause").objects.create(
        user_id=buddy.pk, starts_on=DAY, ends_on=DAY + dt.timedelta(days=14), reason="holiday"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    (kept,) = Pause.objects.filter(user=buddy)
    assert (kept.starts_on, kept.ends_on, kept.reason) == (
        DAY,
        DAY + dt.timedelta(days=14),
        "holiday",
    )
    with connection.cursor() as cursor:
        names = connection.introspection.get_constraints(cursor, Pause._meta.db_table)
    assert "pause_ends_after_it_starts" in names
    assert "pause_ends_after_start" not in names
