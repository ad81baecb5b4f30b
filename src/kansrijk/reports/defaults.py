"""The cost-benefit model's defaults. Sources and reasoning: `docs/cost-benefit.md`.

Benefits are keyed by the outcome type's code in `outcomes` (its kind, for the shipped types),
plus two codes of our own for what paid work or an own business did to welfare (bijstand): that is
recorded as a detail of the outcome, and it is where most of the money is.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_noop

WELFARE_ENDED = "welfare_ended"
WELFARE_REDUCED = "welfare_reduced"


@dataclass(frozen=True)
class BenefitDefault:
    code: str
    label: str  # an English message id
    value: Decimal
    low: Decimal
    high: Decimal
    years: Decimal
    source: str  # an English message id


D = Decimal

BENEFIT_DEFAULTS = (
    BenefitDefault(
        WELFARE_ENDED,
        gettext_noop("welfare (bijstand) fully ended"),
        D(14000),
        D(10000),
        D(18000),
        D(2),
        gettext_noop(
            "Berenschot (2018): a household on welfare costs the municipality about € 14,000 a "
            "year, benefit and execution together. Range and 2 years: our assumption."
        ),
    ),
    BenefitDefault(
        WELFARE_REDUCED,
        gettext_noop("welfare (bijstand) mostly reduced"),
        D(7000),
        D(4000),
        D(10000),
        D(2),
        gettext_noop("Assumption: half of the € 14,000 of welfare fully ended (Berenschot 2018)."),
    ),
    BenefitDefault(
        "eviction_prevented",
        gettext_noop("eviction prevented"),
        D(10000),
        D(5000),
        D(20000),
        D(1),
        gettext_noop(
            "Assumption, once: costs of an eviction for landlord, municipality and shelter. "
            "We found no single published figure; replace it with your own."
        ),
    ),
    BenefitDefault(
        "debt_arrangement",
        gettext_noop("debt arrangement"),
        D(5800),
        D(3000),
        D(11600),
        D("1.5"),
        gettext_noop(
            "Derived from IBO Problematische schulden (2024): at least € 8.5 billion a year for "
            "730,000 households, about € 11,600 each; half while the arrangement runs."
        ),
    ),
    BenefitDefault(
        "debt_free",
        gettext_noop("debt-free"),
        D(11600),
        D(5800),
        D(15000),
        D(2),
        gettext_noop(
            "Derived from IBO Problematische schulden (2024): about € 11,600 per household a "
            "year. High and 2 years: our assumption."
        ),
    ),
)


def defaults_by_code() -> dict[str, BenefitDefault]:
    return {d.code: d for d in BENEFIT_DEFAULTS}


# Yearly costs: assumptions for a programme of the size of Kansrijk Oost (13 buddies, 30
# participants a year). See docs/cost-benefit.md.
COST_DEFAULTS = {
    "buddy_allowance_per_year": D(600),
    "coordination_hours_per_year": D(1200),
    "coordination_hourly_rate": D(70),
    "training_costs_per_year": D(5000),
    "other_costs_per_year": D(2000),
}
