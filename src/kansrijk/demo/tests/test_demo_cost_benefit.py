"""The demo gives every programme the documented cost-benefit defaults, once."""

from decimal import Decimal

from kansrijk.demo.reports import load_demo_cost_benefit
from kansrijk.reports.defaults import BENEFIT_DEFAULTS
from kansrijk.reports.models import BenefitValue, CostBenefitModel, ReportSettings


def test_every_programme_gets_the_defaults_and_running_it_again_changes_nothing(cast):
    load_demo_cost_benefit()
    load_demo_cost_benefit()

    assert CostBenefitModel.objects.count() == 2
    assert ReportSettings.objects.count() == 2
    model = CostBenefitModel.objects.get(programme=cast.programme)
    assert model.buddy_allowance_per_year == Decimal(600)
    welfare = model.benefits.get(outcome_code="welfare_ended")
    assert (welfare.value_per_year, welfare.duration_years) == (Decimal(14000), Decimal(2))
    assert BenefitValue.objects.count() == 2 * len(BENEFIT_DEFAULTS)
