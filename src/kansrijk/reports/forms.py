"""The coordinator's form for the cost-benefit model and the suppression threshold."""

from decimal import Decimal

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kansrijk.core.forms import IntegerField, VersionedForm

from .models import BenefitValue, CostBenefitModel
from .suppression import threshold_floor

COST_FIELDS = (
    "buddy_allowance_per_year",
    "coordination_hours_per_year",
    "coordination_hourly_rate",
    "training_costs_per_year",
    "other_costs_per_year",
)
BENEFIT_PARTS = ("value_per_year", "value_low", "value_high", "duration_years", "source")


def _money(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, min_value=0, max_digits=11, decimal_places=2, localize=True
    )


class CostBenefitForm(VersionedForm):
    """Costs per year, the suppression threshold, and per outcome its value and how long it
    lasts. One group of fields per outcome: `<code>-value_per_year`, `<code>-value_low`, …"""

    suppression_threshold = IntegerField(
        label=gettext_lazy("Funders do not see counts of fewer people than"),
        min_value=2,
        max_value=50,
    )

    def __init__(
        self, data, *, model: CostBenefitModel, benefits: list[BenefitValue], threshold: int
    ):
        super().__init__(
            data, initial={"version": model.version, "suppression_threshold": threshold}
        )
        floor = threshold_floor()
        self.fields["suppression_threshold"] = IntegerField(
            label=self.fields["suppression_threshold"].label,
            min_value=floor,
            max_value=50,
            help_text=_("At least %(floor)s: the lowest your organisation allows.")
            % {"floor": floor},
        )
        for name in COST_FIELDS:
            model_field = CostBenefitModel._meta.get_field(name)
            field = forms.DecimalField(
                label=capfirst(model_field.verbose_name),
                help_text=model_field.help_text,
                min_value=0,
                max_digits=model_field.max_digits,
                decimal_places=model_field.decimal_places,
                localize=True,
            )
            self.fields[name] = field
            self.initial[name] = getattr(model, name)
        self.benefits = benefits
        for benefit in benefits:
            code = benefit.outcome_code
            self.fields[f"{code}-value_per_year"] = _money(_("Value per year (€)"))
            self.fields[f"{code}-value_low"] = _money(_("Low estimate per year (€)"))
            self.fields[f"{code}-value_high"] = _money(_("High estimate per year (€)"))
            self.fields[f"{code}-duration_years"] = forms.DecimalField(
                label=_("Years the benefit lasts"),
                min_value=0,
                max_value=50,
                max_digits=4,
                decimal_places=1,
                localize=True,
            )
            self.fields[f"{code}-source"] = forms.CharField(
                label=_("Source or assumption"),
                max_length=300,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            for part in BENEFIT_PARTS:
                self.initial[f"{code}-{part}"] = (
                    _(benefit.source)
                    if part == "source" and benefit.source
                    else getattr(benefit, part)
                )

    def cost_fields(self):
        return [self[name] for name in COST_FIELDS]

    def benefit_groups(self):
        """Per outcome: its label and its bound fields, for the template."""
        return [
            (b.display_label, [self[f"{b.outcome_code}-{part}"] for part in BENEFIT_PARTS])
            for b in self.benefits
        ]

    def clean(self):
        data = super().clean()
        for benefit in self.benefits:
            code = benefit.outcome_code
            low, value, high = (
                data.get(f"{code}-{p}") for p in ("value_low", "value_per_year", "value_high")
            )
            if None not in (low, value, high) and not (low <= value <= high):
                self.add_error(
                    f"{code}-value_per_year",
                    _("The value must lie between the low and the high estimate."),
                )
        return data

    def benefit_data(self) -> dict[str, dict[str, Decimal | str]]:
        return {
            b.outcome_code: {
                part: self.cleaned_data[f"{b.outcome_code}-{part}"] for part in BENEFIT_PARTS
            }
            for b in self.benefits
        }
