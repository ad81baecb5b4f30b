import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.audit import audit
from kansrijk.access.choices import FilePart
from kansrijk.access.models import AuditAction
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.people.models import User
from kansrijk.trajectories.models import Trajectory

from .choices import Domain, Moment
from .models import Assessment, DomainScore


def assessment_record(
    *,
    trajectory: Trajectory,
    by: User,
    moment: Moment,
    held_on: dt.date,
    levels: dict[str, tuple[int, int]],
    with_backup: bool = False,
    note: str = "",
) -> Assessment:
    """Record an assessment: for every domain, the level now and the level wanted."""
    if not policy.may_coach(by, trajectory) or not policy.may_see_part(
        by, trajectory, FilePart.ASSESSMENTS
    ):
        raise Refused(_("Assessments are made during the active year and aftercare."))
    if held_on > today():
        raise Refused(_("An assessment cannot be in the future."))
    if held_on < trajectory.matched_on:
        raise Refused(_("An assessment cannot be before the start of the active year."))
    if set(levels) != set(Domain.values):
        raise Refused(_("Fill in every life domain."))
    if any(not 1 <= level <= 5 for pair in levels.values() for level in pair):
        raise Refused(_("Choose a level from 1 to 5."))
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                trajectory=trajectory,
                moment=moment,
                held_on=held_on,
                with_backup=with_backup,
                note=note,
                recorded_by=by,
            )
            DomainScore.objects.bulk_create(
                DomainScore(assessment=assessment, domain=domain, level=now, wanted_level=wanted)
                for domain, (now, wanted) in levels.items()
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
