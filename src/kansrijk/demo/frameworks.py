"""The demo's frameworks: Kansrijk West works with the eleven life areas, to show that a
programme chooses its own; the other programmes keep the default five life domains."""

from kansrijk.frameworks.models import Domain, Framework, Level
from kansrijk.frameworks.selectors import default_framework
from kansrijk.frameworks.services import programme_framework_choose
from kansrijk.frameworks.shipped import BROAD, install
from kansrijk.people.models import Programme, User

DEMO_FRAMEWORKS = {"kansrijk-west": BROAD}


def choose_demo_framework(programme: Programme, coordinator: User) -> None:
    """Give the programme its demo framework, if it has one, before any assessment is made."""
    spec = DEMO_FRAMEWORKS.get(programme.slug)
    if spec is None:
        return
    # Installed by a migration; installed again here if the database was emptied since.
    framework = install(spec, framework_model=Framework, domain_model=Domain, level_model=Level)
    programme_framework_choose(
        programme=programme, framework=framework, by=coordinator, current=default_framework()
    )
