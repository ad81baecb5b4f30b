"""Which framework a programme uses, and a framework with its whole scale in two queries."""

from django.db.models import Subquery
from django.db.models.functions import Coalesce

from kansrijk.people.models import Programme

from .models import Domain, Framework, ProgrammeFramework
from .shipped import DEFAULT


def default_framework() -> Framework:
    """The newest version of the shipped default ("kansrijk-five").

    A data migration installs it (`frameworks.0002`), so every programme always has a
    framework; a read never installs it, and a database without it raises `DoesNotExist`.
    """
    return Framework.objects.filter(slug=DEFAULT.slug).latest("version")


def framework_for(programme: Programme) -> Framework:
    """The framework version the programme chose, or the default when it chose none."""
    choice = (
        ProgrammeFramework.objects.filter(programme=programme).select_related("framework").first()
    )
    return choice.framework if choice else default_framework()


def domains_for(programme: Programme) -> list[Domain]:
    """The domains of `framework_for(programme)`, in order, in one query: the programme's
    choice, else the newest default, picked by the database."""
    chosen = ProgrammeFramework.objects.filter(programme=programme).values("framework_id")
    default = Framework.objects.filter(slug=DEFAULT.slug).order_by("-version").values("pk")[:1]
    return list(Domain.objects.filter(framework_id=Coalesce(Subquery(chosen), Subquery(default))))


def domains_with_levels(framework: Framework) -> list[Domain]:
    """The framework's domains in order, each with its levels prefetched (`domain.levels.all`)."""
    return list(framework.domains.prefetch_related("levels"))


def frameworks_to_choose() -> list[Framework]:
    """The newest version of every framework, each with its domains and levels: what a
    coordinator may choose for new assessments. The default first."""
    newest: dict[str, int] = {}
    for pk, slug in Framework.objects.order_by("slug", "-version").values_list("pk", "slug"):
        newest.setdefault(slug, pk)
    frameworks = Framework.objects.filter(pk__in=newest.values()).prefetch_related(
        "domains__levels"
    )
    return sorted(frameworks, key=lambda f: (f.slug != DEFAULT.slug, f.display_name))
