"""The ecomap: the household in the middle, its ties around it in a sector per kind.

Pure: plain values in, geometry and words out; the template `network/_ecomap.html` only draws
it. Server-rendered SVG, no JavaScript, no inline styles (colours and line styles come from CSS
classes). Nothing depends on colour alone:
- the strength of a tie is its distance and its line: strong ties sit closest with a solid
  line, normal ones further out with a dashed line, weak or strained ones furthest, dotted;
- what a tie does is an arrow and a sign: an arrow towards the household and a "+" when it
  gives support, an arrow towards the tie and a "−" when it costs energy, both ways and "±";
- a person is a circle, an organisation a square.
The drawing has a title and a description, and the page lists the same ties as a table.

Sized for a phone: 360 units square, scaled to the width of the card (about 330 px at 390 px).
Labels are placed one by one where they cover no node, no other label and no sector name; in
a very full map they may touch, which the table next to it makes up for.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import DRAINING, SUPPORTING, Flow, Strength, TieKind

SIZE = 360
CENTRE = SIZE / 2
CENTRE_RADIUS = 36
NODE_RADIUS = 10
# Closer is stronger.
RING = {Strength.STRONG: 68, Strength.NORMAL: 100, Strength.WEAK: 130}
RIM = 158  # where the name of a sector is written
FONT = 11  # user units; kansrijk.css draws labels at this size
SECTOR_FONT = 10
LINE_HEIGHT = 12
CHAR_WIDTH = 0.62  # of the font size: a generous average, so estimates err on the wide side
CHARS_PER_LINE = 12
LABEL_LINES = 2
GAP = 3  # between a node and its label
ARROW_LENGTH = 7
ARROW_HALF_WIDTH = 4
MARGIN = 2
# Sectors start at the top and go round clockwise.
START_ANGLE = -90.0
GLYPH = {Flow.SUPPORT: "+", Flow.COSTS: "−", Flow.BOTH: "±"}


@dataclass(frozen=True)
class TieFacts:
    """One tie as the map and the comparison need it: `key` names the tie on its map, `thread`
    the same tie on every map of the year (see `models.Tie.thread`)."""

    key: str
    name: str
    kind: str
    strength: str
    flow: str
    is_organisation: bool = False
    thread: str = ""


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlap(self, other: "Box") -> float:
        width = min(self.right, other.right) - max(self.left, other.left)
        height = min(self.bottom, other.bottom) - max(self.top, other.top)
        return width * height if width > 0 and height > 0 else 0.0

    def inside(self, size: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= size and self.bottom <= size


@dataclass(frozen=True)
class Label:
    """Text of one or more lines: `x` and `anchor` as SVG's text-anchor, a baseline per line."""

    x: float
    anchor: str
    lines: tuple[tuple[float, str], ...]  # (baseline y, text)
    box: Box


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Node:
    key: str
    x: float
    y: float
    shape: str  # "circle" for a person, "square" for an organisation
    glyph: str
    strength: str
    flow: str
    line: Line
    arrows: tuple[str, ...]  # polygon points
    label: Label
    title: str

    @property
    def box(self) -> Box:
        return _square(self.x, self.y, NODE_RADIUS)

    @property
    def left(self) -> float:
        return round(self.x - NODE_RADIUS, 1)

    @property
    def top(self) -> float:
        return round(self.y - NODE_RADIUS, 1)


@dataclass(frozen=True)
class Sector:
    kind: str
    name: str
    count: int
    wedge: str  # path of the sector's background, between the centre and the rim
    divider: Line | None  # where the sector ends, when there is more than one
    label: Label


@dataclass(frozen=True)
class Ecomap:
    title: str
    description: str
    centre_label: Label
    sectors: list[Sector]
    nodes: list[Node]
    size: int = SIZE
    centre: float = CENTRE
    centre_radius: int = CENTRE_RADIUS
    node_radius: int = NODE_RADIUS

    @property
    def view_box(self) -> str:
        return f"0 0 {self.size} {self.size}"

    @property
    def square_side(self) -> int:
        return 2 * self.node_radius

    @property
    def is_empty(self) -> bool:
        return not self.nodes


