"""Rows of a view table formatted only when drawn: a view lists tens of thousands of quotes or
claims, and formatting all of them on the event loop held up the keys for as long."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar, overload

T = TypeVar("T")
Cells = tuple[str, ...]


class LazyRows(Sequence[Cells], Generic[T]):
    """The table rows of ``items``, each formatted by ``cells`` when it is asked for."""

    def __init__(self, items: Sequence[T], cells: Callable[[T], Cells]) -> None:
        self.items = items
        self._cells = cells

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, index: int) -> Cells: ...

    @overload
    def __getitem__(self, index: slice) -> list[Cells]: ...

    def __getitem__(self, index: int | slice) -> Cells | list[Cells]:
        if isinstance(index, slice):
            return [self._cells(item) for item in self.items[index]]
        return self._cells(self.items[index])
