"""The social cost-benefit analysis (MKBA-style) of a programme over a period.

`calculate` is plain arithmetic on plain values (tested by hand); `cost_benefit_report` gathers its
inputs in a fixed number of queries and turns the result into a `Report` with every assumption
written out with the figures. Benefits count the outcomes of the households whose journey ended in
the period, so a household is counted in one period only.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kansrijk.core.dates import long_date
from kansrijk.core.phases import ENDED_PHASES
from kansrijk.escalation.models import DoorbraakCase
from kansrijk.outcomes.choices import OutcomeKind, Welfare
from kansrijk.outcomes.followup.selectors import lasting_share
from kansrijk.outcomes.models import Outcome
from kansrijk.outcomes.selectors import outcome_counts, outcome_types
from kansrijk.people.models import Programme
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

from .dashboard import PERIOD, Audience
from .defaults import BENEFIT_DEFAULTS, COST_DEFAULTS, WELFARE_ENDED, WELFARE_REDUCED
from .formatting import Euros, Ratio, euros, number
from .models import BenefitValue, CostBenefitModel
from .scope import Scope
from .suppression import suppression_note
from .tables import Relation, Report, ReportTable, spoken

ZERO = Decimal(0)
ONE = Decimal(1)
DAYS_PER_YEAR = Decimal("365.25")


@dataclass(frozen=True)
class Range:
    low: Decimal
    central: Decimal
    high: Decimal

    def __sub__(self, other: Decimal) -> "Range":
        return Range(self.low - other, self.central - other, self.high - other)


@dataclass(frozen=True)
class CostLine:
    label: str
    amount: Decimal
    basis: str


@dataclass(frozen=True)
class BenefitLine:
    code: str
    label: str
    count: int
    value: Decimal
    low: Decimal
    high: Decimal
    years: Decimal
    source: str

    @property
    def benefit(self) -> Range:
        return Range(
            self.count * self.low * self.years,
            self.count * self.value * self.years,
            self.count * self.high * self.years,
        )

    def lasting_years(self, share: Decimal) -> Decimal:
        """The years counted when after the first year only `share` of the outcomes lasts."""
        first = min(self.years, ONE)
        return first + (self.years - first) * share

    def lasting(self, share: Decimal) -> Range:
        years = self.lasting_years(share)
        return Range(
            self.count * self.low * years,
            self.count * self.value * years,
            self.count * self.high * years,
        )


@dataclass(frozen=True)
class Inputs:
    """What the period counted: the multipliers of the model's yearly figures."""

    years: Decimal
    buddies: int
    doorbraak_costs: Decimal
    counts: dict[str, int] = field(default_factory=dict)
    # Whose outcomes the benefits count: the journeys that ended in the period.
    finished: int = 0
    stopped: int = 0
    # Outcomes answered 12 months after closure: how many still held, of how many answered.
    lasted: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class CostBenefit:
    costs: list[CostLine]
    benefits: list[BenefitLine]

    @property
    def total_cost(self) -> Decimal:
        return sum((line.amount for line in self.costs), ZERO)

    @property
    def total_benefit(self) -> Range:
        lines = [line.benefit for line in self.benefits]
        return Range(
            sum((b.low for b in lines), ZERO),
            sum((b.central for b in lines), ZERO),
            sum((b.high for b in lines), ZERO),
        )

    @property
    def net_benefit(self) -> Range:
        return self.total_benefit - self.total_cost

    def long_term_benefit(self, share: Decimal) -> Range:
        """The total benefit when every year after the first counts only the share of
        outcomes that still held 12 months after closure."""
        lines = [line.lasting(share) for line in self.benefits]
        return Range(
            sum((b.low for b in lines), ZERO),
            sum((b.central for b in lines), ZERO),
            sum((b.high for b in lines), ZERO),
        )

    @property
    def benefit_per_euro(self) -> Range | None:
        cost = self.total_cost
        if not cost:
            return None
        total = self.total_benefit
        return Range(total.low / cost, total.central / cost, total.high / cost)