# ---- text ----


def wrap(text: str, chars: int = CHARS_PER_LINE, lines: int = LABEL_LINES) -> list[str]:
    """Break `text` into at most `lines` lines of about `chars` characters; "…" if cut."""
    words = text.split()
    wrapped: list[str] = []
    current = ""
    for word in words:
        while len(word) > chars:  # a very long word is cut where it must
            if current:
                wrapped.append(current)
                current = ""
            wrapped.append(word[:chars])
            word = word[chars:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= chars:
            current = f"{current} {word}"
        else:
            wrapped.append(current)
            current = word
    if current:
        wrapped.append(current)
    if len(wrapped) > lines:
        last = wrapped[lines - 1]
        wrapped = [*wrapped[: lines - 1], last[: chars - 1].rstrip() + "…"]
    return wrapped


def text_width(text: str, font: float = FONT) -> float:
    return len(text) * font * CHAR_WIDTH


# ---- geometry ----


def _point(angle: float, radius: float) -> tuple[float, float]:
    radians = math.radians(angle)
    return (
        round(CENTRE + radius * math.cos(radians), 1),
        round(CENTRE + radius * math.sin(radians), 1),
    )


def _square(x: float, y: float, half: float) -> Box:
    return Box(x - half, y - half, x + half, y + half)


def _label_at(x: float, top: float, anchor: str, lines: list[str], font: float) -> Label:
    width = max(text_width(line, font) for line in lines)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    ascent = font * 0.8
    baselines = tuple(
        (round(top + ascent + i * LINE_HEIGHT, 1), line) for i, line in enumerate(lines)
    )
    box = Box(left, top, left + width, top + LINE_HEIGHT * (len(lines) - 1) + font)
    return Label(round(x, 1), anchor, baselines, box)


def _place(candidates: list[Label], obstacles: list[Box]) -> Label:
    """The first candidate inside the drawing that covers nothing; else the one covering least."""

    def cost(label: Label) -> tuple[bool, float]:
        return (
            not label.box.inside(SIZE),
            sum(label.box.overlap(obstacle) for obstacle in obstacles),
        )

    for candidate in candidates:
        if cost(candidate) == (False, 0.0):
            return candidate
    return min(candidates, key=cost)


def _node_label_candidates(x: float, y: float, angle: float, lines: list[str]) -> list[Label]:
    """Around the node, the side facing away from the household first, then the corners."""
    height = LINE_HEIGHT * (len(lines) - 1) + FONT
    offset = NODE_RADIUS + GAP
    below = _label_at(x, y + offset, "middle", lines, FONT)
    above = _label_at(x, y - offset - height, "middle", lines, FONT)
    right = _label_at(x + offset, y - height / 2, "start", lines, FONT)
    left = _label_at(x - offset, y - height / 2, "end", lines, FONT)
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    if abs(dx) > 0.7:
        outward, inward = (right, left) if dx > 0 else (left, right)
        sides = [outward, below if dy > 0 else above, above if dy > 0 else below, inward]
    else:
        vertical = [below, above] if dy > 0 else [above, below]
        sides = vertical[:1] + ([right, left] if dx > 0 else [left, right]) + vertical[1:]
    corner = NODE_RADIUS + 1
    corners = [
        _label_at(x + corner, y + corner, "start", lines, FONT),
        _label_at(x - corner, y + corner, "end", lines, FONT),
        _label_at(x + corner, y - corner - height, "start", lines, FONT),
        _label_at(x - corner, y - corner - height, "end", lines, FONT),
    ]
    # Corners facing away from the household first.
    corners.sort(
        key=lambda label: (
            -((label.box.left + label.box.right) / 2 - x) * dx
            - ((label.box.top + label.box.bottom) / 2 - y) * dy
        )
    )
    return sides + corners


def _sector_label_candidates(start: float, span: float, lines: list[str]) -> list[Label]:
    """Near the rim, in the middle of the sector first, then further to its edges."""
    height = LINE_HEIGHT * (len(lines) - 1) + SECTOR_FONT
    width = max(text_width(line, SECTOR_FONT) for line in lines)
    candidates = []
    for share in (0.5, 0.3, 0.7, 0.12, 0.88):
        for radius in (RIM, RIM + 8):
            x, y = _point(start + span * share, radius)
            # Keep the whole label inside the drawing: slide it in from the edge.
            x = min(max(x, width / 2 + MARGIN), SIZE - width / 2 - MARGIN)
            top = min(max(y - height / 2, MARGIN), SIZE - height - MARGIN)
            candidates.append(_label_at(x, top, "middle", lines, SECTOR_FONT))
    return candidates


def _wedge(start: float, span: float) -> str:
    """The sector between the household's circle and the rim, as an SVG path."""
    if span >= 359.99:
        outer, inner = RIM + 14, CENTRE_RADIUS
        return (
            f"M {CENTRE - outer} {CENTRE} a {outer} {outer} 0 1 0 {2 * outer} 0 "
            f"a {outer} {outer} 0 1 0 {-2 * outer} 0 Z "
            f"M {CENTRE - inner} {CENTRE} a {inner} {inner} 0 1 1 {2 * inner} 0 "
            f"a {inner} {inner} 0 1 1 {-2 * inner} 0 Z"
        )
    outer, inner = RIM + 14, CENTRE_RADIUS
    end = start + span
    large = 1 if span > 180 else 0
    ox1, oy1 = _point(start, outer)
    ox2, oy2 = _point(end, outer)
    ix2, iy2 = _point(end, inner)
    ix1, iy1 = _point(start, inner)
    return (
        f"M {ix1} {iy1} L {ox1} {oy1} A {outer} {outer} 0 {large} 1 {ox2} {oy2} "
        f"L {ix2} {iy2} A {inner} {inner} 0 {large} 0 {ix1} {iy1} Z"
    )


def _arrow(tip: tuple[float, float], towards: tuple[float, float]) -> str:
    """A small triangle with its point at `tip`, pointing from `towards` to `tip`."""
    dx, dy = tip[0] - towards[0], tip[1] - towards[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    base_x, base_y = tip[0] - ux * ARROW_LENGTH, tip[1] - uy * ARROW_LENGTH
    corners = [
        tip,
        (base_x - uy * ARROW_HALF_WIDTH, base_y + ux * ARROW_HALF_WIDTH),
        (base_x + uy * ARROW_HALF_WIDTH, base_y - ux * ARROW_HALF_WIDTH),
    ]
    return " ".join(f"{round(x, 1)},{round(y, 1)}" for x, y in corners)


def _spoke(angle: float, radius: float, flow: str) -> tuple[Line, tuple[str, ...]]:
    """The line from the household's circle to the node, and its arrowheads."""
    inner = _point(angle, CENTRE_RADIUS + 1)
    outer = _point(angle, radius - NODE_RADIUS - 1)
    arrows = []
    if flow in SUPPORTING:  # support flows towards the household
        arrows.append(_arrow(inner, outer))
    if flow in DRAINING:  # energy flows from the household to the tie
        arrows.append(_arrow(outer, inner))
    # The line stops where an arrowhead starts, so its dashes do not poke through the point.
    start = _point(angle, CENTRE_RADIUS + 1 + (ARROW_LENGTH if flow in SUPPORTING else 0))
    end = _point(angle, radius - NODE_RADIUS - 1 - (ARROW_LENGTH if flow in DRAINING else 0))
    return Line(*start, *end), tuple(arrows)


# ---- the map ----


def sector_kinds(*maps: Sequence[TieFacts]) -> list[str]:
    """The kinds that have ties on any of these maps, in the fixed order of `TieKind`.

    Two maps drawn with the same kinds have their sectors in the same places.
    """
    present = {tie.kind for ties in maps for tie in ties}
    return [kind for kind in TieKind.values if kind in present]


def build_ecomap(
    ties: Sequence[TieFacts],
    *,
    title: str,
    centre_name: str,
    kinds: Sequence[str] | None = None,
) -> Ecomap:
    """The ecomap of `ties` around the household called `centre_name`.

    `kinds` fixes the sectors (pass the same to two maps that are shown side by side); by
    default a sector for each kind that has a tie. A sector's width follows its number of ties
    (an empty one gets the room of one). In a sector every tie has its own angle, so no line
    runs through another tie; its distance from the middle is its strength.
    """
    kinds = list(kinds) if kinds is not None else sector_kinds(ties)
    by_kind = {kind: [t for t in ties if t.kind == kind] for kind in kinds}
    weights = {kind: max(len(by_kind[kind]), 1) for kind in kinds}
    total = sum(weights.values())

    centre_lines = wrap(centre_name, chars=10, lines=2)
    centre_height = LINE_HEIGHT * (len(centre_lines) - 1) + FONT
    centre_label = _label_at(CENTRE, CENTRE - centre_height / 2, "middle", centre_lines, FONT)

    obstacles = [_square(CENTRE, CENTRE, CENTRE_RADIUS)]
    placed_nodes: list[tuple[TieFacts, float, float, float, float]] = []
    spans: list[tuple[str, float, float]] = []
    angle = START_ANGLE
    for kind in kinds:
        span = 360.0 * weights[kind] / total
        spans.append((kind, angle, span))
        members = by_kind[kind]
        for index, tie in enumerate(members):
            node_angle = angle + span * (index + 0.5) / len(members)
            radius = RING.get(tie.strength, RING[Strength.NORMAL])
            x, y = _point(node_angle, radius)
            placed_nodes.append((tie, node_angle, radius, x, y))
            obstacles.append(_square(x, y, NODE_RADIUS))
        angle += span

    sectors = []
    for kind, start, span in spans:
        name = str(TieKind(kind).label) if kind in TieKind.values else kind
        label = _place(
            _sector_label_candidates(start, span, wrap(name, chars=14, lines=2)), obstacles
        )
        obstacles.append(label.box)
        sectors.append(
            Sector(
                kind=kind,
                name=name,
                count=len(by_kind[kind]),
                wedge=_wedge(start, span),
                divider=Line(*_point(start, CENTRE_RADIUS), *_point(start, RIM + 14))
                if len(spans) > 1
                else None,
                label=label,
            )
        )

    nodes = []
    for tie, node_angle, radius, x, y in placed_nodes:
        label = _place(_node_label_candidates(x, y, node_angle, wrap(tie.name)), obstacles)
        obstacles.append(label.box)
        line, arrows = _spoke(node_angle, radius, tie.flow)
        nodes.append(
            Node(
                key=tie.key,
                x=x,
                y=y,
                shape="square" if tie.is_organisation else "circle",
                glyph=GLYPH.get(tie.flow, ""),
                strength=tie.strength,
                flow=tie.flow,
                line=line,
                arrows=arrows,
                label=label,
                title=_tie_title(tie),
            )
        )
    return Ecomap(
        title=title,
        description=describe(ties, by_kind),
        centre_label=centre_label,
        sectors=sectors,
        nodes=nodes,
    )


def _label_of(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def _tie_title(tie: TieFacts) -> str:
    return ", ".join(
        [
            tie.name,
            _label_of(TieKind, tie.kind),
            _label_of(Strength, tie.strength),
            _label_of(Flow, tie.flow),
        ]
    )


def describe(ties: Sequence[TieFacts], by_kind: dict[str, list[TieFacts]]) -> str:
    """The picture in words, for a screen reader: what is where and how to read it."""
    if not ties:
        return _("The household in the middle, with no ties on the map yet.")
    groups = ", ".join(
        f"{_label_of(TieKind, kind)} {len(members)}" for kind, members in by_kind.items() if members
    )
    text = ngettext(
        "The household in the middle with %(count)s tie around it, by kind: %(groups)s.",
        "The household in the middle with %(count)s ties around it, by kind: %(groups)s.",
        len(ties),
    ) % {"count": len(ties), "groups": groups}
    return " ".join(
        [
            text,
            _(
                "Strong ties are closest with a solid line, normal ties have a dashed line, "
                "weak or strained ties are furthest out with a dotted line."
            ),
            _(
                "An arrow towards the household and a plus sign: gives support. An arrow "
                "towards the tie and a minus sign: costs energy. Arrows both ways: both."
            ),
            _("A circle is a person, a square an organisation."),
        ]
    )
