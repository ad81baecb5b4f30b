"""The demo's cost-benefit models: the documented defaults, scaled to each programme's size.

Kansrijk Oost coordinates 13 buddies for 30 participants a year; the other programmes are
smaller, so they get fewer coordination hours. Values per outcome are the defaults of
`reports.defaults` (sources in docs/cost-benefit.md). Safe to run again.
"""

from decimal import Decimal

from kansrijk.people.models import Programme
from kansrijk.reports.costbenefit import default_benefits
from kansrijk.reports.defaults import COST_DEFAULTS
from kansrijk.reports.models import CostBenefitModel, ReportSettings

# Coordination hours per year by programme (slug); others get the default.
COORDINATION_HOURS = {
    "kansrijk-oost": Decimal(1200),
    "kansrijk-west": Decimal(1000),
    "kansrijk-oosterpark": Decimal(600),
    "kansrijk-zuid": Decimal(600),
}


def load_demo_cost_benefit() -> None:
    for programme in Programme.objects.all():
        costs = dict(COST_DEFAULTS)
        costs["coordination_hours_per_year"] = COORDINATION_HOURS.get(
            programme.slug, costs["coordination_hours_per_year"]
        )
        model, created = CostBenefitModel.objects.get_or_create(programme=programme, defaults=costs)
        if created:
            for benefit in default_benefits(model):
                benefit.save()
        ReportSettings.objects.get_or_create(programme=programme)
