"""A long list paged by Django's `Paginator`, read one page at a time with its length.

A paginator over a queryset asks twice (a COUNT, then the page); over a list of every id it
reads them all. `CountedPages` reads the page asked for and the length in one query (the length
a window over every row: `Window(Count("pk"))`), and asks again only when the page asked for
does not exist (then the paginator shows the last or the first page, as it always does).
"""

from collections.abc import Callable, Sequence
from typing import Any

# (offset, limit) -> the rows there and the length of the whole list (None when no row came).
PageRead = Callable[[int, int], tuple[list[Any], int | None]]
# Past the end of any list: a larger page number is read from here, so what a database takes
# as an offset (a 64-bit integer) is never overrun by a page number typed in the address.
FARTHEST_OFFSET = 10**12


def _offset(number: Any, per_page: int) -> int:
    """Where the page asked for starts, when it is a plain page number; else the first."""
    try:
        asked = int(number)
    except (TypeError, ValueError):
        return 0
    return min((asked - 1) * per_page, FARTHEST_OFFSET) if asked > 1 else 0


class CountedPages(Sequence):
    """The object list to give `Paginator(…, per_page)` with the page `number` asked for."""

    def __init__(self, read: PageRead, count: Callable[[], int], per_page: int, number: Any):
        self._read = read
        self._count = count
        self._per_page = per_page
        self._offset = _offset(number, per_page)
        self._rows: list[Any] | None = None
        self._length: int | None = None

    def _read_page(self) -> None:
        self._rows, self._length = self._read(self._offset, self._per_page)

    def __len__(self) -> int:
        if self._rows is None:
            self._read_page()
        if self._length is None:  # no row there: past the end, or an empty list
            self._length = self._count()
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = index.start or 0
        if self._rows is None or start != self._offset:
            self._offset = start
            self._read_page()
        assert self._rows is not None
        return self._rows[: (index.stop - start) if index.stop is not None else None]