def calculate(model: CostBenefitModel, values: list[BenefitValue], inputs: Inputs) -> CostBenefit:
    """Costs over the period and the benefits of the counted outcomes. No database."""
    years = inputs.years
    costs = [
        CostLine(
            _("Buddy allowances"),
            model.buddy_allowance_per_year * inputs.buddies * years,
            _("€ %(amount)s per buddy per year × %(buddies)s buddies × %(years)s years")
            % {
                "amount": euros(model.buddy_allowance_per_year),
                "buddies": inputs.buddies,
                "years": number(years),
            },
        ),
        CostLine(
            _("Coordination"),
            model.coordination_hours_per_year * model.coordination_hourly_rate * years,
            _("%(hours)s hours × € %(rate)s per year × %(years)s years")
            % {
                "hours": number(model.coordination_hours_per_year),
                "rate": euros(model.coordination_hourly_rate),
                "years": number(years),
            },
        ),
        CostLine(
            _("Training (Buddy Academie)"),
            model.training_costs_per_year * years,
            _("€ %(amount)s per year × %(years)s years")
            % {"amount": euros(model.training_costs_per_year), "years": number(years)},
        ),
        CostLine(
            _("Other costs"),
            model.other_costs_per_year * years,
            _("€ %(amount)s per year × %(years)s years")
            % {"amount": euros(model.other_costs_per_year), "years": number(years)},
        ),
        CostLine(
            _("Doorbraak solutions"),
            inputs.doorbraak_costs,
            # Not how many cases: a funder reads this too, and a small number of cases is a
            # count the dashboard hides.
            _("as recorded on the cases opened in the period"),
        ),
    ]
    benefits = [
        BenefitLine(
            code=v.outcome_code,
            label=v.display_label,
            count=inputs.counts.get(v.outcome_code, 0),
            value=v.value_per_year,
            low=v.value_low,
            high=v.value_high,
            years=v.duration_years,
            source=_(v.source) if v.source else "",
        )
        for v in values
        # An outcome without a value (all € 0) adds nothing; leaving it out keeps the list short.
        if v.value_high > 0 and v.duration_years > 0
    ]
    return CostBenefit(costs=costs, benefits=benefits)


# ---- reading the model and the period's counts ----


def model_for(programme: Programme) -> tuple[CostBenefitModel, list[BenefitValue]]:
    """The programme's model and its benefit values; the defaults (unsaved) when it has none."""
    model = CostBenefitModel.objects.filter(programme=programme).first()
    if model is None:
        model = CostBenefitModel(programme=programme, **COST_DEFAULTS)
        return model, default_benefits(model)
    return model, list(model.benefits.all())


def benefits_to_edit(programme: Programme) -> tuple[CostBenefitModel, list[BenefitValue]]:
    """The model and one benefit row per outcome that can be valued: the welfare codes, every
    active outcome type of the programme, and any code the model already values. Rows the
    model lacks come from the defaults, or at € 0."""
    model, values = model_for(programme)
    have = {v.outcome_code for v in values}
    defaults = {d.code for d in BENEFIT_DEFAULTS}
    for outcome_type in outcome_types(programme):
        if outcome_type.code in have or outcome_type.code in defaults:
            continue
        values.append(
            BenefitValue(
                model=model,
                outcome_code=outcome_type.code,
                label=outcome_type.name or _english(OutcomeKind(outcome_type.kind).label),
                value_per_year=ZERO,
                value_low=ZERO,
                value_high=ZERO,
                duration_years=Decimal(1),
            )
        )
        have.add(outcome_type.code)
    return model, values


def _english(label) -> str:
    """The English message id of a shipped label, so it shows translated wherever it is read."""
    with translation.override("en"):
        return str(label)


def default_benefits(model: CostBenefitModel) -> list[BenefitValue]:
    return [
        BenefitValue(
            model=model,
            outcome_code=d.code,
            label=d.label,
            value_per_year=d.value,
            value_low=d.low,
            value_high=d.high,
            duration_years=d.years,
            source=d.source,
        )
        for d in BENEFIT_DEFAULTS
    ]


def period_years(scope: Scope) -> Decimal:
    days = (scope.until - scope.since).days + 1
    return (Decimal(days) / DAYS_PER_YEAR).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def inputs_for(scope: Scope) -> Inputs:
    """The period's multipliers, outcome counts and the journeys that ended in it. Five
    queries, whatever the data size."""
    trajectories = Trajectory.objects.filter(household__area__in=scope.areas).order_by()
    buddies = (
        trajectories.filter(matched_on__lte=scope.until, buddy__isnull=False)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=scope.since))
        .aggregate(n=Count("buddy", distinct=True))["n"]
    )
    cases = DoorbraakCase.objects.filter(
        trajectory__in=trajectories, opened_on__gte=scope.since, opened_on__lte=scope.until
    ).aggregate(costs=Sum("costs"))
    ended = trajectories.filter(
        phase__in=ENDED_PHASES, ended_on__gte=scope.since, ended_on__lte=scope.until
    )
    counts = outcome_counts(ended)
    welfare = Outcome.objects.filter(trajectory__in=ended.values("pk")).aggregate(
        ended=Count("trajectory", filter=Q(welfare=Welfare.ENDED), distinct=True),
        reduced=Count("trajectory", filter=Q(welfare=Welfare.REDUCED), distinct=True),
    )
    counts[WELFARE_ENDED] = welfare["ended"]
    counts[WELFARE_REDUCED] = welfare["reduced"]
    journeys = ended.aggregate(
        finished=Count("pk", filter=Q(phase=Phase.CLOSED)),
        stopped=Count("pk", filter=Q(phase=Phase.DROPPED_OUT)),
    )
    return Inputs(
        lasted=lasting_share(ended.filter(phase=Phase.CLOSED)),
        years=period_years(scope),
        buddies=buddies,
        doorbraak_costs=cases["costs"] or ZERO,
        counts=counts,
        **journeys,
    )


