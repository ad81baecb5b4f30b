"""The cost-benefit analysis: arithmetic by hand, counts from recorded outcomes, suppression."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from kansrijk.core.numbers import Euros, Ratio
from kansrijk.outcomes.choices import Welfare
from kansrijk.reports.costbenefit import Inputs, Range, calculate, cost_benefit_report
from kansrijk.reports.dashboard import Audience
from kansrijk.reports.disclosure import audit
from kansrijk.reports.models import BenefitValue, CostBenefitModel
from kansrijk.reports.scope import scope_from
from kansrijk.trajectories.choices import DropOutReason, Phase
from tests.factories import DoorbraakCaseFactory, OutcomeFactory, outcome_type_of

from .disclosure_check import assert_nothing_disclosed

D = Decimal


def _benefit(code, value, low, high, years):
    return BenefitValue(
        outcome_code=code,
        label=code,
        value_per_year=D(value),
        value_low=D(low),
        value_high=D(high),
        duration_years=D(years),
    )


def test_the_arithmetic_matches_a_case_worked_out_by_hand():
    model = CostBenefitModel(
        buddy_allowance_per_year=D(500),
        coordination_hours_per_year=D(1000),
        coordination_hourly_rate=D(60),
        training_costs_per_year=D(4000),
        other_costs_per_year=D(1000),
    )
    values = [
        _benefit("welfare_ended", 14000, 10000, 18000, 2),
        _benefit("eviction_prevented", 10000, 5000, 20000, 1),
        _benefit("network_grown", 0, 0, 0, 1),  # not valued: left out
    ]
    inputs = Inputs(
        years=D(3),
        buddies=10,
        doorbraak_costs=D(2500),
        counts={"welfare_ended": 8, "eviction_prevented": 2, "network_grown": 7},
    )

    result = calculate(model, values, inputs)

    # 500 × 10 × 3 + 1000 × 60 × 3 + 4000 × 3 + 1000 × 3 + 2500
    assert [line.amount for line in result.costs] == [15000, 180000, 12000, 3000, 2500]
    assert result.total_cost == 212500
    # 8 × 14,000 × 2 + 2 × 10,000 × 1 (low: 8 × 10,000 × 2 + 2 × 5,000; high: 8 × 18,000 × 2 + 2 × 20,000)
    assert result.total_benefit == Range(D(170000), D(244000), D(328000))
    assert result.net_benefit == Range(D(-42500), D(31500), D(115500))
    per_euro = result.benefit_per_euro
    assert [round(x, 2) for x in (per_euro.low, per_euro.central, per_euro.high)] == [
        D("0.80"),
        D("1.15"),
        D("1.54"),
    ]
    assert [line.code for line in result.benefits] == ["welfare_ended", "eviction_prevented"]


def test_without_costs_there_is_no_benefit_per_euro():
    model = CostBenefitModel(
        buddy_allowance_per_year=D(0),
        coordination_hours_per_year=D(0),
        coordination_hourly_rate=D(0),
        training_costs_per_year=D(0),
        other_costs_per_year=D(0),
    )
    result = calculate(model, [], Inputs(years=D(1), buddies=0, doorbraak_costs=D(0)))

    assert result.benefit_per_euro is None


def _ended(journey, n, **kwargs):
    return [
        journey(
            Phase.CLOSED, matched_on=dt.date(2023, 6, 1), ended_on=dt.date(2024, 12, 1), **kwargs
        )
        for _ in range(n)
    ]


def _outcome(trajectory, kind, **fields):
    programme = trajectory.household.programme
    return OutcomeFactory(
        trajectory=trajectory,
        outcome_type=outcome_type_of(programme, kind),
        reached_on=dt.date(2024, 10, 1),
        **fields,
    )


@pytest.fixture
def scope(cast):
    from django.http import QueryDict

    return scope_from(QueryDict("from=2024&to=2024"), cast.programme)[0]


def test_the_report_counts_outcomes_of_households_that_ended_in_the_period(cast, journey, scope):
    ended = _ended(journey, 7)
    for trajectory in ended:
        _outcome(trajectory, "paid_work", hours="full_time", welfare=Welfare.ENDED)
    _outcome(ended[0], "eviction_prevented")
    still_active = journey(Phase.ACTIVE, matched_on=dt.date(2024, 3, 1))
    _outcome(still_active, "paid_work", hours="full_time", welfare=Welfare.ENDED)
    DoorbraakCaseFactory(trajectory=ended[0], opened_on=dt.date(2024, 2, 1), costs=D("750.00"))

    report = cost_benefit_report(scope, Audience(exact=True, threshold=0))

    benefits = {row[0]: row for row in report.tables[2].rows}
    assert benefits["welfare (bijstand) fully ended"][1] == 7
    # 7 × 14,000 × 2, an amount in euros (a number for the spreadsheet, 196,000 on the page).
    assert benefits["welfare (bijstand) fully ended"][5] == Euros(196_000)
    assert isinstance(benefits["welfare (bijstand) fully ended"][5], Euros)
    assert str(benefits["welfare (bijstand) fully ended"][5]) == "196,000"
    assert benefits["eviction prevented"][1] == 1
    costs = {row[0]: row for row in report.tables[1].rows}
    assert costs["Doorbraak solutions"][2] == Euros(750)
    assert any("Berenschot (2018)" in line for line in report.assumptions)


def test_a_funder_sees_small_outcome_counts_and_their_benefits_hidden(cast, journey, scope):
    ended = _ended(journey, 7)
    for trajectory in ended:
        _outcome(trajectory, "paid_work", hours="full_time", welfare=Welfare.ENDED)
    _outcome(ended[0], "eviction_prevented")
    _outcome(ended[1], "debt_free")
    _outcome(ended[2], "debt_free")

    report = cost_benefit_report(scope, Audience(exact=False, threshold=5))

    benefits = {row[0]: row for row in report.tables[2].rows}
    for small in ("eviction prevented", "debt-free"):
        assert [str(cell) for cell in benefits[small][4:]] == ["hidden"] * 3
        assert str(benefits[small][1]) == "hidden"
    assert report.suppression_note
    exact = cost_benefit_report(scope, Audience(exact=True, threshold=0))
    assert_nothing_disclosed(exact, report, 5)


def test_published_values_and_totals_cannot_give_a_hidden_count_back(cast, journey, scope):
    """Three small outcomes and the benefit totals beside their published values per household
    have exactly one solution; the funder's page must not leave it solvable."""
    ended = _ended(journey, 7)
    for trajectory in ended:
        _outcome(trajectory, "paid_work", hours="full_time", welfare=Welfare.ENDED)
    for trajectory in ended[:6]:
        _outcome(trajectory, "debt_free")
    _outcome(ended[0], "eviction_prevented")
    exact = cost_benefit_report(scope, Audience(exact=True, threshold=0))
    rows = exact.tables[2].rows
    eviction = next(r for r, row in enumerate(rows) if row[0] == "eviction prevented")
    only_the_small_one = {(2, eviction, 1)}
    assert audit(exact.tables, only_the_small_one, 5)  # hiding the 1 alone is not enough

    report = cost_benefit_report(scope, Audience(exact=False, threshold=5))

    benefits = {row[0]: row for row in report.tables[2].rows}
    assert str(benefits["eviction prevented"][1]) == "hidden"
    assert_nothing_disclosed(exact, report, 5)


