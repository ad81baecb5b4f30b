"""Progress per life domain from one assessment to the next: up, the same, or down.

Pure functions on plain values, so the rule is tested without a database. Domains are matched
by code, so progress still shows when a programme moved to a newer version of its framework;
a domain the previous assessment did not have has no direction.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .choices import Direction


def direction(before: int | None, now: int) -> Direction | None:
    if before is None:
        return None
    if now > before:
        return Direction.UP
    if now < before:
        return Direction.DOWN
    return Direction.SAME


@dataclass(frozen=True)
class DomainProgress:
    code: str
    name: str
    level: int
    wanted: int
    scale_size: int
    level_label: str
    previous: int | None
    note: str = ""

    @property
    def direction(self) -> Direction | None:
        return direction(self.previous, self.level)

    @property
    def to_go(self) -> int:
        """Steps still to go to the level the participant wants (0 when reached)."""
        return max(self.wanted - self.level, 0)


@dataclass(frozen=True)
class Score:
    """One domain of an assessment, as plain values."""

    code: str
    name: str
    level: int
    wanted: int
    scale_size: int
    level_label: str = ""
    note: str = ""


def domain_progress(
    latest: Sequence[Score], previous: Mapping[str, int] | None
) -> list[DomainProgress]:
    """Each domain of the latest assessment with the level it had the time before (if any)."""
    before = previous or {}
    return [
        DomainProgress(
            code=score.code,
            name=score.name,
            level=score.level,
            wanted=score.wanted,
            scale_size=score.scale_size,
            level_label=score.level_label,
            previous=before.get(score.code),
            note=score.note,
        )
        for score in latest
    ]
