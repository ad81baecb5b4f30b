"""The transfer pages: start one from the household, the lists, accept and decline."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.transfers.choices import TransferStatus
from kansrijk.transfers.models import Transfer

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_the_coordinator_sends_the_household_and_the_other_accepts(client, cast, journey, selwerd):
    trajectory = journey(Phase.ACTIVE)
    household = trajectory.household
    client.force_login(cast.coordinator)
    url = reverse("transfer_request", args=[household.uuid])
    assert client.get(url).status_code == 200
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 422 and not Transfer.objects.exists()
    client.post(url, {"to_area": selwerd.pk, "reason": "Verhuisd"})
    transfer = Transfer.objects.get()
    assert "waits for the answer" in client.get(reverse("household", args=[household.uuid])).text

    client.force_login(cast.other_coordinator)
    listed = client.get(reverse("programme_transfers", args=[cast.other_programme.slug]))
    assert household.display_name in listed.text
    accept = reverse("transfer_accept", args=[transfer.uuid])
    client.post(accept)  # without the button's confirm: only the page again
    assert Transfer.objects.get().status == TransferStatus.REQUESTED
    moved = client.post(accept, {"confirm": "yes"})
    assert moved.status_code == 302
    assert "Transferred from Kansrijk Oost (Beijum) to Kansrijk West (Selwerd)" in (
        client.get(reverse("household", args=[household.uuid])).text
    )
    client.force_login(cast.coordinator)
    assert client.get(reverse("household", args=[household.uuid])).status_code == 404
    mine = client.get(reverse("programme_transfers", args=[cast.programme.slug])).text
    assert household.display_name in mine and "outgoing" in mine


def test_a_decline_needs_a_reason(client, cast, journey, selwerd, request_to):
    transfer = request_to(journey(Phase.ACTIVE), selwerd)
    client.force_login(cast.other_coordinator)
    url = reverse("transfer_decline", args=[transfer.uuid])
    assert client.post(url, {"reason": ""}).status_code == 422
    client.post(url, {"reason": "Geen plek"})
    assert Transfer.objects.get().status == TransferStatus.DECLINED


def test_a_household_that_reached_its_aftercare_after_the_request_can_be_accepted(
    client, cast, journey, selwerd, request_to, b_buddy
):
    """What accepting asks goes by the journey's phase now, not the one at the request."""
    trajectory = journey(Phase.ACTIVE)
    transfer = request_to(trajectory, selwerd)
    Trajectory.objects.filter(pk=trajectory.pk).update(
        phase=Phase.AFTERCARE, aftercare_started_on=trajectory.matched_on
    )
    client.force_login(cast.other_coordinator)
    url = reverse("transfer_accept", args=[transfer.uuid])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "Which buddy takes over the aftercare?" in page
    assert "Its buddy stops" not in page

    assert client.post(url, {"confirm": "yes", "buddy": b_buddy.pk}).status_code == 302
    trajectory.refresh_from_db()
    assert (trajectory.phase, trajectory.buddy) == (Phase.AFTERCARE, b_buddy)
    assert Transfer.objects.get().phase == Phase.ACTIVE  # the phase at the request stays


def test_a_paired_household_s_accept_page_says_its_buddy_stops(
    client, cast, journey, selwerd, request_to
):
    transfer = request_to(journey(Phase.ACTIVE), selwerd)
    client.force_login(cast.other_coordinator)
    page = client.get(reverse("transfer_accept", args=[transfer.uuid]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Its buddy stops" in page.text and "Which buddy" not in page.text


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_programme_list_costs_the_same_however_long(client, cast, journey, selwerd, request_to):
    def add(count: int) -> None:
        for _ in range(count):
            transfer = request_to(journey(Phase.REFERRED), selwerd)
            transfer.status = TransferStatus.CANCELLED
            transfer.decided_at = transfer.requested_at
            transfer.save()

    client.force_login(cast.coordinator)
    url = reverse("programme_transfers", args=[cast.programme.slug])
    add(2)
    small = _queries(client, url)
    add(18)  # a whole page (PER_PAGE) of them
    assert _queries(client, url) == small
