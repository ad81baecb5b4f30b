"""Transfers: who may start and decide one, what moves with the household per phase, and that
nothing ever happens twice."""

import pytest
from django.db import IntegrityError, transaction

from kansrijk.access import policy
from kansrijk.access.models import AuditEntry
from kansrijk.core.errors import Refused
from kansrijk.matching.choices import ProposalStatus
from kansrijk.matching.models import Proposal
from kansrijk.trajectories.choices import Phase
from kansrijk.transfers import services
from kansrijk.transfers.choices import TransferStatus
from kansrijk.transfers.models import Transfer
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


def _fresh(trajectory):
    trajectory.refresh_from_db()
    trajectory.household.refresh_from_db()
    return trajectory


def test_within_the_programme_the_household_moves_at_once_and_keeps_its_buddy(
    cast, journey, lewenborg, request_to
):
    trajectory = journey(Phase.ACTIVE)
    transfer = request_to(trajectory, lewenborg)
    _fresh(trajectory)
    assert transfer.status == TransferStatus.ACCEPTED
    assert transfer.decided_by == cast.coordinator
    assert trajectory.household.area == lewenborg
    assert trajectory.phase == Phase.ACTIVE
    assert trajectory.buddy == cast.buddy


def test_to_another_programme_it_waits_until_the_other_coordinator_accepts(
    cast, journey, selwerd, request_to
):
    trajectory = journey(Phase.INTAKE)
    transfer = request_to(trajectory, selwerd)
    assert transfer.status == TransferStatus.REQUESTED
    assert _fresh(trajectory).household.programme == cast.programme
    services.transfer_accept(transfer=transfer, by=cast.other_coordinator)
    _fresh(trajectory)
    assert trajectory.household.programme == cast.other_programme
    assert trajectory.household.area == selwerd
    assert trajectory.programme == cast.other_programme  # the reports count it there now
    assert trajectory.phase == Phase.INTAKE


@pytest.mark.parametrize("phase", [Phase.MATCHED, Phase.ACTIVE])
def test_a_paired_household_waits_for_a_buddy_of_the_new_programme(
    cast, journey, selwerd, request_to, phase
):
    trajectory = journey(phase)
    transfer = request_to(trajectory, selwerd)
    services.transfer_accept(transfer=transfer, by=cast.other_coordinator)
    _fresh(trajectory)
    assert trajectory.phase == Phase.MATCHING
    assert trajectory.buddy is None and trajectory.backup is None
    assert trajectory.matched_on is None and trajectory.paired_on is None
    change = trajectory.phase_changes.last()
    assert (change.from_phase, change.to_phase) == (phase, Phase.MATCHING)


def test_open_proposals_of_the_old_programme_are_withdrawn(cast, journey, selwerd, request_to):
    trajectory = journey(Phase.MATCHING)
    proposal = Proposal.objects.create(
        trajectory=trajectory, buddy=cast.buddy, proposed_by=cast.coordinator
    )
    services.transfer_accept(transfer=request_to(trajectory, selwerd), by=cast.other_coordinator)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    assert _fresh(trajectory).phase == Phase.MATCHING


def test_in_aftercare_a_buddy_of_the_new_programme_takes_over(
    cast, journey, selwerd, request_to, b_buddy
):
    trajectory = journey(Phase.AFTERCARE)
    started = trajectory.aftercare_started_on
    transfer = request_to(trajectory, selwerd)
    with pytest.raises(Refused, match="Choose the buddy who takes over the aftercare"):
        services.transfer_accept(transfer=transfer, by=cast.other_coordinator)
    with pytest.raises(Refused, match="not an active buddy in this programme"):
        services.transfer_accept(transfer=transfer, by=cast.other_coordinator, new_buddy=cast.buddy)
    services.transfer_accept(transfer=transfer, by=cast.other_coordinator, new_buddy=b_buddy)
    _fresh(trajectory)
    assert trajectory.phase == Phase.AFTERCARE
    assert trajectory.aftercare_started_on == started
    assert trajectory.buddy == b_buddy
    assert trajectory.backup.first_name == "Wendy"
    handed = AuditEntry.objects.filter(detail__startswith="buddy handed over").get()
    assert handed.detail == f"buddy handed over: {cast.buddy} → {b_buddy}"


def test_in_aftercare_the_new_buddys_backup_must_be_a_backup_of_the_new_programme(
    cast, journey, selwerd, request_to, b_buddy
):
    """The buddy's usual backup professional stopped being one in the new programme."""
    b_buddy.programme_roles.get().default_backup.programme_roles.update(active=False)
    transfer = request_to(journey(Phase.AFTERCARE), selwerd)
    with pytest.raises(Refused, match="is not a backup professional in this programme"):
        services.transfer_accept(transfer=transfer, by=cast.other_coordinator, new_buddy=b_buddy)
    assert Transfer.objects.get().status == TransferStatus.REQUESTED


def test_the_old_programmes_people_lose_access_and_the_new_coordinator_gains_it(
    cast, journey, selwerd, request_to
):
    trajectory = journey(Phase.ACTIVE)
    household = trajectory.household
    for user in (cast.coordinator, cast.buddy, cast.backup):
        assert policy.visible_households(user).filter(pk=household.pk).exists()
    services.transfer_accept(transfer=request_to(trajectory, selwerd), by=cast.other_coordinator)
    for user in (cast.coordinator, cast.buddy, cast.backup):
        user = type(user).objects.get(pk=user.pk)  # a fresh request: no roles kept
        assert not policy.visible_households(user).filter(pk=household.pk).exists()
    other = type(cast.other_coordinator).objects.get(pk=cast.other_coordinator.pk)
    assert policy.visible_households(other).filter(pk=household.pk).exists()


