"""Who may write in the academy: the checks every subject module shares."""

from django.utils.translation import gettext as _

from kansrijk.core.errors import Refused
from kansrijk.people.models import Programme, User

from .. import rules


def _stale() -> str:
    return _("Someone else changed this in the meantime. Look at the page again and try once more.")


def require_coordinator(by: User, programme: Programme) -> None:
    if not rules.coordinates(by, programme):
        raise Refused(_("Only a coordinator of this programme can do this."))


def require_any_coordinator(by: User) -> None:
    """The Academie is municipality-wide: every coordinator runs it."""
    if not rules.runs_the_academy(by):
        raise Refused(_("Only a coordinator can do this."))
