import datetime as dt
from collections.abc import Mapping

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
from kansrijk.people.models import User
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
    notes = notes or {}
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                trajectory=trajectory,
                framework=current,
                moment=moment,
                held_on=held_on,
                with_participant=with_participant,
                with_buddy=with_buddy,
                with_backup=with_backup,
                note=note,
                recorded_by=by,
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
    except IntegrityError:
        raise Refused(
            _("The %(moment)s assessment was already recorded. Choose “extra” for another one.")
            % {"moment": Moment(moment).label}
        ) from None
    audit(
        actor=by,
        action=AuditAction.CREATE,
        household=trajectory.household,
        detail="assessment",
        purpose="coaching",
        role=policy.acting_role(by, trajectory.household, trajectory),
    )
    return assessment
