"""Writes of the reports app: the programme's cost-benefit model and suppression threshold."""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from kansrijk.access.audit import audit
from kansrijk.access.models import AuditAction
from kansrijk.core.errors import Refused
from kansrijk.core.models import lock_at_version
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, User
from kansrijk.trajectories import counts

from . import rules
from .forms import COST_FIELDS
from .models import BenefitValue, CostBenefitModel, ReportSettings
from .suppression import threshold_floor


def cost_benefit_save(
    *,
    programme: Programme,
    by: User,
    version: int | None,
    costs: dict[str, Decimal],
    threshold: int,
    benefits: dict[str, dict[str, Any]],
    labels: dict[str, str],
    request: HttpRequest | None = None,
) -> CostBenefitModel:
    """Save the programme's costs per year, its values per outcome and its threshold.

    `benefits` maps an outcome code to its value, low, high, years and source; `labels` gives
    the outcome's label for a code the model did not have yet. Refused when someone else saved
    in between (the form's version is older).
    """
    if not rules.may_set_up_reports(by, programme):
        raise Refused(_("Only a coordinator of this programme can do this."))
    if threshold < threshold_floor():
        raise Refused(
            _("Hide counts below %(floor)s at least: your organisation set that floor.")
            % {"floor": threshold_floor()}
        )
    with transaction.atomic():
        model, created = CostBenefitModel.objects.get_or_create(programme=programme)
        model = lock_at_version(
            CostBenefitModel.objects.all(),
            model.pk,
            None if created else version,
            _("Someone else changed the cost-benefit model in the meantime. Look at it again."),
        )
        for name in COST_FIELDS:
            setattr(model, name, costs[name])
        model.changed_by = by
        model.version += 1
        model.save()
        existing = {b.outcome_code: b for b in model.benefits.all()}
        for code, values in benefits.items():
            row = existing.get(code) or BenefitValue(
                model=model, outcome_code=code, label=labels[code]
            )
            for part, value in values.items():
                setattr(row, part, value)
            row.save()
        ReportSettings.objects.update_or_create(
            programme=programme, defaults={"suppression_threshold": threshold}
        )
        counts.figures_changed(programme.pk)
        audit(
            actor=by,
            action=AuditAction.CHANGE,
            detail=f"cost-benefit model {programme.slug}",
            purpose=Role.COORDINATOR,
            role=Role.COORDINATOR,
            request=request,
        )
    return model