# ---- the report ----


def cost_benefit_report(scope: Scope, audience: Audience) -> Report:
    model, values = model_for(scope.programme)
    inputs = inputs_for(scope)
    result = calculate(model, values, inputs)
    share = _lasting_share(inputs, audience)
    report = Report(
        title=_("Costs and benefits"),
        programme=scope.programme.name,
        period=scope.period,
        paragraphs=[
            _(
                "A social cost-benefit analysis in the style of an MKBA: what the programme cost "
                "in the period, and what the outcomes of its households are worth to society, "
                "with a low and a high estimate. The values are estimates; the assumptions are "
                "listed below the figures."
            )
        ],
    )
    tables = [
        _summary_table(result),
        _costs_table(result),
        _benefits_table(result, share),
        _ended_table(inputs),
    ]
    # Together: the benefits with their published values per household, the totals and the
    # summary would otherwise give back the households of a hidden outcome.
    tables = audience.protect(tables)
    if not audience.exact:
        report.suppression_note = suppression_note(audience.threshold)
    report.tables = tables
    report.paragraphs.append(_ended_sentence(tables[3]))
    report.assumptions = _assumptions(scope, model, result, inputs)
    report.assumptions.append(_lasting_assumption(inputs, share))
    return report


# The long-term estimate needs this many outcomes answered 12 months after closure (and at
# least the audience's threshold): a share of two answers says nothing, and would tell a funder
# how two households fared.
MIN_LASTING_ANSWERS = 5


