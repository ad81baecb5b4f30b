"""A signal from raised to closed: each step records who and when, in order, logged, and never
over someone else's step."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.core.errors import Refused
from kansrijk.escalation import services
from kansrijk.escalation.choices import SignalStatus
from kansrijk.escalation.models import Signal
from kansrijk.people.choices import Role
from tests.factories import OrganisationFactory

# The moment `frozen_today` (root conftest) stops the clock at; steps happen later than it.
FROZEN_AT = dt.datetime(2025, 6, 16, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def _later(**delta):
    return time_machine.travel(FROZEN_AT + dt.timedelta(**delta), tick=False)


def test_the_buddy_raises_a_signal_that_waits_for_the_backup(cast, coached, raised):
    signal = raised(kind="worry")

    assert signal.status == SignalStatus.OPEN
    assert (signal.raised_by, signal.raised_at) == (cast.buddy, FROZEN_AT)
    assert signal.picked_up_at is None
    entry = AuditEntry.objects.get(household=coached.household, action=AuditAction.CREATE)
    assert (entry.actor, entry.role, entry.detail) == (cast.buddy, Role.BUDDY, "signal worry")


def test_a_signal_goes_from_open_to_picked_up_to_answered_to_closed(cast, raised):
    signal = raised()
    with _later(hours=2, minutes=30):
        signal = services.signal_pick_up(signal=signal, by=cast.backup, version=1)
    with _later(hours=3):
        signal = services.signal_answer(
            signal=signal, by=cast.backup, version=2, answer="Bel de Belastingdienst samen."
        )
    with _later(days=1):
        signal = services.signal_close(signal=signal, by=cast.buddy, version=3)

    fresh = Signal.objects.get(pk=signal.pk)
    assert fresh.status == SignalStatus.CLOSED
    assert (fresh.picked_up_by, fresh.responded_by, fresh.closed_by) == (
        cast.backup,
        cast.backup,
        cast.buddy,
    )
    assert fresh.response_time == dt.timedelta(hours=2, minutes=30)
    assert fresh.time_to_close == dt.timedelta(days=1)
    assert fresh.version == 4
    details = set(
        AuditEntry.objects.filter(action=AuditAction.CHANGE).values_list("detail", flat=True)
    )
    assert details == {"signal picked up", "signal answered", "signal closed"}


def test_answering_straight_away_picks_the_signal_up_at_the_same_moment(cast, raised):
    signal = raised()
    with _later(minutes=40):
        signal = services.signal_answer(signal=signal, by=cast.backup, version=1, answer="Ja.")

    assert signal.status == SignalStatus.ANSWERED
    assert signal.picked_up_by == cast.backup
    assert signal.response_time == dt.timedelta(minutes=40)


def test_passing_on_names_the_organisation(cast, raised):
    library = OrganisationFactory(name="De Oude Bieb")
    signal = raised()

    signal = services.signal_pass_on(
        signal=signal,
        by=cast.backup,
        version=1,
        organisation=library,
        note="Taalcafé op dinsdag.",
    )

    assert signal.status == SignalStatus.PASSED_ON
    assert signal.passed_on_label == "De Oude Bieb"
    assert signal.response == "Taalcafé op dinsdag."


@pytest.mark.parametrize(
    ("organisation", "name", "message"),
    [
        (None, "", "Choose the organisation, or write its name."),
        ("library", "Buurthuis", "Choose an organisation from the list or write a name, not both."),
    ],
)
def test_passing_on_needs_one_organisation(cast, raised, organisation, name, message):
    signal = raised()
    organisation = OrganisationFactory() if organisation else None

    with pytest.raises(Refused, match=message):
        services.signal_pass_on(
            signal=signal,
            by=cast.backup,
            version=1,
            organisation=organisation,
            organisation_name=name,
            note="Doorgezet.",
        )

    assert Signal.objects.get(pk=signal.pk).status == SignalStatus.OPEN


def test_a_step_on_a_version_someone_else_overtook_is_refused_and_nothing_changes(cast, raised):
    signal = raised()
    services.signal_pick_up(signal=signal, by=cast.coordinator, version=1)

    with pytest.raises(Refused, match="Someone else took a step on this signal"):
        services.signal_answer(signal=signal, by=cast.backup, version=1, answer="Ja.")

    fresh = Signal.objects.get(pk=signal.pk)
    assert (fresh.status, fresh.version, fresh.picked_up_by) == (
        SignalStatus.PICKED_UP,
        2,
        cast.coordinator,
    )


def test_a_signal_is_picked_up_once(cast, raised):
    signal = raised()
    services.signal_pick_up(signal=signal, by=cast.backup, version=1)

    with pytest.raises(Refused, match="picked up already"):
        services.signal_pick_up(signal=signal, by=cast.coordinator, version=None)


def test_a_signal_is_closed_only_after_its_answer(cast, raised):
    signal = raised()

    with pytest.raises(Refused, match="closed after it has had its answer"):
        services.signal_close(signal=signal, by=cast.backup, version=1)


def test_the_buddy_cannot_take_the_backups_steps(cast, raised):
    signal = raised()

    with pytest.raises(Refused, match="Only the backup professional"):
        services.signal_pick_up(signal=signal, by=cast.buddy, version=1)


@pytest.mark.parametrize(
    ("kind", "description", "message"),
    [
        ("gossip", "Iets.", "Choose what kind of signal this is."),
        ("question", "   ", "Write in a few words what is going on."),
        ("question", "x" * 1001, "Keep it shorter"),
    ],
)
def test_a_signal_needs_a_kind_and_a_few_words(cast, coached, kind, description, message):
    with pytest.raises(Refused, match=message):
        services.signal_raise(trajectory=coached, by=cast.buddy, kind=kind, description=description)

    assert not Signal.objects.exists()


def test_the_backup_cannot_raise_a_signal_to_themselves(cast, coached):
    with pytest.raises(Refused, match="raised by the buddy or a coordinator"):
        services.signal_raise(trajectory=coached, by=cast.backup, kind="question", description="?")


# ---- the pages ----


def test_the_buddy_raises_a_signal_on_the_phone_page_and_lands_on_it(client, cast, coached):
    client.force_login(cast.buddy)
    url = reverse("signal_raise", args=[coached.household.uuid])

    page = client.get(url)
    response = client.post(url, {"kind": "urgent", "description": "Hij dreigt met geweld."})

    assert page.status_code == 200
    assert "Bea Backup" in page.content.decode()
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("signal", args=[signal.uuid])
    assert signal.is_urgent


def test_a_signal_without_words_is_not_sent_and_the_page_says_why(client, cast, coached):
    client.force_login(cast.buddy)

    response = client.post(
        reverse("signal_raise", args=[coached.household.uuid]),
        {"kind": "question", "description": ""},
    )

    assert response.status_code == 422
    assert not Signal.objects.exists()


def test_a_step_without_javascript_redirects_back_to_the_signal(client, cast, raised):
    signal = raised()
    client.force_login(cast.backup)

    response = client.post(reverse("signal_pick_up", args=[signal.uuid]), {"version": 1})

    assert response.status_code == 302
    assert response["Location"] == reverse("signal", args=[signal.uuid])
    page = client.get(response["Location"])
    assert "You picked the signal up." in page.content.decode()


def test_a_step_with_htmx_answers_with_the_signals_card_alone(client, cast, raised):
    signal = raised()
    client.force_login(cast.backup)

    response = client.post(
        reverse("signal_answer", args=[signal.uuid]),
        {"version": 1, "answer": "Ik bel haar morgen."},
        headers={"hx-request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<section class="signal')
    assert "<html" not in html
    assert "Ik bel haar morgen." in html
    assert "The answer is sent to the buddy." in html


def test_a_stale_step_on_the_page_shows_the_refusal_and_keeps_the_other_step(client, cast, raised):
    signal = raised()
    services.signal_pick_up(signal=signal, by=cast.coordinator, version=1)
    client.force_login(cast.backup)

    response = client.post(
        reverse("signal_answer", args=[signal.uuid]), {"version": 1, "answer": "Ja."}
    )

    assert response.status_code == 422
    assert "Someone else took a step on this signal" in response.content.decode()
    assert Signal.objects.get(pk=signal.pk).status == SignalStatus.PICKED_UP


def test_the_buddy_sees_the_status_and_response_time(client, cast, raised):
    signal = raised()
    with _later(hours=1, minutes=15):
        services.signal_answer(signal=signal, by=cast.backup, version=1, answer="Bel me.")
    with _later(hours=2):
        client.force_login(cast.buddy)
        html = client.get(reverse("signal", args=[signal.uuid])).content.decode()

    assert "Answered" in html
    assert "Response time: 1 hour and 15 minutes" in html
    assert "Bel me." in html
    assert "Close the signal" in html
    assert "Pick it up" not in html


def test_reading_a_signal_is_logged_in_the_role_it_was_read_in(client, cast, coached, raised):
    signal = raised()
    client.force_login(cast.backup)

    client.get(reverse("signal", args=[signal.uuid]))

    entry = AuditEntry.objects.get(action=AuditAction.VIEW)
    assert (entry.household, entry.actor, entry.role, entry.detail) == (
        coached.household,
        cast.backup,
        Role.BACKUP,
        "signal",
    )