def test_the_page_says_whose_outcomes_the_benefits_count(cast, journey, scope):
    """The journeys that ended in the period, finished or stopped early; a journey still running
    or ended before the period counts elsewhere."""
    _ended(journey, 7)
    journey(
        Phase.DROPPED_OUT,
        referred_on=dt.date(2024, 1, 5),
        matched_on=None,
        ended_on=dt.date(2024, 3, 1),
        drop_out_reason=DropOutReason.MOVED,
    )
    journey(Phase.DROPPED_OUT, matched_on=dt.date(2024, 1, 10), ended_on=dt.date(2024, 5, 1))
    journey(Phase.ACTIVE, matched_on=dt.date(2024, 3, 1))
    journey(Phase.CLOSED, matched_on=dt.date(2022, 1, 1), ended_on=dt.date(2023, 6, 1))  # before

    report = cost_benefit_report(scope, Audience(exact=True, threshold=0))

    assert report.tables[3].rows == [
        ["Finished the trajectory in the period", 7],
        ["Stopped early in the period", 2],
    ]
    text = " ".join(report.paragraphs)
    assert (
        "The benefits count the households whose journey ended in the period: 7 finished the "
        "trajectory and 2 stopped early. Households still taking part count in the period in "
        "which their journey ends."
    ) in text


