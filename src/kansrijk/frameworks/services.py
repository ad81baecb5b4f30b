"""Writes on frameworks: a new version, and a programme's choice."""

from django.db import transaction
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.audit import audit
from kansrijk.access.models import AuditAction
from kansrijk.core.errors import Refused
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, User

from .models import Domain, Framework, Level, ProgrammeFramework
from .selectors import default_framework


@transaction.atomic
def new_version(
    framework: Framework, *, name: str | None = None, description: str | None = None
) -> Framework:
    """Copy a framework, its domains and their levels into the next version of its slug.

    Change the copy, never a version an assessment used: past assessments keep their wording.
    """
    # Lock the versions of this slug so two copies never ask for the same number.
    newest = max(
        Framework.objects.select_for_update()
        .filter(slug=framework.slug)
        .values_list("version", flat=True)
    )
    copy = Framework.objects.create(
        slug=framework.slug,
        version=newest + 1,
        name=framework.name if name is None else name,
        description=framework.description if description is None else description,
    )
    for domain in framework.domains.prefetch_related("levels"):
        domain_copy = Domain.objects.create(
            framework=copy, code=domain.code, name=domain.name, position=domain.position
        )
        Level.objects.bulk_create(
            Level(domain=domain_copy, value=lvl.value, label=lvl.label, description=lvl.description)
            for lvl in domain.levels.all()
        )
    return copy


def framework_in_use(framework: Framework) -> bool:
    """Whether any assessment used this version (then it must not change)."""
    # The reverse relation of assessments.Assessment.framework; frameworks cannot import it.
    return framework.assessments.exists()


def programme_framework_choose(
    *, programme: Programme, framework: Framework, by: User, current: Framework
) -> ProgrammeFramework:
    """The coordinator chooses the framework of the programme's new assessments.

    `current` is the framework the coordinator saw chosen; if someone chose another one since,
    the choice is refused rather than silently overwriting theirs. Past assessments keep the
    version they used: nothing about them changes.
    """
    if not policy.has_role(by, Role.COORDINATOR, programme):
        raise Refused(_("Only the coordinator of the programme chooses its life domains."))
    newest = Framework.objects.filter(slug=framework.slug).order_by("-version").first()
    if newest is None or newest.pk != framework.pk:
        raise Refused(_("Choose the newest version of a framework."))
    with transaction.atomic():
        choice = ProgrammeFramework.objects.select_for_update().filter(programme=programme).first()
        chosen_now = choice.framework if choice else default_framework()
        if chosen_now.pk != current.pk:
            raise Refused(
                _(
                    "Someone else chose other life domains in the meantime: %(name)s. "
                    "Look at the page again and then choose."
                )
                % {"name": chosen_now}
            )
        if choice is None:
            choice = ProgrammeFramework(programme=programme)
        choice.framework = framework
        choice.chosen_by = by
        choice.save()
    audit(
        actor=by,
        action=AuditAction.CHANGE,
        detail=f"framework of {programme.slug}: {framework.slug} v{framework.version}",
        purpose="supervision",
        role=Role.COORDINATOR,
    )
    return choice
