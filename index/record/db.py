"""The record of one library (library.db): one SQLite connection, its articles and its triage.

This is the record's API to the rest of the package: the facade (`Library`) reaches SQLite only
through it, and the search engine not at all (`publish` is where the two meet).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from ..faults import LibraryError
from ..folder.private import connect_read_only
from ..models import ImportCounts, SearchResult, Stats
from .added import added_after, others_commits, page_by_added
from .articles import ArticleStore, connect, transaction
from .browse import browse, with_web_fields
from .feeds import FeedStore
from .state_file import StateFile
from .state_filter import IdSets, state_filter
from .stats import library_stats
from .triage import StateStore

if TYPE_CHECKING:
    from ..query.assemble import ParsedQuery

SHOWN = 10  # lines of SQLite's integrity check kept


class Record:
    """The articles (`articles`), the triage state (`triage`) and the feed subscriptions
    (`feeds`) of one library, on one connection."""

    def __init__(self, db: Path, conn: sqlite3.Connection, *, read_only: bool) -> None:
        self.db = db
        self.conn = conn
        self.articles = ArticleStore(conn, read_only=read_only)
        self.triage = StateStore(conn)
        self.feeds = FeedStore(conn, read_only=read_only)

    @classmethod
    def open(cls, db: Path, *, read_only: bool = False) -> Record:
        """Open (creating if needed, unless ``read_only``) the record; LibraryError if it will
        not open."""
        try:
            conn = connect_read_only(db) if read_only else connect(db)
            return cls(db, conn, read_only=read_only)
        except (OSError, sqlite3.Error) as error:
            raise LibraryError(f"{db.parent}: cannot open the library: {error}") from error

    def close(self) -> None:
        self.conn.close()

    def browse(
        self,
        *,
        limit: int,
        offset: int,
        sort: str,
        include_archived: bool,
        added_since: dt.datetime | None = None,
    ) -> SearchResult:
        """A page of the whole library without a query (see `browse`)."""
        hidden = frozenset() if include_archived else self.triage.ids_where("archived", True)
        found = browse(
            self.conn, hidden=frozenset(hidden), limit=limit, offset=offset, sort=sort,
            added_since=added_since,
        )  # fmt: skip
        return self.with_web_fields(found)

    def page_by_added(self, ids: Collection[str], *, limit: int, offset: int) -> list[str]:
        """A page of ``ids``, the last to enter the library first (`added.page_by_added`)."""
        return page_by_added(self.conn, ids, limit=limit, offset=offset)

    def others_commits(self) -> int:
        """A number that changes when another connection commits (`added.others_commits`)."""
        return others_commits(self.conn)

    def with_web_fields(self, result: SearchResult) -> SearchResult:
        """The result with each hit's URL and time of entry (`browse.with_web_fields`)."""
        return dataclasses.replace(result, hits=with_web_fields(self.conn, result.hits))

    def state_filter(
        self, parsed: ParsedQuery, include_archived: bool, added_since: dt.datetime | None = None
    ) -> IdSets:
        """(ids the hits must be among or None, ids they must avoid or None) for the query's
        state fields (read:, starred:, archived:, tag:), and only the articles that entered the
        library after ``added_since`` when it is given."""
        allow, deny = state_filter(self.triage, parsed, include_archived)
        return added_after(self.conn, added_since, allow), deny

    def stats(self, *, index_bytes: int) -> Stats:
        return library_stats(self.conn, index_bytes=index_bytes, path=str(self.db.parent))

    def import_state(self, text: str, *, replace: bool) -> tuple[StateFile, ImportCounts]:
        """`StateStore.import_text`; LibraryError when the record cannot take the file, and then
        nothing of it is stored (one transaction)."""
        try:
            return self.triage.import_text(text, replace=replace)
        except sqlite3.Error as error:
            raise LibraryError(f"{self.db}: cannot save the imported state: {error}") from error

    def remove(self, ids: list[str]) -> list[str]:
        """Remove the articles the record holds of ``ids`` (remembering their origins, so that
        an unchanged file does not add them back) and list them to delete from the index; the
        ids removed."""
        store = self.articles
        with transaction(self.conn):
            present = [i for i in ids if store.has(i)]
            for article_id in present:
                store.remove(article_id)
        return present

    def problems(self) -> list[str]:
        """SQLite's own integrity check, then every stored article read back."""
        try:
            found = [row[0] for row in self.conn.execute("PRAGMA integrity_check")]
            if found != ["ok"]:
                return found[:SHOWN]
            for _ in self.articles.articles():
                pass
        except Exception as error:  # a damaged page raises from wherever it is met
            return [str(error)]
        return []
