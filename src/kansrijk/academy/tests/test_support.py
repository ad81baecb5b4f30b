"""Supporting buddies: check-ins, breaks, and ending as a buddy with every household handed over.

That reminders and matching respect breaks is tested in reminders/ and matching/."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.academy import services
from kansrijk.academy.choices import Stage
from kansrijk.academy.models import Candidate
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.people.choices import Role
from kansrijk.people.models import ProgrammeRole
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import PhaseChange
from tests.factories import CandidateFactory, ProgrammeRoleFactory, UserFactory


def _buddy(cast, name="Ria", capacity=2):
    user = UserFactory(first_name=name)
    ProgrammeRoleFactory(
        user=user,
        programme=cast.programme,
        role=Role.BUDDY,
        capacity=capacity,
        default_backup=cast.backup,
    )
    return user


def test_a_check_in_is_the_buddys_own_or_their_coordinators(cast, frozen_today):
    stranger = _buddy(cast, "Sem")
    with pytest.raises(Refused):
        services.check_in_record(
            user=cast.buddy, by=stranger, on=today(), load=3, wellbeing=3, note=""
        )
    with pytest.raises(Refused):
        services.check_in_record(
            user=cast.buddy, by=cast.other_coordinator, on=today(), load=3, wellbeing=3, note=""
        )
    services.check_in_record(
        user=cast.buddy, by=cast.coordinator, on=today(), load=3, wellbeing=3, note=""
    )


def test_breaks_do_not_overlap_and_end_after_they_start(cast, frozen_today):
    services.pause_record(
        user=cast.buddy,
        by=cast.buddy,
        starts_on=today(),
        ends_on=today() + dt.timedelta(days=7),
        reason="illness",
    )
    with pytest.raises(Refused, match="already a break"):
        services.pause_record(
            user=cast.buddy,
            by=cast.buddy,
            starts_on=today() + dt.timedelta(days=7),
            ends_on=today() + dt.timedelta(days=9),
            reason="holiday",
        )
    with pytest.raises(Refused, match="end before"):
        services.pause_record(
            user=cast.buddy,
            by=cast.buddy,
            starts_on=today() + dt.timedelta(days=20),
            ends_on=today() + dt.timedelta(days=19),
            reason="holiday",
        )


def test_ending_as_a_buddy_hands_over_every_household_in_one_go(cast, journey):
    first = journey(Phase.ACTIVE)
    second = journey(Phase.AFTERCARE, buddy=cast.buddy)
    ProgrammeRole.objects.filter(user=cast.buddy).update(capacity=2)
    ria = _buddy(cast, "Ria", capacity=1)
    role = ProgrammeRole.objects.get(user=cast.buddy, role=Role.BUDDY)

    with pytest.raises(Refused, match="Choose what happens"):
        services.buddy_end(role=role, by=cast.coordinator, handovers={first.pk: ria}, reason="")
    with pytest.raises(Refused, match="maximum"):
        services.buddy_end(
            role=role, by=cast.coordinator, handovers={first.pk: ria, second.pk: ria}, reason=""
        )
    first.refresh_from_db()
    assert first.buddy == cast.buddy  # all or nothing

    services.buddy_end(
        role=role,
        by=cast.coordinator,
        handovers={first.pk: ria, second.pk: None},
        reason="Moves away",
    )

    first.refresh_from_db()
    second.refresh_from_db()
    role.refresh_from_db()
    assert (first.buddy, first.phase) == (ria, Phase.ACTIVE)
    assert (second.buddy, second.phase) == (None, Phase.MATCHING)
    assert PhaseChange.objects.filter(trajectory=second, to_phase=Phase.MATCHING).exists()
    assert not role.active


def test_the_buddys_own_page_shows_training_sessions_meetings_and_backup(
    client, cast, courses, frozen_today
):
    from kansrijk.academy.tests.conftest import attended

    attended(cast.buddy, courses["intro"], hours=3)
    services.meeting_plan(
        by=cast.coordinator,
        programmes=[cast.programme],
        on=today() + dt.timedelta(days=10),
        starts_at=dt.time(19, 30),
        place="Wijkcentrum Beijum",
        theme="Doorbraaknetwerk",
    )
    client.force_login(cast.buddy)

    text = client.get(reverse("buddy_home")).content.decode()

    assert "Doorbraaknetwerk" in text
    assert str(cast.backup) in text
    assert reverse("academy_certificate") in text


def test_a_buddy_from_before_gets_a_file_for_the_certificate_of_conduct(client, cast, frozen_today):
    client.force_login(cast.coordinator)
    url = reverse("academy_buddy", args=[cast.programme.slug, cast.buddy.uuid])

    response = client.post(url, {"make_file": "1"})
    again = client.post(url, {"make_file": "1"})

    made = Candidate.objects.get(user=cast.buddy)
    assert made.stage == Stage.ACTIVE
    assert (
        response.url
        == again.url
        == reverse("academy_candidate", args=[cast.programme.slug, made.uuid])
    )
    assert "vog_received-received_on" in client.get(response.url).content.decode()


def test_a_file_kept_by_another_programme_is_neither_shown_nor_copied(client, cast, frozen_today):
    other = CandidateFactory(
        programme=cast.other_programme,
        user=cast.buddy,
        stage=Stage.ACTIVE,
        vog_expires_on=dt.date(2031, 5, 17),
    )
    client.force_login(cast.coordinator)
    url = reverse("academy_buddy", args=[cast.programme.slug, cast.buddy.uuid])

    assert client.get(url).context["file"] is None
    response = client.post(url, {"make_file": "1"}, follow=True)

    assert list(Candidate.objects.filter(user=cast.buddy)) == [other]
    assert response.redirect_chain[-1][0] == url


def test_the_buddys_page_has_todays_break_and_their_files_certificate_of_conduct(
    cast, frozen_today, django_assert_max_num_queries
):
    from kansrijk.academy.choices import PauseReason
    from kansrijk.academy.models import Pause
    from kansrijk.academy.selectors import buddy_page, current_pause

    day = dt.timedelta(days=1)
    assert (buddy_page(cast.buddy).pause, buddy_page(cast.buddy).vog_expires_on) == (None, None)
    for starts, ends in [(-30, -10), (-2, 3), (10, 12)]:
        Pause.objects.create(
            user=cast.buddy,
            starts_on=today() + starts * day,
            ends_on=today() + ends * day,
            reason=PauseReason.HOLIDAY,
        )
    CandidateFactory(programme=cast.programme, user=cast.buddy, vog_expires_on=today() + 99 * day)

    with django_assert_max_num_queries(5):
        page = buddy_page(cast.buddy)

    assert page.pause == current_pause(cast.buddy)
    assert (page.pause.starts_on, page.pause.ends_on) == (today() - 2 * day, today() + 3 * day)
    assert page.pause.get_reason_display() == PauseReason.HOLIDAY.label
    assert page.vog_expires_on == today() + 99 * day
