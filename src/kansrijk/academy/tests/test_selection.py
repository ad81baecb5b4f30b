"""The selection: from application to active buddy, or a respectful no and erasure later."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from kansrijk.academy import selectors, services
from kansrijk.academy.choices import Stage
from kansrijk.academy.models import Candidate, Interview
from kansrijk.academy.tests.conftest import attended, fresh
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.people.choices import Role
from kansrijk.people.models import ProgrammeRole
from tests.factories import CandidateFactory


def test_an_application_moves_through_every_stage_to_active_buddy(cast, in_training, courses):
    assert in_training.stage == Stage.TRAINING
    role = ProgrammeRole.objects.get(user=in_training.user, role=Role.BUDDY)
    assert not role.active  # in training: enrolled in the Academie, not yet matchable

    active = services.candidate_activate(candidate=in_training, by=cast.coordinator, version=None)

    role.refresh_from_db()
    assert active.stage == Stage.ACTIVE
    assert active.activated_on == today()
    assert role.active
    assert not active.user.has_usable_password()  # they choose it through the e-mailed link


def test_a_candidate_is_not_selected_before_an_interview(cast, frozen_today):
    candidate = CandidateFactory(programme=cast.programme, created_by=cast.coordinator)

    with pytest.raises(Refused, match="record an interview"):
        services.candidate_accept(candidate=candidate, by=cast.coordinator, reason="", version=None)
    assert fresh(candidate).stage == Stage.APPLIED


def test_steps_cannot_be_skipped(cast, frozen_today):
    candidate = CandidateFactory(programme=cast.programme, created_by=cast.coordinator)

    with pytest.raises(Refused, match="cannot take this step"):
        services.agreement_sign(
            candidate=candidate, by=cast.coordinator, signed_on=today(), version=None
        )
    assert fresh(candidate).user is None


def test_no_active_buddy_before_the_required_training(cast, strict, in_training, courses):
    with pytest.raises(Refused, match="Required courses not attended yet"):
        services.candidate_activate(candidate=in_training, by=cast.coordinator, version=None)
    attended(in_training.user, courses["intro"])
    attended(in_training.user, courses["doorbraak"])

    active = services.candidate_activate(candidate=in_training, by=cast.coordinator, version=None)

    assert active.stage == Stage.ACTIVE


def test_no_active_buddy_with_an_expired_certificate_of_conduct(cast, in_training):
    Candidate.objects.filter(pk=in_training.pk).update(
        vog_expires_on=today() - dt.timedelta(days=1)
    )

    with pytest.raises(Refused, match="no valid certificate of conduct"):
        services.candidate_activate(candidate=fresh(in_training), by=cast.coordinator, version=None)


def test_a_stale_form_does_not_overwrite_a_newer_step(cast, frozen_today):
    candidate = CandidateFactory(programme=cast.programme, created_by=cast.coordinator)
    services.interview_record(
        candidate=candidate, by=cast.coordinator, held_on=today(), notes="1", version=1
    )

    with pytest.raises(Refused, match="Someone else changed"):
        services.interview_record(
            candidate=candidate, by=cast.coordinator, held_on=today(), notes="2", version=1
        )
    assert Interview.objects.filter(candidate=candidate).count() == 1


def test_only_the_programmes_coordinator_takes_steps(cast, frozen_today):
    candidate = CandidateFactory(programme=cast.programme, created_by=cast.coordinator)

    with pytest.raises(Refused):
        services.interview_record(
            candidate=candidate, by=cast.other_coordinator, held_on=today(), notes="", version=None
        )


def test_a_rejected_candidate_gets_the_message_by_mail_and_a_retention_date(cast, frozen_today):
    candidate = CandidateFactory(programme=cast.programme, created_by=cast.coordinator)
    message = services.rejection_text(candidate, cast.coordinator)
    assert candidate.given_name in message and "Kansrijk Oost" in message

    with pytest.raises(Refused, match="reason"):
        services.candidate_reject(
            candidate=candidate, by=cast.coordinator, reason=" ", message=message, version=None
        )
    with django_capture_on_commit():
        rejected = services.candidate_reject(
            candidate=candidate,
            by=cast.coordinator,
            reason="Too little time now.",
            message=message,
            version=None,
        )

    assert rejected.stage == Stage.REJECTED
    assert rejected.erase_after == today() + dt.timedelta(days=28)
    assert rejected.rejection_message == message
    assert [m.to for m in mail.outbox] == [[candidate.email]]
    assert mail.outbox[0].body == message


def django_capture_on_commit():
    """Run the on-commit callbacks (the e-mail) inside the test's transaction."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_the_retention_command_erases_rejected_candidates_after_their_date(cast, frozen_today):
    due = CandidateFactory(
        programme=cast.programme,
        created_by=cast.coordinator,
        stage=Stage.REJECTED,
        erase_after=today() - dt.timedelta(days=1),
        lived_experience="Debts after a divorce.",
    )
    due.interviews.create(held_on=today(), by=cast.coordinator, notes="Private notes")
    not_yet = CandidateFactory(
        programme=cast.programme,
        created_by=cast.coordinator,
        stage=Stage.REJECTED,
        erase_after=today(),
    )
    active = CandidateFactory(programme=cast.programme, created_by=cast.coordinator)

    call_command("academy_retention")
    call_command("academy_retention")  # a second run changes nothing more

    due = fresh(due)
    assert due.erased_at is not None
    assert (due.given_name, due.email, due.lived_experience) == ("", "", "")
    assert not due.interviews.exists()
    assert due.stage == Stage.REJECTED  # the count stays
    assert fresh(not_yet).erased_at is None
    assert fresh(active).given_name


