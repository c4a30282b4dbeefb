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
