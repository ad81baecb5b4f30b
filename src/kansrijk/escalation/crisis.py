"""What to do when safety is at stake: the guidance shown with every urgent signal.

The national numbers are fixed and always shown; each programme adds its own words and crisis
line (`CrisisGuidance`, kept by its coordinator), or gets the shipped text until it does.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from kansrijk.people.models import Programme

from .models import CrisisGuidance

DEFAULT_TEXT = _(
    "Not in danger right now, but worried about someone's safety? Call the backup professional "
    "straight away, also outside office hours. Do not stay alone with it, and do not promise to "
    "keep it a secret."
)


@dataclass(frozen=True)
class Guidance:
    """The programme's part of the guidance: its words and its crisis line (maybe empty)."""

    programme: Programme
    text: str
    crisis_line: str
    row: CrisisGuidance


def crisis_guidance_for(programme: Programme) -> Guidance:
    """The programme's guidance as it shows now; the shipped text while it has none of its own.
    A read: an unsaved row when the coordinator never saved one."""
    row = CrisisGuidance.objects.filter(programme=programme).first()
    if row is None:
        row = CrisisGuidance(programme=programme)
    return Guidance(
        programme=programme,
        text=row.text or str(DEFAULT_TEXT),
        crisis_line=row.crisis_line,
        row=row,
    )