def test_the_board_shows_a_column_per_stage_with_a_fixed_number_of_queries(
    client, cast, frozen_today, django_assert_max_num_queries
):
    client.force_login(cast.coordinator)
    url = reverse("academy_candidates", args=[cast.programme.slug])
    CandidateFactory(programme=cast.programme, created_by=cast.coordinator)
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for stage in (Stage.INTERVIEW, Stage.VOG, Stage.TRAINING, Stage.ACTIVE):
        CandidateFactory.create_batch(
            3, programme=cast.programme, created_by=cast.coordinator, stage=stage
        )

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)

    text = response.content.decode()
    assert text.count('class="board__column"') == 7
    assert text.count('class="board__card"') == 13


def test_a_long_column_shows_the_longest_waiting_and_counts_everyone(
    client, cast, frozen_today, monkeypatch
):
    monkeypatch.setattr(selectors.selection, "BOARD_LIMIT", 3)
    monkeypatch.setattr(selectors.selection, "NEWEST_ACTIVE", 2)
    waiting = [
        CandidateFactory(
            programme=cast.programme, created_by=cast.coordinator, stage=Stage.INTERVIEW
        )
        for _ in range(5)
    ]
    for held_on in (frozen_today, frozen_today - dt.timedelta(days=7)):
        Interview.objects.create(candidate=waiting[1], held_on=held_on, by=cast.coordinator)
    for days in (30, 10, 20):
        CandidateFactory(
            programme=cast.programme,
            created_by=cast.coordinator,
            stage=Stage.ACTIVE,
            activated_on=frozen_today - dt.timedelta(days=days),
        )

    found = {column.stage: column for column in selectors.board(cast.programme).columns}

    interview = found[Stage.INTERVIEW]
    assert [c.pk for c in interview.candidates] == [c.pk for c in waiting[:3]]
    assert [c.interview_count for c in interview.candidates] == [0, 2, 0]
    assert (interview.total, interview.more) == (5, 2)
    active = found[Stage.ACTIVE]
    assert [(frozen_today - c.activated_on).days for c in active.candidates] == [10, 20]
    assert active.total == 3
    client.force_login(cast.coordinator)
    text = client.get(reverse("academy_candidates", args=[cast.programme.slug])).content.decode()
    assert "And 2 more who applied later." in text


def test_the_coordinator_walks_a_candidate_through_the_page(client, cast, frozen_today):
    client.force_login(cast.coordinator)
    response = client.post(
        reverse("academy_candidate_new", args=[cast.programme.slug]),
        {
            "given_name": "Fatima",
            "family_name": "El Amrani",
            "email": "fatima@example.org",
            "motivation": "I was helped once.",
            "areas": [cast.area.pk],
            "languages": "Nederlands, Arabisch",
        },
    )
    candidate = Candidate.objects.get(given_name="Fatima")
    url = reverse("academy_candidate", args=[cast.programme.slug, candidate.uuid])
    assert response.url == url

    response = client.post(
        url,
        {
            "step": "interview",
            "interview-version": 1,
            "interview-held_on": "2025-06-16",
            "interview-notes": "Calm and warm.",
        },
    )
    assert fresh(candidate).stage == Stage.INTERVIEW
    response = client.post(url, {"step": "activate"})
    assert response.status_code == 302  # not offered now: nothing happens
    assert fresh(candidate).stage == Stage.INTERVIEW
