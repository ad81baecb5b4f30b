"""The outcomes pages: the list, recording, correcting and removing, and the household page."""

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.outcomes.choices import Hours, Level, OutcomeKind, Welfare
from kansrijk.outcomes.models import Outcome
from kansrijk.outcomes.services import Details
from kansrijk.trajectories.choices import Phase

pytestmark = pytest.mark.usefixtures("frozen_today")


def _url(name, trajectory, *args):
    return reverse(name, args=[trajectory.household.uuid, *args])


def test_the_buddy_records_an_outcome_from_the_form(client, cast, coached, kind_type):
    client.force_login(cast.buddy)

    form = client.get(_url("outcome_new", coached))
    response = client.post(
        _url("outcome_new", coached),
        {
            "outcome_type": kind_type(OutcomeKind.PAID_WORK).pk,
            "reached_on": "2025-06-10",
            "hours": Hours.PART_TIME,
            "welfare": Welfare.REDUCED,
            "evidence": "Loonstrook gezien.",
        },
    )

    assert form.status_code == 200
    assert response.status_code == 302
    assert response.url == _url("outcomes", coached)
    outcome = Outcome.objects.get()
    assert (outcome.hours, outcome.welfare, outcome.recorded_by) == (
        Hours.PART_TIME,
        Welfare.REDUCED,
        cast.buddy,
    )


def test_a_missing_detail_is_named_at_its_field(client, cast, coached, kind_type):
    client.force_login(cast.coordinator)

    response = client.post(
        _url("outcome_new", coached),
        {"outcome_type": kind_type(OutcomeKind.EDUCATION_STARTED).pk, "reached_on": "2025-06-10"},
    )

    assert response.status_code == 422
    assert response.context["form"].errors["level"] == ["Choose the level of the education."]
    assert not Outcome.objects.exists()


def test_the_list_shows_the_outcomes_with_their_details_and_logs_the_read(
    client, cast, coached, record
):
    record(
        coached,
        OutcomeKind.EDUCATION_COMPLETED,
        details=Details(level=Level.HBO, diploma=True),
        evidence="Diploma gezien.",
    )
    client.force_login(cast.buddy)

    response = client.get(_url("outcomes", coached))

    text = response.content.decode()
    assert "Education completed" in text and "HBO" in text and "Diploma gezien." in text
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, detail="outcomes", actor=cast.buddy
    ).exists()


def test_the_list_reads_in_the_same_number_of_queries_for_one_or_many_outcomes(
    client, cast, coached, record, django_assert_max_num_queries
):
    client.force_login(cast.coordinator)
    record(coached)
    client.get(_url("outcomes", coached))
    with django_assert_max_num_queries(20) as few:
        client.get(_url("outcomes", coached))
    for kind in (OutcomeKind.DEBT_FREEZE, OutcomeKind.NETWORK_GROWN, OutcomeKind.VOLUNTEER_WORK):
        record(coached, kind)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url("outcomes", coached))

    assert response.status_code == 200


def test_a_correction_with_an_old_version_keeps_both_in_view(client, cast, coached, record):
    outcome = record(
        coached, OutcomeKind.PAID_WORK, details=Details(Hours.FULL_TIME, Welfare.ENDED)
    )
    Outcome.objects.filter(pk=outcome.pk).update(version=2, hours=Hours.PART_TIME)
    client.force_login(cast.coordinator)

    response = client.post(
        _url("outcome_edit", coached, outcome.uuid),
        {
            "outcome_type": outcome.outcome_type_id,
            "reached_on": "2025-06-16",
            "hours": Hours.FULL_TIME,
            "welfare": Welfare.UNCHANGED,
            "version": 1,
        },
    )

    assert response.status_code == 422
    text = response.content.decode()
    assert "Someone else changed this outcome" in text
    assert "Saved just now by someone else" in text
    assert Outcome.objects.get(pk=outcome.pk).welfare == Welfare.ENDED
    assert response.context["form"]["version"].value() == 2


def test_the_coordinator_corrects_and_removes_an_outcome(client, cast, coached, record, kind_type):
    outcome = record(coached)
    client.force_login(cast.coordinator)

    changed = client.post(
        _url("outcome_edit", coached, outcome.uuid),
        {
            "outcome_type": kind_type(OutcomeKind.EVICTION_PREVENTED).pk,
            "reached_on": "2025-06-01",
            "version": 1,
        },
    )
    asked = client.post(_url("outcome_remove", coached, outcome.uuid), {"version": 2})
    assert asked.status_code == 200
    assert "Remove this outcome?" in asked.content.decode()
    assert Outcome.objects.exists()
    removed = client.post(
        _url("outcome_remove", coached, outcome.uuid), {"version": 2, "confirm": "yes"}
    )

    assert changed.status_code == removed.status_code == 302
    assert not Outcome.objects.exists()


def test_the_household_page_shows_the_latest_outcomes_and_a_link(client, cast, coached, record):
    record(coached, OutcomeKind.PAID_WORK, details=Details(Hours.FULL_TIME, Welfare.ENDED))
    client.force_login(cast.buddy)

    response = client.get(reverse("household", args=[coached.household.uuid]))

    text = response.content.decode()
    assert "Paid work, full-time, welfare (bijstand) fully ended" in text
    assert _url("outcomes", coached) in text
    assert _url("outcome_new", coached) in text


def test_the_household_page_of_a_closed_household_still_shows_its_outcomes(
    client, cast, journey, record
):
    trajectory = journey(Phase.CLOSED)
    record(trajectory, OutcomeKind.HOUSING_FOUND)
    client.force_login(cast.coordinator)

    response = client.get(reverse("household", args=[trajectory.household.uuid]))

    assert "Good housing found" in response.content.decode()


def test_the_participant_sees_what_they_reached_on_their_own_page(client, cast, coached, record):
    from kansrijk.access.services import participant_account_create

    record(coached, OutcomeKind.PAID_WORK, details=Details(Hours.PART_TIME, Welfare.REDUCED))
    user = participant_account_create(
        household=coached.household, trajectory=coached, by=cast.coordinator, email="p@example.org"
    )
    client.force_login(user)

    response = client.get(reverse("my_file"))

    assert "What you reached" in response.content.decode()
    assert "Paid work, part-time, welfare (bijstand) mostly reduced" in response.content.decode()


def test_a_participant_without_outcomes_sees_no_empty_section(client, cast, coached):
    from kansrijk.access.services import participant_account_create

    user = participant_account_create(
        household=coached.household, trajectory=coached, by=cast.coordinator, email="p@example.org"
    )
    client.force_login(user)

    assert "What you reached" not in client.get(reverse("my_file")).content.decode()


def test_the_list_is_paginated(client, cast, coached, record):
    for _ in range(21):
        record(coached, OutcomeKind.NETWORK_GROWN)
    client.force_login(cast.coordinator)

    first = client.get(_url("outcomes", coached))
    second = client.get(_url("outcomes", coached) + "?page=2")

    assert len(first.context["page_obj"].object_list) == 20
    assert len(second.context["page_obj"].object_list) == 1