def test_an_ended_journey_is_not_transferred(journey, selwerd, request_to):
    trajectory = journey(Phase.CLOSED)
    with pytest.raises(Refused, match="Only a household on its journey"):
        request_to(trajectory, selwerd)


def test_only_the_households_coordinator_starts_a_transfer(cast, journey, selwerd, request_to):
    trajectory = journey(Phase.ACTIVE)
    for user in (cast.buddy, cast.backup, cast.other_coordinator, UserFactory()):
        with pytest.raises(Refused, match="Only a coordinator of this programme"):
            request_to(trajectory, selwerd, by=user)
    assert not Transfer.objects.exists()


def test_a_transfer_needs_a_reason_and_another_area(cast, journey, selwerd, request_to):
    trajectory = journey(Phase.ACTIVE)
    with pytest.raises(Refused, match="Say why"):
        request_to(trajectory, selwerd, reason="  ")
    with pytest.raises(Refused, match="already lives in this area"):
        request_to(trajectory, cast.area)
    assert not Transfer.objects.exists()


def test_a_second_request_is_refused_while_one_waits(journey, selwerd, lewenborg, request_to):
    trajectory = journey(Phase.ACTIVE)
    request_to(trajectory, selwerd)
    with pytest.raises(Refused, match="already waiting"):
        request_to(trajectory, lewenborg)
    assert Transfer.objects.count() == 1


def test_the_database_allows_one_open_transfer_per_household(journey, selwerd, request_to):
    transfer = request_to(journey(Phase.ACTIVE), selwerd)
    transfer.pk = None
    transfer.uuid = None
    with pytest.raises(IntegrityError), transaction.atomic():
        Transfer.objects.create(
            **{
                f.attname: getattr(transfer, f.attname)
                for f in Transfer._meta.concrete_fields
                if f.attname not in ("id", "uuid")
            }
        )


def test_only_the_receiving_coordinator_accepts_or_declines(cast, journey, selwerd, request_to):
    trajectory = journey(Phase.ACTIVE)
    transfer = request_to(trajectory, selwerd)
    for user in (cast.coordinator, cast.buddy, UserFactory()):
        with pytest.raises(Refused, match="receiving programme"):
            services.transfer_accept(transfer=transfer, by=user)
        with pytest.raises(Refused, match="receiving programme"):
            services.transfer_decline(transfer=transfer, by=user, reason="Vol")
    assert _fresh(trajectory).household.programme == cast.programme


def test_a_declined_transfer_leaves_the_household_where_it_was(cast, journey, selwerd, request_to):
    trajectory = journey(Phase.ACTIVE)
    transfer = request_to(trajectory, selwerd)
    with pytest.raises(Refused, match="Say why"):
        services.transfer_decline(transfer=transfer, by=cast.other_coordinator, reason="")
    services.transfer_decline(transfer=transfer, by=cast.other_coordinator, reason="No room.")
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.DECLINED
    assert transfer.decline_reason == "No room."
    _fresh(trajectory)
    assert trajectory.household.programme == cast.programme
    assert trajectory.buddy == cast.buddy
    with pytest.raises(Refused, match="already decided"):
        services.transfer_accept(transfer=transfer, by=cast.other_coordinator)


def test_the_sender_cancels_and_may_then_ask_again(cast, journey, selwerd, request_to):
    trajectory = journey(Phase.ACTIVE)
    transfer = request_to(trajectory, selwerd)
    with pytest.raises(Refused, match="Only a coordinator of this programme"):
        services.transfer_cancel(transfer=transfer, by=cast.other_coordinator)
    services.transfer_cancel(transfer=transfer, by=cast.coordinator)
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.CANCELLED
    with pytest.raises(Refused, match="already decided"):
        services.transfer_accept(transfer=transfer, by=cast.other_coordinator)
    assert request_to(trajectory, selwerd).status == TransferStatus.REQUESTED


def test_accepting_twice_moves_once(cast, journey, selwerd, request_to):
    trajectory = journey(Phase.ACTIVE)
    transfer = request_to(trajectory, selwerd)
    services.transfer_accept(transfer=transfer, by=cast.other_coordinator)
    with pytest.raises(Refused, match="already decided"):
        services.transfer_accept(transfer=transfer, by=cast.other_coordinator)
    assert _fresh(trajectory).phase_changes.filter(to_phase=Phase.MATCHING).count() == 1


def test_every_step_is_in_the_audit_log(cast, journey, selwerd, request_to):
    trajectory = journey(Phase.ACTIVE)
    transfer = request_to(trajectory, selwerd)
    services.transfer_decline(transfer=transfer, by=cast.other_coordinator, reason="Vol")
    transfer = request_to(trajectory, selwerd)
    services.transfer_cancel(transfer=transfer, by=cast.coordinator)
    transfer = request_to(trajectory, selwerd)
    services.transfer_accept(transfer=transfer, by=cast.other_coordinator)
    details = list(
        AuditEntry.objects.filter(
            household=trajectory.household, detail__startswith="transfer"
        ).values_list("detail", flat=True)
    )
    steps = [" ".join(d.split(" ")[:2]) for d in details]
    assert steps.count("transfer requested") == 3
    for step in ("declined", "cancelled", "accepted"):
        assert f"transfer {step}" in steps