def test_the_ended_journeys_are_the_dashboards_numbers_and_hide_nothing_more(cast, journey, scope):
    """The two numbers stand on the dashboard too (one `measures` name each): protected
    together, the dashboard hides no more than it would alone."""
    _ended(journey, 7)
    journey(
        Phase.DROPPED_OUT,
        referred_on=dt.date(2024, 1, 5),
        matched_on=None,
        ended_on=dt.date(2024, 3, 1),
    )
    audience = Audience(exact=False, threshold=5)

    report = cost_benefit_report(scope, audience)

    text = " ".join(report.paragraphs)
    assert "7 finished the trajectory and a hidden number stopped early" in text
    assert [str(row[1]) for row in report.tables[3].rows] == ["7", "hidden"]
    exact = cost_benefit_report(scope, Audience(exact=True, threshold=0))
    assert_nothing_disclosed(exact, report, 5)


# ---- the coordinator's edit page ----


def _edit_url(cast):
    return reverse("cost_benefit_edit", args=[cast.programme.slug])


def _form_data(client, cast, **changes):
    form = client.get(_edit_url(cast)).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(changes)
    return data


def test_the_coordinator_changes_the_model_and_the_report_uses_it(client, cast, journey):
    client.force_login(cast.coordinator)
    data = _form_data(
        client,
        cast,
        buddy_allowance_per_year="450",
        **{"welfare_ended-value_per_year": "15000", "welfare_ended-value_high": "19000"},
        suppression_threshold="10",
    )

    response = client.post(_edit_url(cast), data)

    assert response.status_code == 302
    model = CostBenefitModel.objects.get(programme=cast.programme)
    assert (model.buddy_allowance_per_year, model.version, model.changed_by) == (
        D(450),
        2,
        cast.coordinator,
    )
    welfare = model.benefits.get(outcome_code="welfare_ended")
    assert (welfare.value_per_year, welfare.value_high) == (D(15000), D(19000))
    assert cast.programme.report_settings.suppression_threshold == 10
    page = client.get(reverse("cost_benefit", args=[cast.programme.slug]))
    assert any("€ 15,000 a year" in line for line in page.context["report"].assumptions)


def test_a_value_outside_its_range_is_refused_with_a_reason(client, cast):
    client.force_login(cast.coordinator)
    data = _form_data(client, cast, **{"welfare_ended-value_per_year": "25000"})

    response = client.post(_edit_url(cast), data)

    assert response.status_code == 200
    assert "The value must lie between the low and the high estimate." in response.content.decode()
    assert not CostBenefitModel.objects.exists()


def test_a_save_over_someone_elses_newer_save_is_refused(client, cast):
    client.force_login(cast.coordinator)
    first = _form_data(client, cast, buddy_allowance_per_year="400")
    second = dict(first, buddy_allowance_per_year="800")
    client.post(_edit_url(cast), first)

    response = client.post(_edit_url(cast), second)

    assert "Someone else changed the cost-benefit model" in response.content.decode()
    assert CostBenefitModel.objects.get().buddy_allowance_per_year == D(400)


@pytest.mark.parametrize("who", ["funder", "buddy", "backup", "other_coordinator", "stranger"])
def test_only_the_coordinator_opens_the_edit_page(client, cast, who):
    client.force_login(getattr(cast, who))

    assert client.get(_edit_url(cast)).status_code == 404
    assert client.post(_edit_url(cast), {}).status_code == 404


def test_the_benefit_per_euro_is_a_ratio_and_a_loss_has_a_real_minus(client, cast, journey):
    """With no outcome the net benefit is minus the costs: "−" on the page, never a hyphen;
    the benefit per euro spent is a ratio, not labelled or written as euros."""
    client.force_login(cast.coordinator)

    page = client.get(
        reverse("cost_benefit", args=[cast.programme.slug]), {"from": "2024", "to": "2024"}
    )

    summary = {str(row[0]): row for row in page.context["report"].tables[0].rows}
    net = summary["Net benefit (€)"][2]
    assert isinstance(net, Euros) and net < 0
    assert str(net).startswith("−") and "-" not in str(net)
    [per_euro] = [label for label in summary if label.startswith("Benefit per euro")]
    assert "€" not in per_euro
    assert all(isinstance(cell, Ratio) for cell in summary[per_euro][1:])
    html = page.content.decode()
    assert f">{net}<" in html


