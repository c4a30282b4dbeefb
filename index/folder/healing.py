"""The open search index as the library's writers see it: a write that fails on damaged index
files heals as a search does, by a rebuild from the record.

Every write publishes what the record committed first (`publish`), so when the index turns out
damaged half-way through a write (its files changed while this process had it open), the
rebuild indexes that write's articles too, and the write is done once the rebuild is: the run
goes on with the new index and says so in one notice. Any other failure of the index is
LibraryError, one line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..faults import LibraryError
from ..search.port import EngineError, IndexDamaged

if TYPE_CHECKING:
    from ..models import SearchResult
    from ..query.assemble import ParsedQuery
    from ..search.port import Document, SearchEngine
    from .keeper import IndexKeeper


class HealingWrites:
    """A `SearchEngine` that is the keeper's open one, whose ``replace`` heals."""

    def __init__(self, keeper: IndexKeeper) -> None:
        self._keeper = keeper

    @property
    def _engine(self) -> SearchEngine:
        return self._keeper.engine  # the one open now: another after a rebuild

    def replace(
        self,
        docs: Iterable[Document],
        delete_ids: Iterable[str] = (),
        *,
        new: bool = False,
        total: int | None = None,
        on_commit: Callable[[], None] | None = None,
    ) -> int:
        """`SearchEngine.replace`; on damage, the index rebuilt from the record, which holds
        ``docs`` already (so they are indexed) and lists ``delete_ids`` as pending deletes."""
        try:
            return self._engine.replace(docs, delete_ids, new=new, total=total, on_commit=on_commit)
        except IndexDamaged as damage:
            self._keeper.rebuild(str(damage))
            return total or 0
        except EngineError as error:
            raise LibraryError(f"cannot write the search index: {error}") from error

    def clear(self) -> None:
        self._engine.clear()

    def search(
        self,
        parsed: ParsedQuery,
        *,
        limit: int = 20,
        offset: int = 0,
        sort: str = "relevance",
        allow_ids: frozenset[str] | None = None,
        deny_ids: frozenset[str] | None = None,
        abandoned: Callable[[], bool] | None = None,
    ) -> SearchResult:
        return self._engine.search(
            parsed, limit=limit, offset=offset, sort=sort, allow_ids=allow_ids,
            deny_ids=deny_ids, abandoned=abandoned,
        )  # fmt: skip

    def matching_ids(
        self, parsed: ParsedQuery, allow: frozenset[str] | None, deny: frozenset[str] | None
    ) -> frozenset[str]:
        return self._engine.matching_ids(parsed, allow, deny)

    def doc_count(self) -> int:
        return self._engine.doc_count()

    def ids(self) -> set[str]:
        return self._engine.ids()

    def damage(self, *, deep: bool = False) -> str | None:
        return self._engine.damage(deep=deep)

    def size_bytes(self) -> int:
        return self._engine.size_bytes()

    def close(self) -> None:
        self._engine.close()
