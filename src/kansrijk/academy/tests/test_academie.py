"""The Buddy Academie: places and a waiting list, attendance, training hours, certificates."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from kansrijk.academy import services
from kansrijk.academy.choices import EnrolmentStatus
from kansrijk.academy.selectors import academy_figures, hours_of
from kansrijk.academy.tests.conftest import attended
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.people.choices import Role
from tests.factories import ProgrammeRoleFactory, SessionFactory, UserFactory
from tests.pdfs import assert_tagged, read_pdf


def _buddies(cast, n: int):
    users = []
    for i in range(n):
        user = UserFactory(first_name=f"Buddy{i}")
        ProgrammeRoleFactory(user=user, programme=cast.programme, role=Role.BUDDY)
        users.append(user)
    return users


def test_a_full_session_puts_the_next_on_the_waiting_list(cast, frozen_today):
    session = SessionFactory(capacity=2, created_by=cast.coordinator)
    a, b, c = _buddies(cast, 3)

    statuses = [
        services.enrol(session=session, by=cast.coordinator, user=user).status for user in (a, b, c)
    ]
    external = services.enrol(
        session=session,
        by=cast.coordinator,
        external_name="Ilse Inkomens",
        external_organisation="Inkomensdienstverlening",
    )

    assert statuses == [EnrolmentStatus.ENROLLED, EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING]
    assert external.status == EnrolmentStatus.WAITING


def test_the_first_on_the_waiting_list_moves_up_when_someone_cancels(cast, frozen_today):
    session = SessionFactory(capacity=1, created_by=cast.coordinator)
    a, b, c = _buddies(cast, 3)
    placed = services.enrol(session=session, by=a, user=a)
    first = services.enrol(session=session, by=b, user=b)
    services.enrol(session=session, by=c, user=c)

    moved = services.enrolment_cancel(enrolment=placed, by=a)

    assert moved == first
    statuses = dict(session.enrolments.values_list("user_id", "status"))
    assert statuses == {
        a.pk: EnrolmentStatus.CANCELLED,
        b.pk: EnrolmentStatus.ENROLLED,
        c.pk: EnrolmentStatus.WAITING,
    }
    assert services.enrolment_cancel(enrolment=placed, by=a) is None  # twice changes nothing


def test_cancelling_from_the_waiting_list_moves_nobody_up(cast, frozen_today):
    session = SessionFactory(capacity=1, created_by=cast.coordinator)
    a, b, c = _buddies(cast, 3)
    services.enrol(session=session, by=a, user=a)
    waiting = services.enrol(session=session, by=b, user=b)
    services.enrol(session=session, by=c, user=c)

    assert services.enrolment_cancel(enrolment=waiting, by=b) is None
    assert session.enrolments.filter(status=EnrolmentStatus.ENROLLED).count() == 1


def test_a_buddy_enrols_only_themselves_and_only_once(cast, frozen_today):
    session = SessionFactory(created_by=cast.coordinator)
    a, b = _buddies(cast, 2)
    with pytest.raises(Refused):
        services.enrol(session=session, by=a, user=b)
    services.enrol(session=session, by=a, user=a)
    with pytest.raises(Refused, match="already enrolled"):
        services.enrol(session=session, by=a, user=a)


def test_attendance_only_counts_the_people_with_a_place(cast, frozen_today):
    session = SessionFactory(capacity=1, on=today(), created_by=cast.coordinator)
    a, b = _buddies(cast, 2)
    placed = services.enrol(session=session, by=a, user=a)
    waiting = services.enrol(session=session, by=b, user=b)

    services.attendance_record(
        session=session, by=cast.coordinator, present={placed.pk, waiting.pk}
    )

    placed.refresh_from_db()
    waiting.refresh_from_db()
    assert placed.attended is True
    assert waiting.attended is None


def test_attendance_waits_for_the_day_of_the_session(cast, frozen_today):
    session = SessionFactory(created_by=cast.coordinator)
    with pytest.raises(Refused, match="on the day"):
        services.attendance_record(session=session, by=cast.coordinator, present=set())


def test_training_hours_add_up_the_sessions_attended(cast, courses, frozen_today):
    a, b = _buddies(cast, 2)
    attended(a, courses["intro"], hours=3)
    attended(a, courses["doorbraak"], hours=Decimal("2.5"))
    session = SessionFactory(on=today() - dt.timedelta(days=3), hours=4)
    session.enrolments.create(user=b, status="enrolled", attended=False)

    assert hours_of([a, b]) == {a.pk: Decimal("5.5")}


def test_the_academy_figures_count_the_programmes_buddies_and_their_fellow_trainees(
    cast, courses, frozen_today, django_assert_max_num_queries
):
    a, b = _buddies(cast, 2)
    outsider = UserFactory()
    ProgrammeRoleFactory(user=outsider, programme=cast.other_programme, role=Role.BUDDY)
    held = attended(a, courses["intro"], days_ago=20, hours=3)
    held.enrolments.create(user=b, status="enrolled", attended=True)
    held.enrolments.create(external_name="Wim Werkcoach", status="enrolled", attended=True)
    held.enrolments.create(external_name="Afwezig", status="enrolled", attended=False)
    attended(a, courses["doorbraak"], days_ago=400, hours=2)  # before the period
    attended(outsider, courses["doorbraak"], days_ago=5, hours=2)  # another programme's

    with django_assert_max_num_queries(2):
        found = academy_figures(
            cast.programme, since=today() - dt.timedelta(days=100), until=today()
        )

    assert found.sessions_held == 1
    assert found.attendances == 2
    assert found.training_hours == Decimal("6")
    assert found.buddies_trained == 2
    assert found.external_trainees == 1
    everything = academy_figures(cast.programme, since=None, until=today())
    assert (everything.sessions_held, everything.training_hours) == (2, Decimal("8"))


def test_the_certificate_is_a_pdf_with_the_courses(client, cast, courses, frozen_today):
    attended(cast.buddy, courses["intro"])
    client.force_login(cast.buddy)

    response = client.get(reverse("academy_certificate"))

    assert response["Content-Type"] == "application/pdf"
    pdf = read_pdf(response.content)
    assert_tagged(pdf, lang="en", title=f"Certificate of the Buddy Academie for {cast.buddy}")
    assert pdf.pages == 1
    assert str(cast.buddy) in pdf.text
    assert courses["intro"].name in pdf.text
    assert cast.programme.municipality in pdf.text
    assert "In all: 3 hours of training" in pdf.text


def test_a_buddy_enrols_on_the_session_page_and_sees_their_place_in_the_queue(
    client, cast, frozen_today
):
    session = SessionFactory(capacity=1, created_by=cast.coordinator)
    (other,) = _buddies(cast, 1)
    services.enrol(session=session, by=other, user=other)
    client.force_login(cast.buddy)
    url = reverse("academy_session", args=[session.uuid])

    client.post(url, {"action": "enrol_me"})
    text = client.get(url).content.decode()

    assert "number 1 on the waiting list" in text or "nummer 1 op de wachtlijst" in text
    assert other.first_name not in text  # a buddy does not see who else enrolled


def test_a_buddy_cannot_record_attendance(client, cast, frozen_today):
    session = SessionFactory(on=frozen_today, created_by=cast.coordinator)
    placed = services.enrol(session=session, by=cast.coordinator, user=cast.buddy)
    client.force_login(cast.buddy)

    response = client.post(
        reverse("academy_session", args=[session.uuid]),
        {"action": "attendance", "present": [str(placed.pk)]},
    )

    assert response.status_code == 404
    assert not session.enrolments.filter(attended=True).exists()


def test_the_session_page_reads_a_fixed_number_of_queries(
    client, cast, frozen_today, django_assert_max_num_queries
):
    session = SessionFactory(capacity=50, created_by=cast.coordinator)
    client.force_login(cast.coordinator)
    url = reverse("academy_session", args=[session.uuid])
    for user in _buddies(cast, 2):
        services.enrol(session=session, by=cast.coordinator, user=user)
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for user in _buddies(cast, 8):
        services.enrol(session=session, by=cast.coordinator, user=user)

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
