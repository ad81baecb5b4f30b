"""A period (a consent, a cover, a buddy's break) cannot end before it starts: the database
refuses it, whatever form or service wrote the dates."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from kansrijk.escalation.models import Cover
from tests.factories import ConsentFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 10)


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
