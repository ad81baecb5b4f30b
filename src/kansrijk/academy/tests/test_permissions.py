"""Who may open the academy's pages: anyone else gets a 404, never a hint."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.academy import services
from kansrijk.core.dates import today
from tests.factories import CandidateFactory, SessionFactory


@pytest.fixture
def world(cast, frozen_today):
    candidate = CandidateFactory(programme=cast.programme, created_by=cast.coordinator)
    session = SessionFactory(created_by=cast.coordinator)
    meeting = services.meeting_plan(
        by=cast.coordinator,
        programmes=[cast.programme],
        on=today() + dt.timedelta(days=5),
        starts_at=dt.time(19, 0),
        place="Wijkcentrum",
        theme="Doorbraaknetwerk",
    )
    slug = cast.programme.slug
    buddy = cast.buddy.uuid
    return {
        "programme pages": [
            reverse("academy_candidates", args=[slug]),
            reverse("academy_candidate_new", args=[slug]),
            reverse("academy_candidate", args=[slug, candidate.uuid]),
            reverse("academy_settings", args=[slug]),
            reverse("academy_buddies", args=[slug]),
            reverse("academy_buddy", args=[slug, buddy]),
            reverse("academy_buddy_end", args=[slug, buddy]),
            reverse("academy_buddy_certificate", args=[slug, buddy]),
            reverse("buddy_building", args=[meeting.uuid]),
        ],
        "academie": [
            reverse("academie"),
            reverse("academy_session", args=[session.uuid]),
        ],
        "own": [
            reverse("academy_certificate"),
            reverse("buddy_check_in"),
            reverse("buddy_pause"),
        ],
        "agenda": reverse("buddy_building_agenda", args=[meeting.uuid]),
        "rsvp": reverse("buddy_building_rsvp", args=[meeting.uuid]),
    }


def test_the_programmes_coordinator_opens_every_programme_page(client, cast, world):
    client.force_login(cast.coordinator)
    moved = reverse("academy_buddies", args=[cast.programme.slug])
    for url in [*world["programme pages"], *world["academie"], world["agenda"]]:
        response = client.get(url)
        if url == moved:  # the programme's one buddies page is matching's
            assert response.status_code == 301, url
            assert response.url == reverse("buddy_profiles", args=[cast.programme.slug])
        else:
            assert response.status_code == 200, url


def test_another_programmes_coordinator_gets_404_on_the_programme_pages(client, cast, world):
    client.force_login(cast.other_coordinator)
    for url in [*world["programme pages"], world["agenda"]]:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code in (404, 405), url
    for url in world["academie"]:  # the Academie is municipality-wide
        assert client.get(url).status_code == 200, url


def test_a_buddy_gets_404_on_the_coordinators_pages_and_opens_their_own(client, cast, world):
    client.force_login(cast.buddy)
    for url in world["programme pages"]:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code in (404, 405), url
    for url in [*world["own"], *world["academie"], world["agenda"]]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["backup", "funder", "stranger"])
def test_other_roles_get_404_everywhere(client, cast, world, who):
    client.force_login(getattr(cast, who))
    urls = [*world["programme pages"], *world["academie"], *world["own"], world["agenda"]]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(world["rsvp"], {"answer": "yes"}).status_code == 404


def test_a_buddy_not_invited_cannot_answer_or_read_the_agenda(client, cast, world):
    from kansrijk.people.choices import Role
    from tests.factories import ProgrammeRoleFactory, UserFactory

    late = UserFactory()
    ProgrammeRoleFactory(user=late, programme=cast.other_programme, role=Role.BUDDY)
    client.force_login(late)
    assert client.post(world["rsvp"], {"answer": "yes"}).status_code == 404
    assert client.get(world["agenda"]).status_code == 404
