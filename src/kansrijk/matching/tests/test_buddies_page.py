"""The programme's one buddies page: matching's profile next to the Academie's readiness,
training hours and the latest check-in (it replaced the Academie's own list of buddies)."""

import datetime as dt

from django.urls import reverse

from kansrijk.academy import services as academy
from kansrijk.core.dates import today
from kansrijk.people.choices import Role
from tests.factories import ProgrammeRoleFactory, UserFactory


def _buddy(cast, name: str):
    user = UserFactory(first_name=name)
    ProgrammeRoleFactory(
        user=user, programme=cast.programme, role=Role.BUDDY, capacity=2, default_backup=cast.backup
    )
    return user


def test_the_coordinator_sees_the_latest_check_in_per_buddy(
    client, cast, frozen_today, django_assert_max_num_queries
):
    for days, load in ((20, 2), (3, 5)):
        academy.check_in_record(
            user=cast.buddy,
            by=cast.buddy,
            on=today() - dt.timedelta(days=days),
            load=load,
            wellbeing=2,
            note="Zwaar",
        )
    client.force_login(cast.coordinator)
    url = reverse("buddy_profiles", args=[cast.programme.slug])
    client.get(url)
    with django_assert_max_num_queries(14) as few:
        response = client.get(url)
    text = response.content.decode()
    assert "5/5" in text and "2/5" in text and text.count("5/5") == 1
    for name in ("Ria", "Sem", "Tess"):
        user = _buddy(cast, name)
        academy.check_in_record(user=user, by=user, on=today(), load=1, wellbeing=5, note="")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_old_academie_buddies_page_sends_the_coordinator_to_the_one_page(client, cast):
    client.force_login(cast.coordinator)

    response = client.get(reverse("academy_buddies", args=[cast.programme.slug]), follow=True)

    assert response.redirect_chain == [(reverse("buddy_profiles", args=[cast.programme.slug]), 301)]
    assert "Training hours" in response.content.decode()
    client.force_login(cast.other_coordinator)
    assert client.get(reverse("academy_buddies", args=[cast.programme.slug])).status_code == 404
