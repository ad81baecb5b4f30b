"""Each role's home: the coordinator's dashboard and list, the buddy's and backup's homes."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.people.choices import Role
from kansrijk.trajectories.choices import Phase
from tests.factories import AreaFactory, ContactFactory, ProgrammeRoleFactory, trajectory_in


@pytest.mark.parametrize(
    ("who", "page"),
    [("buddy", "buddy_home"), ("backup", "backup_home"), ("funder", "figures")],
)
def test_a_user_with_one_role_is_sent_to_that_roles_page(client, cast, who, page):
    client.force_login(getattr(cast, who))

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == reverse(page)


def test_a_coordinator_of_one_programme_is_sent_to_its_dashboard(client, cast):
    client.force_login(cast.coordinator)

    response = client.get(reverse("home"))

    assert response["Location"] == reverse("programme", args=[cast.programme.slug])


def test_someone_with_several_roles_chooses_where_to_go(client, cast):
    ProgrammeRoleFactory(user=cast.buddy, programme=cast.other_programme, role=Role.COORDINATOR)
    client.force_login(cast.buddy)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert {role.role for role in response.context["roles"]} == {Role.BUDDY, Role.COORDINATOR}


def test_someone_without_a_role_is_told_to_ask_the_coordinator(client, cast):
    client.force_login(cast.stranger)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert "You have no role in a programme yet." in response.content.decode()


def test_the_dashboard_counts_the_programmes_households_per_phase(client, cast, journey):
    for phase in (Phase.REFERRED, Phase.REFERRED, Phase.ACTIVE, Phase.CLOSED):
        journey(phase)
    trajectory_in(Phase.ACTIVE, household__programme=cast.other_programme)
    client.force_login(cast.coordinator)

    response = client.get(reverse("programme", args=[cast.programme.slug]))

    phases = response.context["dashboard"].phases
    assert phases == {
        **dict.fromkeys(Phase, 0),
        Phase.REFERRED: 2,
        Phase.ACTIVE: 1,
        Phase.CLOSED: 1,
    }


def test_the_dashboard_names_households_that_need_attention(client, cast, journey, frozen_today):
    silent = journey(Phase.ACTIVE)  # started 60 days ago, no contact since
    in_touch = journey(Phase.ACTIVE)
    ContactFactory(trajectory=in_touch, on=frozen_today - dt.timedelta(days=3))
    ending = journey(Phase.ACTIVE, matched_on=dt.date(2024, 7, 1))
    ContactFactory(trajectory=ending)
    waiting = journey(Phase.MATCHING)
    client.force_login(cast.coordinator)

    dashboard = client.get(reverse("programme", args=[cast.programme.slug])).context["dashboard"]

    assert dashboard.no_contact.rows == [silent]
    assert set(dashboard.overdue_assessment.rows) == {silent, in_touch, ending}
    assert dashboard.ending_soon.rows == [ending]
    assert dashboard.waiting.rows == [waiting]


def test_the_dashboard_says_in_dutch_words_how_long_ago_things_were(cast, journey, frozen_today):
    old_contact = journey(Phase.ACTIVE)
    ContactFactory(trajectory=old_contact, on=frozen_today - dt.timedelta(days=20))
    journey(Phase.MATCHING, referred_on=frozen_today - dt.timedelta(days=1))
    dutch = Client(headers={"accept-language": "nl"})
    dutch.force_login(cast.coordinator)

    html = dutch.get(reverse("programme", args=[cast.programme.slug])).content.decode()

    assert "laatste contact 20 dagen geleden" in html
    assert "aangemeld gisteren" in html
    assert not re.search(r"\b0 dagen", html)


def test_the_household_list_filters_by_phase_and_neighbourhood(client, cast, journey):
    selwerd = AreaFactory(programme=cast.programme, name="Selwerd", slug="selwerd")
    beijum_active = journey(Phase.ACTIVE)
    journey(Phase.MATCHING)
    journey(Phase.ACTIVE, household__area=selwerd)
    client.force_login(cast.coordinator)

    response = client.get(
        reverse("programme_households", args=[cast.programme.slug]),
        {"phase": "active", "area": "beijum"},
    )

    assert list(response.context["page_obj"]) == [beijum_active]
    assert "<html" in response.content.decode()


def test_the_household_list_answers_htmx_with_the_list_alone(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)
    client.force_login(cast.coordinator)

    response = client.get(
        reverse("programme_households", args=[cast.programme.slug]), headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert "<html" not in html
    assert trajectory.household.display_name in html


def test_opening_the_household_list_is_logged_once_as_a_read(client, cast, journey):
    for phase in Phase:
        journey(phase)
    client.force_login(cast.coordinator)

    client.get(reverse("programme_households", args=[cast.programme.slug]), {"phase": "active"})

    entry = AuditEntry.objects.get(action=AuditAction.VIEW)
    assert (entry.actor, entry.role, entry.household) == (cast.coordinator, Role.COORDINATOR, None)
    assert entry.detail == "household list oost phase=active"


def test_the_buddy_home_shows_the_households_this_buddy_coaches_now(client, cast, journey):
    mine = journey(Phase.ACTIVE)
    journey(Phase.CLOSED)
    journey(Phase.ACTIVE, buddy=cast.stranger)
    client.force_login(cast.buddy)

    response = client.get(reverse("buddy_home"))

    assert [item.trajectory for item in response.context["coached"]] == [mine]
    assert mine.household.display_name in response.content.decode()


def test_the_buddy_home_says_so_when_there_is_no_household(client, cast):
    client.force_login(cast.buddy)

    response = client.get(reverse("buddy_home"))

    assert "You do not coach a household right now." in response.content.decode()


def test_the_backup_home_groups_the_backed_households_by_buddy(client, cast, journey):
    bas = journey(Phase.ACTIVE)
    other_buddy = journey(Phase.AFTERCARE, buddy=cast.stranger)
    journey(Phase.ACTIVE, backup=cast.funder)
    client.force_login(cast.backup)

    response = client.get(reverse("backup_home"))

    coached = {item.trajectory for item in response.context["coached"]}
    assert coached == {bas, other_buddy}
    html = response.content.decode()
    assert "Buddy Bas Buddy" in html
    assert f"Buddy {cast.stranger}" in html
