"""Two moments of the network compared, in words: "3 ties more, 2 stronger, 1 new organisation".

Pure: the ties of both maps in, the differences out. A tie on the later map is the same as one
on the earlier map when it carries the same thread (it was copied forward, perhaps over several
moments); ties without a shared thread are matched by kind and name (ignoring case), so two maps
drawn apart from each other still compare.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import DRAINING, STRENGTH_ORDER, SUPPORTING
from .ecomap import TieFacts


@dataclass(frozen=True)
class Change:
    before: TieFacts
    after: TieFacts


@dataclass
class Comparison:
    before_count: int
    after_count: int
    new: list[TieFacts] = field(default_factory=list)
    gone: list[TieFacts] = field(default_factory=list)
    stronger: list[Change] = field(default_factory=list)
    weaker: list[Change] = field(default_factory=list)
    now_supporting: list[Change] = field(default_factory=list)
    now_draining: list[Change] = field(default_factory=list)
    supporting_before: int = 0
    supporting_after: int = 0

    @property
    def difference(self) -> int:
        return self.after_count - self.before_count

    @property
    def new_people(self) -> list[TieFacts]:
        return [tie for tie in self.new if not tie.is_organisation]

    @property
    def new_organisations(self) -> list[TieFacts]:
        return [tie for tie in self.new if tie.is_organisation]

    @property
    def unchanged(self) -> bool:
        changes = (self.new, self.gone, self.stronger, self.weaker)
        return not any(changes) and not (self.now_supporting or self.now_draining)

    @property
    def phrases(self) -> list[str]:
        """The differences, most telling first, each a short phrase."""
        parts = []
        if self.difference > 0:
            parts.append(
                ngettext("%(n)s tie more", "%(n)s ties more", self.difference)
                % {"n": self.difference}
            )
        elif self.difference < 0:
            parts.append(
                ngettext("%(n)s tie fewer", "%(n)s ties fewer", -self.difference)
                % {"n": -self.difference}
            )
        if self.stronger:
            parts.append(_("%(n)s stronger") % {"n": len(self.stronger)})
        if self.weaker:
            parts.append(_("%(n)s weaker") % {"n": len(self.weaker)})
        if self.new_people:
            parts.append(
                ngettext("%(n)s new person", "%(n)s new people", len(self.new_people))
                % {"n": len(self.new_people)}
            )
        if self.new_organisations:
            parts.append(
                ngettext(
                    "%(n)s new organisation", "%(n)s new organisations", len(self.new_organisations)
                )
                % {"n": len(self.new_organisations)}
            )
        if self.gone:
            parts.append(
                ngettext("%(n)s no longer there", "%(n)s no longer there", len(self.gone))
                % {"n": len(self.gone)}
            )
        if self.now_supporting:
            parts.append(
                ngettext(
                    "%(n)s now gives support",
                    "%(n)s now give support",
                    len(self.now_supporting),
                )
                % {"n": len(self.now_supporting)}
            )
        if self.now_draining:
            parts.append(
                ngettext("%(n)s now costs energy", "%(n)s now cost energy", len(self.now_draining))
                % {"n": len(self.now_draining)}
            )
        return parts

    @property
    def sentence(self) -> str:
        """All differences in one line, or that nothing changed."""
        if self.unchanged:
            return _("No differences: the same ties, just as strong.")
        text = ", ".join(self.phrases)
        return text[:1].upper() + text[1:] + "."

    @property
    def support_sentence(self) -> str:
        return ngettext(
            "Support from %(after)s tie (was %(before)s).",
            "Support from %(after)s ties (was %(before)s).",
            self.supporting_after,
        ) % {"after": self.supporting_after, "before": self.supporting_before}


def _rank(strength: str) -> int:
    return STRENGTH_ORDER.index(strength) if strength in STRENGTH_ORDER else 1


def _key(tie: TieFacts) -> tuple[str, str]:
    return (tie.kind, " ".join(tie.name.lower().split()))


def _match(
    before: Sequence[TieFacts], after: Sequence[TieFacts]
) -> list[tuple[TieFacts, TieFacts]]:
    """Pairs (earlier, later) of the same tie: by thread first, then by kind and name."""
    pairs = []
    earlier = {tie.thread: tie for tie in before}
    unmatched_after = []
    for tie in after:
        if tie.thread in earlier:
            pairs.append((earlier.pop(tie.thread), tie))
        else:
            unmatched_after.append(tie)
    by_name: dict[tuple[str, str], list[TieFacts]] = {}
    for tie in earlier.values():
        by_name.setdefault(_key(tie), []).append(tie)
    for tie in unmatched_after:
        same = by_name.get(_key(tie))
        if same:
            pairs.append((same.pop(0), tie))
    return pairs


def compare(before: Sequence[TieFacts], after: Sequence[TieFacts]) -> Comparison:
    """What changed from the earlier map (`before`) to the later one (`after`)."""
    pairs = _match(before, after)
    matched_before = {id(b) for b, _a in pairs}
    matched_after = {id(a) for _b, a in pairs}
    result = Comparison(
        before_count=len(before),
        after_count=len(after),
        new=[tie for tie in after if id(tie) not in matched_after],
        gone=[tie for tie in before if id(tie) not in matched_before],
        supporting_before=sum(1 for tie in before if tie.flow in SUPPORTING),
        supporting_after=sum(1 for tie in after if tie.flow in SUPPORTING),
    )
    for earlier, later in pairs:
        change = Change(earlier, later)
        if _rank(later.strength) > _rank(earlier.strength):
            result.stronger.append(change)
        elif _rank(later.strength) < _rank(earlier.strength):
            result.weaker.append(change)
        if later.flow in SUPPORTING and earlier.flow not in SUPPORTING:
            result.now_supporting.append(change)
        if later.flow in DRAINING and earlier.flow not in DRAINING:
            result.now_draining.append(change)
    return result
