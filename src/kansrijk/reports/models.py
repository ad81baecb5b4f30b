"""Per-programme settings of the reports: suppression for funders, the cost-benefit model."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kansrijk.core.models import VersionedModel, optional_user_field
from kansrijk.people.models import Programme


class ReportSettings(VersionedModel):
    """How a programme's figures are shown to funders and evaluators."""

    programme = models.OneToOneField(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="report_settings",
    )
    suppression_threshold = models.PositiveSmallIntegerField(
        _("hide counts below"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(50)],
        help_text=_("Funders and evaluators see smaller counts as “< this number”."),
    )

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")

    def __str__(self) -> str:
        return str(self.programme)


MONEY = {"max_digits": 11, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class CostBenefitModel(VersionedModel):
    """A programme's social cost-benefit model (MKBA-style): yearly costs, benefit per outcome.

    Figures are estimates a coordinator sets; `docs/cost-benefit.md` gives the defaults' sources.
    """

    programme = models.OneToOneField(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="cost_benefit",
    )
    buddy_allowance_per_year = models.DecimalField(
        _("allowance per buddy per year (€)"), default=600, **MONEY
    )
    coordination_hours_per_year = models.DecimalField(
        _("coordination hours per year"),
        max_digits=7,
        decimal_places=1,
        default=1200,
        validators=[MinValueValidator(0)],
    )
    coordination_hourly_rate = models.DecimalField(
        _("cost of an hour of coordination (€)"), default=70, **MONEY
    )
    training_costs_per_year = models.DecimalField(
        _("training costs per year (€)"), default=5000, **MONEY
    )
    other_costs_per_year = models.DecimalField(
        _("other costs per year (€)"),
        default=2000,
        help_text=_("For example meetings of all buddies, materials, travel."),
        **MONEY,
    )
    changed_by = optional_user_field(_("last changed by"))
    changed_at = models.DateTimeField(_("last changed at"), auto_now=True)

    class Meta:
        verbose_name = _("cost-benefit model")
        verbose_name_plural = _("cost-benefit models")

    def __str__(self) -> str:
        return str(self.programme)


class BenefitValue(models.Model):
    """What one outcome is worth per year, for how many years, with a low and a high estimate."""

    model = models.ForeignKey(
        CostBenefitModel,
        verbose_name=_("cost-benefit model"),
        on_delete=models.CASCADE,
        related_name="benefits",
    )
    # The outcome type's code in `outcomes` (stable across renames of its label).
    outcome_code = models.SlugField(_("outcome code"), max_length=40)
    label = models.CharField(_("outcome"), max_length=120)
    value_per_year = models.DecimalField(_("value per year (€)"), **MONEY)
    value_low = models.DecimalField(_("low estimate per year (€)"), **MONEY)
    value_high = models.DecimalField(_("high estimate per year (€)"), **MONEY)
    duration_years = models.DecimalField(
        _("years the benefit lasts"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )
    source = models.CharField(_("source or assumption"), max_length=300, blank=True)

    class Meta:
        ordering = ["model", "id"]
        verbose_name = _("benefit of an outcome")
        verbose_name_plural = _("benefits of outcomes")
        constraints = [
            # One value per outcome type: the calculation looks values up by code.
            models.UniqueConstraint(
                fields=["model", "outcome_code"], name="one_benefit_per_outcome"
            ),
            # The sensitivity range must hold the central estimate.
            models.CheckConstraint(
                condition=models.Q(value_low__lte=models.F("value_per_year"))
                & models.Q(value_per_year__lte=models.F("value_high")),
                name="benefit_low_central_high",
            ),
        ]

    def __str__(self) -> str:
        return self.display_label

    @property
    def display_label(self) -> str:
        # Shipped defaults are English message ids; a label a coordinator typed shows as typed.
        return gettext(self.label)
