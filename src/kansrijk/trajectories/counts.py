"""Phase counts kept on write: how many journeys each programme's areas hold per phase.

The coordinator's dashboard read them by counting every journey of the programme (a grouped
query over its trajectories, 10-50 ms at 100,000 households); now it reads a few `PhaseCount`
rows. Each write that changes what is counted updates them in its own transaction:

- a new journey (`intake`), a phase change (`services._moved`), a journey that moves to
  another programme (`services.move_to_programme`): `changed(before, after)` with the journey's
  `key` before and after;
- a household that moves to another area or programme (`transfers`) or is erased (`rights`):
  `household_changing(household_id)` around the write, which counts the household's journeys
  before and after (one small query each) and adds the difference.

A journey counts where its coordinator sees it (`policy.visible_in_programme`): the household
is not erased, and the journey's programme is the household's (a closed journey of a household
that moved on stays with the programme that ran it, and is no longer seen from either).

Each such write also gives the programme a new `FiguresVersion` token, under which figures
counted from its journeys may be cached (`kept_under`: `reports.reach.cached_reach`,
`reports.snapshot`, `escalation.register`);
every other write that changes a figure of the programme's reports asks for a new token with
`figures_changed` (an outcome, an assessment, an evaluation, a Doorbraak case, an Academie
attendance, a buddy's role, the cost-benefit model, a journey's dates or buddy), and any save
or delete in the admin gives every programme a new one (`configuration_changed`).

`recount` counts from the trajectories, `differences` compares, `rebuild` replaces the rows:
`kansrijk counters --check` and `--rebuild`; the scale generator rebuilds at its end.
"""

import contextlib
import hashlib
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, F, QuerySet, Subquery

from kansrijk.people.models import Programme

from .choices import Phase
from .models import FiguresVersion, PhaseCount, Trajectory

Key = tuple[int, int, str]  # programme id, area id, phase
# A version changes the key of what is kept under it on any write; this only bounds how long a
# cache holds what nobody asks for any more.
KEPT_SECONDS = 24 * 60 * 60

T = TypeVar("T")


def key(trajectory: Trajectory) -> Key | None:
    """Where the journey is counted now, or None when it is not counted (see the module)."""
    household = trajectory.household
    if household.erased_at is not None or trajectory.programme_id != household.programme_id:
        return None
    return (trajectory.programme_id, household.area_id, str(trajectory.phase))


def changed(before: Key | None, after: Key | None) -> None:
    """A journey counted at `before` is now counted at `after` (None: not counted)."""
    if before == after:
        return
    delta: Counter[Key] = Counter()
    if before is not None:
        delta[before] -= 1
    if after is not None:
        delta[after] += 1
    add(delta)


def _counted(trajectories: QuerySet[Trajectory]) -> Counter[Key]:
    rows = (
        trajectories.filter(
            household__erased_at__isnull=True, programme_id=F("household__programme_id")
        )
        .order_by()
        .values_list("programme_id", "household__area_id", "phase")
        .annotate(n=Count("pk"))
    )
    return Counter({(programme, area, phase): n for programme, area, phase, n in rows})


@contextlib.contextmanager
def household_changing(household_id: int) -> Iterator[None]:
    """Around a write that moves or erases a household: count its journeys before and after,
    and add the difference. Inside the write's transaction."""
    journeys = Trajectory.objects.filter(household_id=household_id)
    before = _counted(journeys)
    yield
    after = _counted(journeys)
    add(Counter({k: after[k] - before[k] for k in before.keys() | after.keys()}))


def add(delta: Counter[Key]) -> None:
    """Add each key's number to its row: an UPDATE, or an INSERT when the row is missing.

    Safe when two transactions add to one key at once: the UPDATE waits for the other's lock
    on the row; two INSERTs of a new key meet at the unique constraint, and the one that loses
    (in a savepoint) updates the row the other inserted.
    """
    for programme_id in sorted({key[0] for key, n in delta.items() if n}):
        _new_figures_version(programme_id)
    for (programme_id, area_id, phase), n in sorted(delta.items()):
        if not n:
            continue
        row = PhaseCount.objects.filter(programme_id=programme_id, area_id=area_id, phase=phase)
        if row.update(count=F("count") + n):
            continue
        try:
            with transaction.atomic():
                PhaseCount.objects.create(
                    programme_id=programme_id, area_id=area_id, phase=phase, count=n
                )
        except IntegrityError:
            row.update(count=F("count") + n)


def _new_figures_version(programme_id: int) -> None:
    """A new token for the programme's figures (the row's lock waits for another writer)."""
    token = uuid.uuid4().hex
    row = FiguresVersion.objects.filter(programme_id=programme_id)
    if row.update(token=token):
        return
    try:
        with transaction.atomic():
            FiguresVersion.objects.create(programme_id=programme_id, token=token)
    except IntegrityError:
        row.update(token=token)


def figures_changed(*programme_ids: int) -> None:
    """A write changed what the figures of these programmes count (an outcome, an assessment,
    an evaluation, a Doorbraak case's costs, a journey's dates, the cost-benefit model, ...)
    without moving a journey's phase: new tokens, in the write's transaction."""
    for programme_id in sorted(set(programme_ids)):
        _new_figures_version(programme_id)


