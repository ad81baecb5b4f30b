import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.audit import audit
from kansrijk.access.models import AuditAction
from kansrijk.access.parts import Content
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.core.models import bulk_create_checked
from kansrijk.frameworks.models import Domain, Framework
from kansrijk.frameworks.selectors import domains_with_levels, framework_for
from kansrijk.intake.services import intake_save_step
from kansrijk.intake.steps import PICTURE
from kansrijk.people.choices import Role
from kansrijk.people.models import User
from kansrijk.trajectories import counts
from kansrijk.trajectories.models import Trajectory

from .choices import Moment
from .models import Assessment, DomainScore


def _check_levels(domains: list[Domain], levels: Mapping[str, tuple[int, int]]) -> None:
    """Every domain of the framework is filled in, each with levels on that domain's scale."""
    if set(levels) != {domain.code for domain in domains}:
        raise Refused(_("Fill in every life domain."))
    for domain in domains:
        values = [level.value for level in domain.levels.all()]
        if any(value not in values for value in levels[domain.code]):
            raise Refused(
                _("For “%(domain)s”, choose a level from %(lowest)s to %(highest)s.")
                % {"domain": domain.display_name, "lowest": min(values), "highest": max(values)}
            )


def assessment_record(
    *,
    trajectory: Trajectory,
    by: User,
    moment: Moment,
    held_on: dt.date,
    levels: Mapping[str, tuple[int, int]],
    notes: Mapping[str, str] | None = None,
    framework: Framework | None = None,
    with_participant: bool = True,
    with_buddy: bool = True,
    with_backup: bool = False,
    note: str = "",
) -> Assessment:
    """Record an assessment: per domain of the programme's framework, the level now, the level
    wanted and a note, and who took part.

    `levels` and `notes` are keyed by domain code. `framework` is the version the form showed;
    when the programme chose another one since, the form is refused instead of mixing scales.
    """
    if not policy.may_coach(by, trajectory) or not policy.may_see(
        by, trajectory, Content.ASSESSMENT_SCORES
    ):
        raise Refused(_("Assessments are made during the active year and aftercare."))
    if held_on > today():
        raise Refused(_("An assessment cannot be in the future."))
    if trajectory.matched_on is None or held_on < trajectory.matched_on:
        raise Refused(_("An assessment cannot be before the start of the active year."))
    if not (with_participant or with_buddy or with_backup):
        raise Refused(_("Say who took part."))
    assessment = _create(
        trajectory=trajectory,
        by=by,
        framework=framework,
        levels=levels,
        notes=notes or {},
        moment=moment,
        held_on=held_on,
        with_participant=with_participant,
        with_buddy=with_buddy,
        with_backup=with_backup,
        note=note,
    )
    audit(
        actor=by,
        action=AuditAction.CREATE,
        household=trajectory.household,
        detail="assessment",
        purpose="coaching",
        role=policy.acting_role(by, trajectory.household, trajectory),
    )
    return assessment


def _create(
    *,
    trajectory: Trajectory,
    by: User,
    framework: Framework | None,
    levels: Mapping[str, tuple[int, int]],
    notes: Mapping[str, str],
    moment: Moment,
    **fields: Any,
) -> Assessment:
    """The assessment with a score per domain of the programme's framework, all or nothing."""
    current = framework_for(trajectory.household.programme)
    if framework is not None and framework.pk != current.pk:
        raise Refused(
            _(
                "The programme chose other life domains since this form was opened. "
                "Open the form again."
            )
        )
    domains = domains_with_levels(current)
    _check_levels(domains, levels)
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                trajectory=trajectory, framework=current, moment=moment, recorded_by=by, **fields
            )
            bulk_create_checked(
                DomainScore(
                    assessment=assessment,
                    domain=domain,
                    level=levels[domain.code][0],
                    wanted_level=levels[domain.code][1],
                    note=notes.get(domain.code, ""),
                )
                for domain in domains
            )
            counts.figures_changed(trajectory.programme_id)
    except IntegrityError:
        raise Refused(
            _("The %(moment)s assessment was already recorded. Choose “extra” for another one.")
            % {"moment": Moment(moment).label}
        ) from None
    return assessment


@transaction.atomic
def assessment_record_at_intake(
    *,
    trajectory: Trajectory,
    by: User,
    framework: Framework | None,
    levels: Mapping[str, tuple[int, int]],
    notes: Mapping[str, str] | None = None,
    version: int | None,
) -> Assessment:
    """The intake's picture of the life domains, recorded as the start assessment.

    Where the participant stands and wants to be is asked once: at the intake, with the
    participant, as the start of the year, so the household page, the overdue list and the
    figures count it as the start. Saving the step again replaces it while the intake lasts.
    The intake's step is saved with it (`intake_save_step`), which locks the trajectory at
    the version the coordinator saw and refuses outside the intake.
    """
    if not policy.may_see(by, trajectory, Content.ASSESSMENT_SCORES):
        raise Refused(_("Only a coordinator of this programme can record the intake."))
    intake_save_step(trajectory=trajectory, by=by, step=PICTURE.number, data={}, version=version)
    Assessment.objects.filter(trajectory=trajectory, moment=Moment.START).delete()
    assessment = _create(
        trajectory=trajectory,
        by=by,
        framework=framework,
        levels=levels,
        notes=notes or {},
        moment=Moment.START,
        held_on=today(),
        with_participant=True,
        with_buddy=False,
        with_backup=False,
    )
    audit(
        actor=by,
        action=AuditAction.CREATE,
        household=trajectory.household,
        detail="start assessment at the intake",
        purpose="journey",
        role=Role.COORDINATOR,
    )
    return assessment
