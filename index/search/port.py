"""The search engine as the library sees it: a protocol any engine implements, and its errors.

The SQLite record is the truth; an engine holds a derived index of its articles in one folder,
which can always be thrown away and built again from the record (quotes and claims are read
from the record's own tables, never from an engine). So an engine never repairs itself: it
reports what is wrong (`damage`, EngineError, IndexDamaged) and the library rebuilds it.
Nothing here imports an engine: `engines.open_engine` chooses one by name, and the contract
suite (tests/engine_contract/) holds every engine to the same hits, dates, fields, state
filters, sorting and paging.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..models import Analysis, Article, SearchResult
    from ..query.assemble import ParsedQuery

Document = tuple["Article", "Analysis | None"]
SORTS = ("relevance", "date", "-date")  # "-date" is newest first; undated articles come last


class EngineError(Exception):
    """The index is missing, corrupt, or held by another process; the message says which."""


class IndexDamaged(EngineError):
    """A search failed because an index file is damaged: the index must be rebuilt."""


class SearchEngine(Protocol):
    """An open index of one library's articles."""

    def replace(
        self,
        docs: Iterable[Document],
        delete_ids: Iterable[str] = (),
        *,
        new: bool = False,
        total: int | None = None,
        on_commit: Callable[[], None] | None = None,
    ) -> int:
        """Delete ``delete_ids`` and add or update ``docs`` (the analysis gives their name fields)
        in one commit; how many were written. ``new`` promises none of ``docs`` is indexed yet;
        ``total`` says how many ``docs`` yields, when known (an engine may write a large batch
        differently); ``on_commit`` is called once every document is added, before the commit.
        Raises EngineError when another process holds the index."""
        ...

    def clear(self) -> None:
        """Remove every document."""
        ...

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
        """One page of article hits with snippets, and the total. ``sort`` is one of `SORTS`
        (anything else ranks by relevance); a query of filters only lists newest first; hits
        are among ``allow_ids`` when given and never in ``deny_ids``. ``abandoned`` is asked
        while the query is evaluated: when it turns true, raise SearchAbandoned. A query the
        engine cannot run is a result with a problem, never an exception; IndexDamaged when the
        index files explain the failure."""
        ...

    def matching_ids(
        self, parsed: ParsedQuery, allow: frozenset[str] | None, deny: frozenset[str] | None
    ) -> frozenset[str]:
        """The ids of every article the query matches (the hits `search` would count), among
        ``allow`` when given and never in ``deny``: for the library views, which count over
        them all. IndexDamaged when the index files explain a failure."""
        ...

    def doc_count(self) -> int:
        """Number of article documents (an article indexed twice counts twice)."""
        ...

    def ids(self) -> set[str]:
        """The ids of the articles the index holds."""
        ...

    def damage(self, *, deep: bool = False) -> str | None:
        """What is wrong with the index files, or None; ``deep`` reads every file back."""
        ...

    def size_bytes(self) -> int:
        """Bytes the index takes on disk."""
        ...

    def close(self) -> None:
        """Release every file and searcher; the engine is unusable afterwards."""
        ...


class EngineOpener(Protocol):
    """How an engine is opened on its folder (see `engines.open_engine`)."""

    def __call__(
        self, folder: Path, *, create: bool = True, read_only: bool = False
    ) -> SearchEngine:
        """The engine in ``folder``, creating an empty index when missing and ``create`` is set;
        ``read_only`` changes nothing on disk. EngineError when it will not open."""
        ...