def test_the_long_term_estimate_counts_later_years_at_the_share_that_lasted():
    """By hand: 8 households × € 14,000 × (1 + 1 × 0.75) + 2 × € 10,000 × 1 (one year: only
    the first, which counts in full)."""
    model = CostBenefitModel(
        buddy_allowance_per_year=D(0),
        coordination_hours_per_year=D(0),
        coordination_hourly_rate=D(0),
        training_costs_per_year=D(0),
        other_costs_per_year=D(0),
    )
    values = [
        _benefit("welfare_ended", 14000, 10000, 18000, 2),
        _benefit("eviction_prevented", 10000, 5000, 20000, 1),
    ]
    inputs = Inputs(
        years=D(1),
        buddies=0,
        doorbraak_costs=D(0),
        counts={"welfare_ended": 8, "eviction_prevented": 2},
    )

    result = calculate(model, values, inputs)

    assert result.long_term_benefit(D("0.75")) == Range(D(150000), D(216000), D(292000))
    assert result.long_term_benefit(D(1)) == result.total_benefit


def _lasted(trajectories, answers, by):
    """Follow-ups 12 months after closure, written straight into the tables (the period's
    closures are not due yet on the frozen day; the service is tested in outcomes)."""
    from kansrijk.outcomes.models import FollowUp, FollowUpAnswer

    for trajectory, answer in zip(trajectories, answers, strict=True):
        follow_up = FollowUp.objects.create(
            trajectory=trajectory, moment=12, recorded_by=by, recorded_as="coordinator"
        )
        for outcome in trajectory.outcomes.all():
            FollowUpAnswer.objects.create(
                follow_up=follow_up, outcome=outcome, answer=answer, moment=12
            )


def test_the_page_gives_a_long_term_estimate_with_its_assumption(cast, journey, scope):
    ended = _ended(journey, 7)
    for trajectory in ended:
        _outcome(trajectory, "paid_work", hours="full_time", welfare=Welfare.ENDED)
    _lasted(ended[:6], ["holds"] * 3 + ["lost", "holds", "unreachable"], cast.coordinator)

    report = cost_benefit_report(scope, Audience(exact=True, threshold=0))

    benefits = {row[0]: row for row in report.tables[2].rows}
    # 7 × € 14,000 × (1 + 1 × 0.8): four of the five answered still held.
    long_term = benefits["All outcomes, counting only what lasted (long-term estimate)"]
    assert long_term[5] == Euros(176_400)
    assert any("80% of the outcomes followed up" in line for line in report.assumptions)


def test_too_few_follow_ups_give_no_long_term_estimate_and_say_so(cast, journey, scope):
    ended = _ended(journey, 7)
    for trajectory in ended:
        _outcome(trajectory, "paid_work", hours="full_time", welfare=Welfare.ENDED)
    _lasted(ended[:4], ["holds"] * 4, cast.coordinator)

    exact = cost_benefit_report(scope, Audience(exact=True, threshold=0))

    assert not any("long-term" in str(row[0]) for row in exact.tables[2].rows)
    assert any("Long-term estimate: not yet made" in line for line in exact.assumptions)


def test_a_funders_long_term_estimate_gives_no_hidden_count_back(cast, journey, scope):
    ended = _ended(journey, 7)
    for trajectory in ended:
        _outcome(trajectory, "paid_work", hours="full_time", welfare=Welfare.ENDED)
    _outcome(ended[0], "eviction_prevented")
    _lasted(ended[:6], ["holds"] * 5 + ["lost"], cast.coordinator)

    exact = cost_benefit_report(scope, Audience(exact=True, threshold=0))
    shown = cost_benefit_report(scope, Audience(exact=False, threshold=5))

    assert_nothing_disclosed(exact, shown, 5)
