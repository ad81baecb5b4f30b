"""Numbers a request carries outside a form class are read with `core.forms.number_from`.

A page number in the URL, the ticked rows of an attendance list, the id of an enrolment to
cancel, the version of a signal: each used to be parsed by hand (`int(...)`, `str.isdigit`), so a
number no column holds or a digit `int` does not read ("²") became a 500.
"""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.academy import services as academy
from kansrijk.access.choices import Recipient
from kansrijk.core.dates import today
from kansrijk.escalation import services as escalation
from kansrijk.escalation.models import DoorbraakCase
from kansrijk.trajectories.choices import Phase
from tests.factories import ConsentFactory, SessionFactory

HUGE = "99999999999999999999"
NOT_READ_BY_INT = "²"  # str.isdigit() says yes, int() says no

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def coordinator(client, cast):
    client.force_login(cast.coordinator)
    return client


@pytest.mark.parametrize("page", [HUGE, "-1", "0", NOT_READ_BY_INT, "1e309"])
def test_the_timeline_shows_the_first_page_for_a_page_number_that_is_not_one(
    coordinator, journey, page
):
    trajectory = journey(Phase.ACTIVE)
    url = reverse("household_timeline", args=[trajectory.household.uuid])

    response = coordinator.get(url, {"page": page})

    assert response.status_code == 200
    assert response.context["page"].number == 1


@pytest.mark.parametrize("present", [HUGE, NOT_READ_BY_INT, "-1"])
def test_the_session_attendance_ignores_ids_that_are_not_ids(coordinator, cast, present):
    session = SessionFactory(on=today(), created_by=cast.coordinator)
    came = academy.enrol(session=session, by=cast.buddy, user=cast.buddy)
    url = reverse("academy_session", args=[session.uuid])

    response = coordinator.post(url, {"action": "attendance", "present": [str(came.pk), present]})

    assert response.status_code == 302
    came.refresh_from_db()
    assert came.attended is True


@pytest.mark.parametrize("enrolment", [HUGE, NOT_READ_BY_INT, "abc"])
def test_cancelling_an_enrolment_that_is_not_an_id_is_not_found(coordinator, cast, enrolment):
    session = SessionFactory(on=today() + dt.timedelta(days=7), created_by=cast.coordinator)
    placed = academy.enrol(session=session, by=cast.buddy, user=cast.buddy)
    url = reverse("academy_session", args=[session.uuid])

    response = coordinator.post(url, {"action": "cancel", "enrolment": enrolment})

    assert response.status_code == 404
    placed.refresh_from_db()
    assert placed.status == "enrolled"


@pytest.mark.parametrize("present", [HUGE, NOT_READ_BY_INT])
def test_the_buddy_building_attendance_ignores_ids_that_are_not_ids(coordinator, cast, present):
    meeting = academy.meeting_plan(
        by=cast.coordinator,
        programmes=[cast.programme],
        on=today(),
        starts_at=dt.time(19, 0),
        place="Wijkcentrum",
        theme="Doorbraaknetwerk",
    )
    invitation = meeting.invitations.get()
    url = reverse("buddy_building", args=[meeting.uuid])

    response = coordinator.post(url, {"present": [str(invitation.pk), present]})

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.attended is True


@pytest.mark.parametrize("version", [NOT_READ_BY_INT, HUGE])
def test_a_signal_version_that_is_not_a_number_opens_the_case_without_escalating_twice(
    client, cast, journey, version
):
    trajectory = journey(Phase.ACTIVE)
    ConsentFactory(
        household=trajectory.household,
        recipient=Recipient.DOORBRAAK,
        assessments=False,
        recorded_by=cast.coordinator,
        starts_on=trajectory.referred_on,
    )
    signal = escalation.signal_raise(
        trajectory=trajectory, by=cast.buddy, kind="question", description="Toeslag gestopt."
    )
    client.force_login(cast.backup)
    url = reverse("doorbraak_case_open", args=[trajectory.household.uuid])

    response = client.post(
        url,
        {
            "signal": str(signal.uuid),
            "signal_version": version,
            "barrier": "De huurtoeslag is gestopt.",
            "opened_on": "2025-06-16",
        },
    )

    # Without a version the service checks none; with one no signal has, it refuses the step.
    assert response.status_code in {302, 422}
    assert DoorbraakCase.objects.count() == (1 if response.status_code == 302 else 0)
