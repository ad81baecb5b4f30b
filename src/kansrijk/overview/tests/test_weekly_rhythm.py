"""The weekly rhythm: a gentle flag after a week without a visit or call, beside the stronger
flag after CONTACT_ATTENTION_DAYS without any contact. One mechanism, two thresholds."""

import pytest
from django.urls import reverse

from kansrijk.contacts.models import ContactKind
from kansrijk.overview.selectors import coached_households, programme_dashboard
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import ContactFactory, days_ago


@pytest.fixture
def household(journey):
    return journey(Phase.ACTIVE, matched_on=days_ago(60), household__display_name="Fam. Week")


def _row(household):
    (row,) = coached_households(Trajectory.objects.filter(pk=household.pk))
    return row


@pytest.mark.parametrize(
    ("contacts", "gentle", "strong"),
    [
        ([(ContactKind.VISIT, 7)], False, False),
        ([(ContactKind.VISIT, 8)], True, False),
        ([(ContactKind.PHONE, 3)], False, False),
        ([(ContactKind.OUTING, 3)], False, False),
        # App messages keep in touch but are not the weekly visit.
        ([(ContactKind.VISIT, 10), (ContactKind.APP, 1)], True, False),
        # Past the stronger flag the gentle one steps aside: one flag per household.
        ([(ContactKind.VISIT, 20)], False, True),
        ([], False, True),
    ],
)
def test_a_week_without_a_visit_or_call_raises_the_gentle_flag(household, contacts, gentle, strong):
    for kind, days in contacts:
        ContactFactory(trajectory=household, kind=kind, on=days_ago(days))

    row = _row(household)

    assert (row.visit_due, row.contact_overdue) == (gentle, strong)


def test_the_dashboard_lists_each_household_under_one_flag(cast, journey, household):
    ContactFactory(trajectory=household, on=days_ago(9))
    silent = journey(Phase.ACTIVE, matched_on=days_ago(60), buddy=None)
    ContactFactory(trajectory=silent, by=cast.coordinator, on=days_ago(30))
    visited = journey(Phase.ACTIVE, matched_on=days_ago(60), buddy=None)
    ContactFactory(trajectory=visited, by=cast.coordinator, on=days_ago(2))

    dashboard = programme_dashboard(cast.coordinator, cast.programme)

    assert [t.pk for t in dashboard.no_visit.rows] == [household.pk]
    assert [t.pk for t in dashboard.no_contact.rows] == [silent.pk]


def test_the_buddys_home_and_the_dashboard_say_it_gently(client, cast, household):
    ContactFactory(trajectory=household, on=days_ago(9))

    client.force_login(cast.buddy)
    home = client.get(reverse("buddy_home")).content.decode()
    client.force_login(cast.coordinator)
    dashboard = client.get(reverse("programme", args=[cast.programme.slug])).content.decode()

    assert "over a week without a visit or call" in home
    assert "A week without a visit or call" in dashboard
    assert "last visit or call 9 days ago" in dashboard


def test_the_weekly_threshold_is_a_setting(settings, household):
    settings.VISIT_RHYTHM_DAYS = 10
    ContactFactory(trajectory=household, on=days_ago(9))

    assert not _row(household).visit_due