def _lasting_share(inputs: Inputs, audience: Audience) -> Decimal | None:
    holds, answered = inputs.lasted
    if answered < max(MIN_LASTING_ANSWERS, audience.threshold):
        return None
    return (Decimal(holds) / Decimal(answered)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _lasting_assumption(inputs: Inputs, share: Decimal | None) -> str:
    """What the long-term estimate assumes, or why there is none."""
    if share is None:
        return _(
            "Long-term estimate: not yet made. It needs at least %(minimum)s outcomes followed "
            "up 12 months after closure."
        ) % {"minimum": MIN_LASTING_ANSWERS}
    return _(
        "Long-term estimate: the first year of every benefit counts in full; every later year "
        "counts only the share of outcomes that still held 12 months after closure: "
        "%(percent)s%% of the outcomes followed up. Outcomes nobody could ask about are assumed "
        "to last as often as those that were asked."
    ) % {"percent": number(share * 100)}


def _ended_table(inputs: Inputs) -> ReportTable:
    """The journeys whose outcomes the benefits count. The same two numbers as the dashboard's
    "finished" and "dropped out in the period" (one `measures` name each), and nothing more: a
    total or the households still taking part here would be new sums beside the dashboard's
    hidden counts, and would hide more of the dashboard to keep them hidden."""
    return ReportTable(
        caption=_("Whose outcomes the benefits count"),
        columns=[_("Households"), _("Number")],
        rows=[
            [_("Finished the trajectory in the period"), inputs.finished],
            [_("Stopped early in the period"), inputs.stopped],
        ],
        count_columns=frozenset({1}),
        measures={(0, 1): f"{PERIOD}finished", (1, 1): f"{PERIOD}stopped"},
    )


def _ended_sentence(table: ReportTable) -> str:
    """ "The benefits count the 17 households that finished the trajectory and the 3 that
    stopped early in the period; …" From the (suppressed) table."""
    finished, stopped = (row[1] for row in table.rows)
    return _(
        "The benefits count the households whose journey ended in the period: %(finished)s "
        "finished the trajectory and %(stopped)s stopped early. Households still taking part "
        "count in the period in which their journey ends."
    ) % {"finished": spoken(finished), "stopped": spoken(stopped)}


def _summary_table(result: CostBenefit) -> ReportTable:
    cost, benefit, net = result.total_cost, result.total_benefit, result.net_benefit
    per_euro = result.benefit_per_euro
    rows = [
        [_("Total cost (€)"), *[Euros(cost)] * 3],
        [_("Total benefit (€)"), *_whole_euros(benefit)],
        [_("Net benefit (€)"), *_whole_euros(net)],
    ]
    # What a reader can work out: net = benefit − cost; benefit per euro = benefit / cost.
    relations = [Relation((2, c), ((1, c), (0, c)), weights=(ONE, -ONE)) for c in (1, 2, 3)]
    if per_euro is not None:
        # A ratio, not an amount: how many euros of benefit each euro spent brings.
        rows.append(
            [
                _("Benefit per euro spent (ratio)"),
                *(Ratio(value) for value in (per_euro.low, per_euro.central, per_euro.high)),
            ]
        )
        relations += [Relation((3, c), ((1, c),), weights=(ONE / cost,)) for c in (1, 2, 3)]
    return ReportTable(
        caption=_("Summary"),
        columns=[_("Figure"), _("Low"), _("Central"), _("High")],
        rows=rows,
        relations=relations,
        measures={(1, c): f"benefit-{c}" for c in (1, 2, 3)},
    )


def _costs_table(result: CostBenefit) -> ReportTable:
    total = _("Total cost")
    rows = [[line.label, line.basis, Euros(line.amount)] for line in result.costs]
    rows.append([total, "", Euros(result.total_cost)])
    return ReportTable(
        caption=_("Costs in the period"),
        columns=[_("Cost"), _("How it is counted"), _("Amount (€)")],
        rows=rows,
        total_labels=frozenset({total}),
    )


def _benefits_table(result: CostBenefit, share: Decimal | None = None) -> ReportTable:
    rows = [
        [
            line.label,
            line.count,
            Euros(line.value),
            line.years.normalize(),
            *_whole_euros(line.benefit),
        ]
        for line in result.benefits
    ]
    last = len(rows)
    # A total of households of different outcomes counts no people: it shows "–".
    rows.append([_("All outcomes"), None, None, None, *_whole_euros(result.total_benefit)])
    lines = range(len(result.benefits))
    # Each benefit is households × value per year × years, and these values are published:
    # the totals are sums of the hidden counts with known weights.
    per_household = [
        [line.low * line.years, line.value * line.years, line.high * line.years]
        for line in result.benefits
    ]
    relations = [
        Relation(
            (last, c), tuple((i, 1) for i in lines), weights=tuple(w[k] for w in per_household)
        )
        for k, c in enumerate((4, 5, 6))
    ]
    if share is not None:
        # The long-term estimate: the same counts with the years that lasted as weights.
        lasting = [
            [
                line.low * line.lasting_years(share),
                line.value * line.lasting_years(share),
                line.high * line.lasting_years(share),
            ]
            for line in result.benefits
        ]
        rows.append(
            [
                _("All outcomes, counting only what lasted (long-term estimate)"),
                None,
                None,
                None,
                *_whole_euros(result.long_term_benefit(share)),
            ]
        )
        relations += [
            Relation(
                (last + 1, c), tuple((i, 1) for i in lines), weights=tuple(w[k] for w in lasting)
            )
            for k, c in enumerate((4, 5, 6))
        ]
    return ReportTable(
        caption=_("Benefits per outcome"),
        columns=[
            _("Outcome"),
            _("Households"),
            _("Value per year (€)"),
            _("Years"),
            _("Benefit, low (€)"),
            _("Benefit (€)"),
            _("Benefit, high (€)"),
        ],
        rows=rows,
        count_columns=frozenset({1}),
        derived_columns={4: 1, 5: 1, 6: 1},
        relations=relations,
        measures={(last, c): f"benefit-{k}" for k, c in enumerate((4, 5, 6), start=1)},
    )


def _whole_euros(amounts: Range) -> list[Euros]:
    return [Euros(amounts.low), Euros(amounts.central), Euros(amounts.high)]


def _assumptions(
    scope: Scope, model: CostBenefitModel, result: CostBenefit, inputs: Inputs
) -> list[str]:
    lines = [
        _("The period runs from %(since)s to %(until)s: %(years)s years.")
        % {
            "since": long_date(scope.since),
            "until": long_date(scope.until),
            "years": number(inputs.years),
        },
        _(
            "Every buddy who coached a household in the period counts for the whole period, "
            "so the allowances are rather too high than too low."
        ),
        _(
            "Doorbraak solutions count as recorded on the cases; a case without costs counts "
            "as € 0."
        ),
        _(
            "Benefits count the outcomes of the households whose journey ended in the period "
            "(finished or dropped out). A household counts once per outcome, and can count "
            "for more than one outcome."
        ),
    ]
    for line in result.benefits:
        lines.append(
            _(
                "%(outcome)s: € %(value)s a year (low € %(low)s, high € %(high)s) for "
                "%(years)s years. %(source)s"
            )
            % {
                "outcome": capfirst(line.label),
                "value": euros(line.value),
                "low": euros(line.low),
                "high": euros(line.high),
                "years": number(line.years),
                "source": line.source,
            }
        )
    lines.append(
        _(
            "Benefit per euro is the total benefit divided by the total cost. Low and high use "
            "the low and high values of every outcome; the costs are the same in all three."
        )
    )
    if model.pk is None:
        lines.append(_("The programme has not set its own values yet: these are the defaults."))
    return lines
