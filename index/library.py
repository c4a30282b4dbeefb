"""The library folder: one SQLite record of every article plus a Whoosh index derived from it.

This is the API the command line and the TUI share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsreader.index.models import Analysis, Article, Problem, SearchResult


@dataclass(frozen=True, slots=True)
class ArticleState:
    """Triage state of one article."""

    read: bool = False
    starred: bool = False
    archived: bool = False
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one `index` run did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts and ranges over the whole library."""

    articles: int
    first_date: dt.date | None
    last_date: dt.date | None
    sources: tuple[tuple[str, int], ...]
    index_bytes: int
    quotes: int
    claims: int


class Library:
    """PLANNED INTERFACE (being implemented): see the method docstrings."""

    path: Path

    @classmethod
    def open(cls, path: Path | None = None) -> Library:
        """Open (creating if needed) the library folder; rebuilds a missing or broken index."""
        raise NotImplementedError

    def close(self) -> None: ...

    def is_empty(self) -> bool:
        raise NotImplementedError

    def ingest(
        self, paths: Sequence[Path], *, progress: Callable[[int, int], None] | None = None
    ) -> IngestReport:
        raise NotImplementedError

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        sort: str = "relevance",  # relevance | date (oldest first) | -date (newest first)
        now: dt.datetime | None = None,
        include_archived: bool = False,
    ) -> SearchResult:
        raise NotImplementedError

    def article(self, article_id: str) -> Article | None:
        raise NotImplementedError

    def analysis(self, article_id: str) -> Analysis:
        """Stored annotations; an empty Analysis when the article was not analysed."""
        raise NotImplementedError

    def states(self, ids: Iterable[str]) -> dict[str, ArticleState]:
        raise NotImplementedError

    def stats(self) -> Stats:
        raise NotImplementedError

    # Triage state: written to SQLite at once (WAL), keyed by the stable article id.
    def set_read(self, ids: Iterable[str], value: bool) -> None: ...
    def set_starred(self, ids: Iterable[str], value: bool) -> None: ...
    def set_archived(self, ids: Iterable[str], value: bool) -> None: ...
    def add_tag(self, ids: Iterable[str], tag: str) -> None: ...
    def remove_tag(self, ids: Iterable[str], tag: str) -> None: ...
    def tags(self) -> list[str]:
        """Every tag in use, sorted."""
        raise NotImplementedError

    def restore_states(self, states: dict[str, ArticleState]) -> None:
        """Put back states taken with `states()` before an action: this is how undo works."""

    # Query history and saved searches.
    def history(self, limit: int = 100) -> list[str]:
        """Past queries, most recent first, without repeats."""
        raise NotImplementedError

    def add_history(self, query: str) -> None: ...
    def save_search(self, name: str, query: str) -> None: ...
    def delete_saved_search(self, name: str) -> None: ...
    def saved_searches(self) -> list[tuple[str, str, int]]:
        """(name, query, unread count) for every saved search, by name."""
        raise NotImplementedError