def configuration_changed(sender, **kwargs) -> None:
    """A change in the admin (an outcome type, a role, the cost-benefit model, an area, ...):
    any programme's figures may read it, and changes there are rare, so every programme gets a
    new version (`core.admin.configuration_changed`): one token for all, in three queries
    whatever the number of programmes (every key that holds a version names its programmes)."""
    token = uuid.uuid4().hex
    FiguresVersion.objects.update(token=token)
    without = Programme.objects.exclude(
        pk__in=FiguresVersion.objects.values("programme_id")
    ).values_list("pk", flat=True)
    FiguresVersion.objects.bulk_create(
        [FiguresVersion(programme_id=pk, token=token) for pk in without], ignore_conflicts=True
    )


def figures_version(programme_id: int) -> str | None:
    """The token of the programme's figures now; None before its first counted write."""
    return (
        FiguresVersion.objects.filter(programme_id=programme_id)
        .values_list("token", flat=True)
        .first()
    )


def figures_versions(programme_ids: Iterable[int]) -> dict[int, str]:
    """The tokens of these programmes' figures now, in one query; a programme without a
    version yet (nothing counted written for it) is left out."""
    return dict(
        FiguresVersion.objects.filter(programme_id__in=list(programme_ids)).values_list(
            "programme_id", "token"
        )
    )


def kept_under(versions: Iterable[str | None], key: str, build: Callable[[], T]) -> T:
    """What `build` counts from programmes' figures, kept in the cache under their versions:
    the key is `key` with the versions, so any write that changes a figure makes a new one.
    Built every time when a programme has no version yet (None). `key` names everything else
    the figures depend on. What is kept is shared by all who may ask with that key: only
    counts of a programme, never a person's data."""
    versions = list(versions)
    tokens = [version for version in versions if version is not None]
    if not tokens or len(tokens) < len(versions):
        return build()
    return cache.get_or_set(kept_key(key, tokens), build, KEPT_SECONDS)


def kept_key(key: str, tokens: list[str]) -> str:
    """The cache key of what `kept_under` keeps under `key` and these versions: a digest of
    both, named by the key's first part ("reach", "register", ...), short enough for any cache
    backend (memcached takes 250 characters; a key naming every area is longer)."""
    digest = hashlib.sha256("\n".join([key, *tokens]).encode()).hexdigest()
    return f"kept:{key.split(':', 1)[0][:40]}:{digest}"


def recount(programme_ids: Iterable[int] | None = None) -> Counter[Key]:
    """The counts from the trajectories themselves."""
    journeys = Trajectory.objects.all()
    if programme_ids is not None:
        journeys = journeys.filter(programme_id__in=list(programme_ids))
    return _counted(journeys)


def stored(programme_ids: Iterable[int] | None = None) -> Counter[Key]:
    """The kept counts, without the rows that stand at zero."""
    rows = PhaseCount.objects.exclude(count=0)
    if programme_ids is not None:
        rows = rows.filter(programme_id__in=list(programme_ids))
    return Counter(
        {
            (p, a, phase): n
            for p, a, phase, n in rows.values_list("programme", "area", "phase", "count")
        }
    )


def differences() -> dict[Key, tuple[int, int]]:
    """Every key whose kept count differs from the recount: (kept, recounted)."""
    kept, counted = stored(), recount()
    return {
        k: (kept[k], counted[k])
        for k in sorted(kept.keys() | counted.keys())
        if kept[k] != counted[k]
    }


@transaction.atomic
def rebuild() -> int:
    """Replace every row by a recount, in one transaction. Returns the number of rows."""
    PhaseCount.objects.all().delete()
    counted = recount()
    rows = [
        PhaseCount(programme_id=p, area_id=a, phase=phase, count=n)
        for (p, a, phase), n in counted.items()
    ]
    PhaseCount.objects.bulk_create(rows, batch_size=500)
    # Whatever was cached under the old tokens may differ from the recount.
    FiguresVersion.objects.all().delete()
    FiguresVersion.objects.bulk_create(
        [FiguresVersion(programme_id=p, token=uuid.uuid4().hex) for p in {k[0] for k in counted}]
    )
    return len(rows)


def programme_phase_counts(programme_id: int) -> dict[Phase, int]:
    """The programme's journeys per phase, every phase present (zero when none): one query."""
    return _per_phase(
        PhaseCount.objects.filter(programme_id=programme_id).values_list("phase", "count")
    )


@dataclass(frozen=True)
class KeptFigures:
    """A programme's phase counts and its figures version, read together."""

    phases: dict[Phase, int]
    version: str | None


def kept_figures(programme_id: int) -> KeptFigures:
    """`programme_phase_counts` and `figures_version` in one query: the token rides along on
    each of the programme's rows. Without rows there is no version to cache under (None): a
    programme gets its first token in the write that gives it its first rows (`add`, `rebuild`),
    and figures not cached are counted, never wrong."""
    token = FiguresVersion.objects.filter(programme_id=programme_id).values("token")[:1]
    rows = list(
        PhaseCount.objects.filter(programme_id=programme_id)
        .annotate(version=Subquery(token))
        .values_list("phase", "count", "version")
    )
    return KeptFigures(
        phases=_per_phase((phase, n) for phase, n, _ in rows),
        version=rows[0][2] if rows else None,
    )


def _per_phase(rows: Iterable[tuple[str, int]]) -> dict[Phase, int]:
    counted: Counter[str] = Counter()
    for phase, n in rows:
        counted[phase] += n
    return {phase: counted[phase] for phase in Phase}
