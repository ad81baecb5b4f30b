"""Which framework a programme uses, and a framework with its whole scale in two queries."""

from kansrijk.people.models import Programme

from .models import Domain, Framework, Level, ProgrammeFramework
from .shipped import DEFAULT, SHIPPED, install


def default_framework() -> Framework:
    """The newest version of the shipped default ("kansrijk-five").

    A data migration installs it; a database emptied since (`flush`, transactional tests)
    gets it back on first use, so every programme always has a framework.
    """
    framework = Framework.objects.filter(slug=DEFAULT.slug).order_by("-version").first()
    if framework is None:
        framework = install(
            DEFAULT, framework_model=Framework, domain_model=Domain, level_model=Level
        )
    return framework


def framework_for(programme: Programme) -> Framework:
    """The framework version the programme chose, or the default when it chose none."""
    choice = (
        ProgrammeFramework.objects.filter(programme=programme).select_related("framework").first()
    )
    return choice.framework if choice else default_framework()


def domains_with_levels(framework: Framework) -> list[Domain]:
    """The framework's domains in order, each with its levels prefetched (`domain.levels.all`)."""
    return list(framework.domains.prefetch_related("levels"))


def _install_missing_shipped() -> None:
    """The shipped frameworks are part of the product: put back any that went missing."""
    present = set(
        Framework.objects.filter(slug__in=[spec.slug for spec in SHIPPED]).values_list(
            "slug", "version"
        )
    )
    for spec in SHIPPED:
        if (spec.slug, spec.version) not in present:
            install(spec, framework_model=Framework, domain_model=Domain, level_model=Level)


def frameworks_to_choose() -> list[Framework]:
    """The newest version of every framework, each with its domains and levels: what a
    coordinator may choose for new assessments. The default first."""
    _install_missing_shipped()
    newest: dict[str, int] = {}
    for pk, slug in Framework.objects.order_by("slug", "-version").values_list("pk", "slug"):
        newest.setdefault(slug, pk)
    frameworks = Framework.objects.filter(pk__in=newest.values()).prefetch_related(
        "domains__levels"
    )
    return sorted(frameworks, key=lambda f: (f.slug != DEFAULT.slug, f.display_name))
