"""Doorbraak cases: only with the participant's consent, opened by a professional (also from a
signal), solved with a solution and who decided it, the lead time computed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.core.errors import Refused
from kansrijk.escalation import case_services
from kansrijk.escalation.choices import SignalStatus, TagKind
from kansrijk.escalation.models import BarrierTag, DoorbraakCase, Signal
from kansrijk.escalation.selectors import tags_for
from kansrijk.trajectories.choices import Phase
from tests.factories import UserFactory


def _tag(kind: TagKind, name: str) -> BarrierTag:
    return BarrierTag.objects.get(kind=kind, name=name)


def _solve(case, by, **changes):
    values = {
        "barrier": case.barrier,
        "opened_on": case.opened_on,
        "solution": "Een overbruggingsbedrag tot het eerste loon.",
        "decided_by": "Teamleider Inkomen, gemeente",
        "solved_on": dt.date(2025, 6, 16),
        **changes,
    }
    return case_services.case_update(case=case, by=by, version=case.version, **values)


def test_without_consent_for_doorbraak_no_case_is_opened(cast, coached):
    with pytest.raises(Refused, match="has not given consent for Doorbraak professionals"):
        case_services.case_open(trajectory=coached, by=cast.backup, barrier="De toeslag.")

    assert not DoorbraakCase.objects.exists()


def test_the_page_says_plainly_that_consent_comes_first(client, cast, coached):
    client.force_login(cast.backup)
    url = reverse("doorbraak_case_open", args=[coached.household.uuid])

    page = client.get(url)
    post = client.post(url, {"barrier": "De toeslag.", "opened_on": "2025-06-16"})

    assert page.status_code == 200
    assert "First the participant's consent" in page.content.decode()
    assert 'name="barrier"' not in page.content.decode()
    assert post.status_code == 422
    assert not DoorbraakCase.objects.exists()


def test_a_withdrawn_consent_counts_as_none(cast, coached, doorbraak_consent):
    consent = doorbraak_consent(coached)
    consent.withdrawn_at = timezone.now()
    consent.save()

    with pytest.raises(Refused, match="has not given consent"):
        case_services.case_open(trajectory=coached, by=cast.coordinator, barrier="De toeslag.")


def test_the_backup_opens_a_case_with_tags_and_it_is_logged(cast, coached, doorbraak_consent):
    doorbraak_consent(coached)
    tags_for(cast.programme)

    case = case_services.case_open(
        trajectory=coached,
        by=cast.backup,
        barrier="De kinderopvangtoeslag wordt teruggevorderd.",
        blocking_rule="Terugvordering zonder overgangsregeling",
        barrier_types=[_tag(TagKind.BARRIER, "Childcare allowance")],
        agencies=[_tag(TagKind.AGENCY, "Tax office: allowances")],
    )

    assert case.opened_on == dt.date(2025, 6, 16)
    assert not case.is_solved
    assert [t.name for t in case.barrier_types.all()] == ["Childcare allowance"]
    entry = AuditEntry.objects.get(household=coached.household, action=AuditAction.CREATE)
    assert (entry.actor, entry.detail) == (cast.backup, "doorbraak case")


def test_solving_a_case_records_the_solution_and_its_lead_time(cast, coached, doorbraak_consent):
    doorbraak_consent(coached)
    case = case_services.case_open(
        trajectory=coached, by=cast.backup, barrier="Geen inkomen.", opened_on=dt.date(2025, 6, 1)
    )

    solved = _solve(case, cast.coordinator, costs=Decimal("450.00"), freed_domains=["work", "home"])

    assert solved.lead_time_days == 15
    assert solved.costs == Decimal("450.00")
    # Kept in the order of the framework, whatever order they were ticked in.
    assert solved.freed_domains == ["home", "work"]
    assert solved.version == 2


def test_a_solved_case_says_what_the_solution_is_and_who_decided(cast, coached, doorbraak_consent):
    doorbraak_consent(coached)
    case = case_services.case_open(trajectory=coached, by=cast.backup, barrier="Geen inkomen.")

    with pytest.raises(Refused, match="what the solution is and who decided it"):
        _solve(case, cast.backup, decided_by="")

    assert DoorbraakCase.objects.get(pk=case.pk).solved_on is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"solved_on": dt.date(2025, 6, 17)}, "cannot be in the future"),
        ({"opened_on": dt.date(2025, 6, 16), "solved_on": dt.date(2025, 6, 15)}, "on or after"),
        ({"costs": Decimal("-1")}, "zero or more"),
        ({"freed_domains": ["astrology"]}, "Choose the life domains from the list."),
        ({"lesson": "Fatima had geen inkomen door de regels."}, "without names"),
        ({"lesson": "De familie El Amrani wachtte drie maanden."}, "without names"),
    ],
)
def test_a_case_refuses_what_cannot_be_right(cast, coached, doorbraak_consent, changes, message):
    doorbraak_consent(coached)
    case = case_services.case_open(
        trajectory=coached, by=cast.backup, barrier="Geen inkomen.", opened_on=dt.date(2025, 6, 10)
    )

    with pytest.raises(Refused, match=message):
        _solve(case, cast.backup, **changes)

    assert DoorbraakCase.objects.get(pk=case.pk).version == 1


def test_a_lesson_without_names_is_kept(cast, coached, doorbraak_consent):
    doorbraak_consent(coached)
    case = case_services.case_open(trajectory=coached, by=cast.backup, barrier="Geen inkomen.")

    solved = _solve(case, cast.backup, lesson="Laat de toeslag doorlopen tot het eerste loon.")

    assert solved.lesson == "Laat de toeslag doorlopen tot het eerste loon."


def test_a_stale_save_is_refused(cast, coached, doorbraak_consent):
    doorbraak_consent(coached)
    case = case_services.case_open(trajectory=coached, by=cast.backup, barrier="Geen inkomen.")
    _solve(case, cast.coordinator)

    with pytest.raises(Refused, match="Someone else saved this case"):
        _solve(case, cast.backup, solution="Iets anders.")


def test_a_case_opened_from_a_signal_escalates_that_signal(
    cast, coached, doorbraak_consent, raised
):
    doorbraak_consent(coached)
    signal = raised(kind="worry")

    case = case_services.case_open(
        trajectory=coached,
        by=cast.backup,
        barrier="De huurtoeslag is gestopt.",
        signal=signal,
        signal_version=signal.version,
    )

    fresh = Signal.objects.get(pk=signal.pk)
    assert fresh.status == SignalStatus.ESCALATED
    assert (fresh.responded_by, fresh.picked_up_by) == (cast.backup, cast.backup)
    assert case.signal == fresh
    with pytest.raises(Refused, match="had its answer already"):
        case_services.case_open(
            trajectory=coached, by=cast.backup, barrier="Nog eens.", signal=fresh
        )


def test_without_consent_the_signal_stays_as_it_was(cast, coached, raised):
    signal = raised()

    with pytest.raises(Refused):
        case_services.case_open(
            trajectory=coached, by=cast.backup, barrier="Toeslag.", signal=signal, signal_version=1
        )

    assert Signal.objects.get(pk=signal.pk).status == SignalStatus.OPEN


def test_escalating_on_the_page_links_the_signal_and_the_case(
    client, cast, coached, doorbraak_consent, raised
):
    doorbraak_consent(coached)
    signal = raised()
    client.force_login(cast.backup)
    url = reverse("doorbraak_case_open", args=[coached.household.uuid])

    form = client.get(f"{url}?signal={signal.uuid}")
    response = client.post(
        url,
        {
            "signal": str(signal.uuid),
            "signal_version": "1",
            "barrier": "De huurtoeslag is gestopt.",
            "opened_on": "2025-06-16",
        },
    )

    assert "De huurtoeslag is gestopt." in form.content.decode()
    case = DoorbraakCase.objects.get()
    assert response["Location"] == reverse("doorbraak_case", args=[case.uuid])
    client.force_login(cast.buddy)
    signal_page = client.get(reverse("signal", args=[signal.uuid])).content.decode()
    assert "Escalated to Doorbraak" in signal_page
    assert reverse("doorbraak_case", args=[case.uuid]) in signal_page


def test_the_buddy_raises_signals_but_does_not_open_cases(client, cast, coached, doorbraak_consent):
    doorbraak_consent(coached)
    client.force_login(cast.buddy)

    response = client.get(reverse("doorbraak_case_open", args=[coached.household.uuid]))

    assert response.status_code == 404
    with pytest.raises(Refused):
        case_services.case_open(trajectory=coached, by=cast.buddy, barrier="Toeslag.")


def test_the_doorbraak_professional_records_the_solution_on_the_page(
    client, cast, coached, doorbraak_consent, doorbraak_pro
):
    doorbraak_consent(coached)
    case = case_services.case_open(
        trajectory=coached, by=cast.backup, barrier="Geen inkomen.", opened_on=dt.date(2025, 6, 2)
    )
    client.force_login(doorbraak_pro)

    page = client.get(reverse("doorbraak_case_edit", args=[case.uuid]))
    response = client.post(
        reverse("doorbraak_case_edit", args=[case.uuid]),
        {
            "version": 1,
            "barrier": "Geen inkomen.",
            "opened_on": "2025-06-02",
            "solution": "Voorschot op de uitkering.",
            "decided_by": "Manager Werk en Inkomen",
            "costs": "0",
            "solved_on": "2025-06-16",
            "freed_domains": ["finances", "wellbeing"],
            "lesson": "Een voorschot binnen een week voorkomt nieuwe schulden.",
        },
    )

    assert page.status_code == 200
    assert response.status_code == 302
    shown = client.get(reverse("doorbraak_case", args=[case.uuid])).content.decode()
    assert "14 days" in shown
    assert "Voorschot op de uitkering." in shown
    assert "Manager Werk en Inkomen" in shown


def test_the_household_page_shows_cases_and_signals_with_the_urgent_count(
    client, cast, coached, doorbraak_consent, raised
):
    doorbraak_consent(coached)
    raised(kind="urgent")
    raised(kind="question")
    case_services.case_open(trajectory=coached, by=cast.backup, barrier="Toeslag.")
    client.force_login(cast.buddy)

    response = client.get(reverse("household", args=[coached.household.uuid]))

    shown = response.context["file"].escalation
    assert shown.counts.urgent == 1
    assert len(shown.signals) == 2
    assert len(shown.cases) == 1
    html = response.content.decode()
    assert "1 urgent" in html
    assert "Raise a signal" in html


def test_a_doorbraak_professional_sees_cases_only_while_the_consent_lasts(
    client, cast, coached, doorbraak_consent, doorbraak_pro, journey
):
    consent = doorbraak_consent(coached)
    case = case_services.case_open(trajectory=coached, by=cast.backup, barrier="Toeslag.")
    without = journey(Phase.ACTIVE, backup_consent=False, buddy=UserFactory())
    doorbraak_consent(without)
    hidden = case_services.case_open(trajectory=without, by=cast.coordinator, barrier="Schuld.")
    without.household.consents.update(withdrawn_at=timezone.now())
    client.force_login(doorbraak_pro)

    listed = client.get(reverse("doorbraak_cases"))
    consent.withdrawn_at = timezone.now()
    consent.save()
    after = client.get(reverse("doorbraak_case", args=[case.uuid]))

    assert [c.pk for c in listed.context["page_obj"]] == [case.pk]
    assert without.household.display_name not in listed.content.decode()
    assert client.get(reverse("doorbraak_case", args=[hidden.uuid])).status_code == 404
    assert after.status_code == 404
