"""The SQLite record of every article: text, metadata, origins, annotations and file fingerprints.

The search index is derived from this and can always be rebuilt from it. `indexed` marks the
articles whose index documents are known to be committed, and `unindexed` lists ids whose
documents must still be deleted, so an interrupted run is caught up on the next open.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..models import Analysis, Article, Origin
from . import annotation_tables, orders
from .codec import (
    decode_analysis,
    decode_date,
    decode_metadata,
    encode_analysis,
    encode_date,
    encode_metadata,
)

T = TypeVar("T")

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    date TEXT,
    source TEXT,
    url TEXT,
    category TEXT,
    external_id TEXT,
    metadata TEXT,
    analysis TEXT,
    indexed INTEGER NOT NULL DEFAULT 0,
    added TEXT
);
CREATE INDEX IF NOT EXISTS articles_external ON articles(external_id);
CREATE INDEX IF NOT EXISTS articles_unindexed ON articles(indexed) WHERE indexed = 0;
CREATE INDEX IF NOT EXISTS articles_date ON articles(date, id);
CREATE TABLE IF NOT EXISTS origins (
    path TEXT NOT NULL,
    key TEXT NOT NULL,
    line INTEGER,
    offset INTEGER NOT NULL DEFAULT 0,
    article_id TEXT NOT NULL,
    PRIMARY KEY (path, key)
);
CREATE INDEX IF NOT EXISTS origins_article ON origins(article_id);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS unindexed (id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS removed (path TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (path, key));
"""


class RecordDamaged(sqlite3.DatabaseError):
    """A stored value SQLite reads back but that cannot be decoded: a damaged record."""


def _decoded(article_id: str, decode: Callable[[str], T], data: str) -> T:
    try:
        return decode(data)
    except (ValueError, TypeError, IndexError, KeyError) as error:
        raise RecordDamaged(f"article {article_id}: unreadable stored value ({error})") from error


@dataclass(frozen=True, slots=True)
class FileRecord:
    """The fingerprint of an ingested file, to skip it when unchanged."""

    path: str
    size: int
    mtime_ns: int
    sha256: str


# The reader shares one connection between threads (triage workers, and the search thread that
# catches the index up): a second BEGIN on a connection already in a transaction is an error,
# so writes take turns. SQLite allows one writer at a time anyway.
_WRITE_TURN = threading.RLock()


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic write: the connection runs in autocommit mode otherwise."""
    with _WRITE_TURN:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            # SQLite has already rolled back after some errors (a full disk): a second ROLLBACK
            # would fail and hide the real error.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def connect(path: Path) -> sqlite3.Connection:
    """A connection in WAL mode, created private to the user."""
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
    conn = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


_ARTICLE_COLUMNS = "id, title, text, date, source, url, category, external_id, metadata, added"


def added_text(when: dt.datetime) -> str:
    """How `added` is stored: UTC, ISO 8601 to the second, so that text order is time order."""
    return when.astimezone(dt.UTC).isoformat(timespec="seconds")


class ArticleStore:
    """Articles, their origins and analyses, and the fingerprints of ingested files."""

    def __init__(self, conn: sqlite3.Connection, *, read_only: bool = False) -> None:
        self.conn = conn
        if not read_only:
            conn.executescript(SCHEMA)
            columns = {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
            if "added" not in columns:  # a library from before articles had a time of entry
                conn.execute("ALTER TABLE articles ADD COLUMN added TEXT")
            orders.prepare(conn)
        elif not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
            # a library older than the bookkeeping table: an empty one, in memory, stands in
            conn.execute("CREATE TEMP TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        annotation_tables.prepare(conn, read_only=read_only)

    # Articles -----------------------------------------------------------------------------
    def has(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def put(self, article: Article, analysis: Analysis | None) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO articles"
            f" ({_ARTICLE_COLUMNS}, analysis, indexed) VALUES (?,?,?,?,?,?,?,?,?,?,?,0)",
            (
                article.id,
                article.title,
                article.text,
                encode_date(article.date),
                article.source,
                article.url,
                article.category,
                article.external_id,
                encode_metadata(article.metadata),
                added_text(article.added or dt.datetime.now(dt.UTC)),
                encode_analysis(analysis) if analysis is not None else None,
            ),
        )
        self.conn.execute("DELETE FROM unindexed WHERE id = ?", (article.id,))

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            row = self.conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE external_id = ? LIMIT 1",
                (article_id,),
            ).fetchone()
        return self._article(row) if row else None

    def ids_starting(self, prefix: str, limit: int) -> list[str]:
        """Up to `limit` article ids that begin with `prefix`, in order."""
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        )
        return [r[0] for r in rows]

    def analysis(self, article_id: str) -> Analysis | None:
        row = self.conn.execute(
            "SELECT analysis FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return _decoded(article_id, decode_analysis, row[0]) if row and row[0] else None

    def articles(
        self, *, only_unindexed: bool = False, batch: int = 500
    ) -> Iterator[tuple[Article, Analysis | None]]:
        """Every article with its analysis, in batches so that memory stays flat."""
        where = "WHERE indexed = 0" if only_unindexed else ""
        last = ""
        while True:
            rows = self.conn.execute(
                f"SELECT {_ARTICLE_COLUMNS}, analysis FROM articles {where}"
                f" {'AND' if where else 'WHERE'} id > ? ORDER BY id LIMIT ?",
                (last, batch),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                analysis = _decoded(row[0], decode_analysis, row[10]) if row[10] else None
                yield self._article(row[:10]), analysis
            last = rows[-1][0]

    def ids(self, *, indexed: bool | None = None) -> set[str]:
        """Every article id; with ``indexed`` only those whose index documents are (True) or
        are not yet (False) known to be committed."""
        where = "" if indexed is None else f"WHERE indexed = {int(indexed)}"
        return {row[0] for row in self.conn.execute(f"SELECT id FROM articles {where}")}

    def mark_indexed(self, ids: Iterable[str]) -> None:
        self.conn.executemany("UPDATE articles SET indexed = 1 WHERE id = ?", ((i,) for i in ids))

    def mark_all_unindexed(self) -> None:
        self.conn.execute("UPDATE articles SET indexed = 0")

    def pending_deletes(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM unindexed")]

    def clear_pending_deletes(self, ids: Iterable[str]) -> None:
        self.conn.executemany("DELETE FROM unindexed WHERE id = ?", ((i,) for i in ids))

    def delete_if_orphan(self, article_id: str) -> bool:
        """Delete an article no origin points at any more; True when it was deleted."""
        if self.conn.execute(
            "SELECT 1 FROM origins WHERE article_id = ? LIMIT 1", (article_id,)
        ).fetchone():
            return False
        self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        self.conn.execute("INSERT OR IGNORE INTO unindexed (id) VALUES (?)", (article_id,))
        return True

    def remove(self, article_id: str) -> None:
        """Delete an article the user removed, remembering its origins (`removed_keys`) so that
        an unchanged file does not bring it back."""
        self.conn.execute(
            "INSERT OR IGNORE INTO removed (path, key)"
            " SELECT path, key FROM origins WHERE article_id = ?",
            (article_id,),
        )
        self.conn.execute("DELETE FROM origins WHERE article_id = ?", (article_id,))
        self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        self.conn.execute("INSERT OR IGNORE INTO unindexed (id) VALUES (?)", (article_id,))

    def removed_keys(self, path: str) -> set[str]:
        """The keys of a file's articles that the user removed."""
        rows = self.conn.execute("SELECT key FROM removed WHERE path = ?", (path,))
        return {r[0] for r in rows}

    def forget_removed(self, path: str) -> None:
        self.conn.execute("DELETE FROM removed WHERE path = ?", (path,))

    def ids_except(self, excluded: set[str]) -> list[str]:
        """Every article id but those in ``excluded``."""
        return [r[0] for r in self.conn.execute("SELECT id FROM articles") if r[0] not in excluded]

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def index_counts(self) -> tuple[int, int, int]:
        """(articles, articles not yet indexed, ids still to delete from the index), read at
        one moment: what the index may hold lies between the first two's difference and the
        first plus the third. One statement: a writer's commit lands before or after it."""
        return self.conn.execute(
            "SELECT (SELECT count(*) FROM articles),"
            " (SELECT count(*) FROM articles WHERE indexed = 0),"
            " (SELECT count(*) FROM unindexed)"
        ).fetchone()

    # Bookkeeping ----------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        if value is None:
            self.conn.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value)
            )

    def _article(self, row: tuple) -> Article:
        origin = self.conn.execute(
            "SELECT path, line, offset, key FROM origins WHERE article_id = ?"
            " ORDER BY path, key LIMIT 1",
            (row[0],),
        ).fetchone()
        return Article(
            id=row[0],
            title=row[1],
            text=row[2],
            date=_decoded(row[0], decode_date, row[3]),
            source=row[4],
            url=row[5],
            category=row[6],
            external_id=row[7],
            metadata=_decoded(row[0], decode_metadata, row[8]),
            origin=Origin(*origin) if origin else None,
            added=_decoded(row[0], dt.datetime.fromisoformat, row[9]) if row[9] else None,
        )

    # Origins ------------------------------------------------------------------------------
    def origins_of_file(self, path: str) -> dict[str, str]:
        """key -> article id for every origin in one file."""
        rows = self.conn.execute("SELECT key, article_id FROM origins WHERE path = ?", (path,))
        return dict(rows.fetchall())

    def origin_lines_of_file(self, path: str) -> dict[str, int | None]:
        """key -> the line each origin in one file was read from."""
        rows = self.conn.execute("SELECT key, line FROM origins WHERE path = ?", (path,))
        return dict(rows.fetchall())

    def origins(self, article_id: str) -> list[Origin]:
        rows = self.conn.execute(
            "SELECT path, line, offset, key FROM origins WHERE article_id = ? ORDER BY path, key",
            (article_id,),
        )
        return [Origin(*r) for r in rows]

    def put_origin(self, origin: Origin, article_id: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO origins (path, key, line, offset, article_id)"
            " VALUES (?,?,?,?,?)",
            (origin.path, origin.key, origin.line, origin.offset, article_id),
        )

    def drop_origin(self, path: str, key: str) -> str | None:
        """Remove one origin; the article id it pointed at, or None."""
        row = self.conn.execute(
            "SELECT article_id FROM origins WHERE path = ? AND key = ?", (path, key)
        ).fetchone()
        if row:
            self.conn.execute("DELETE FROM origins WHERE path = ? AND key = ?", (path, key))
        return row[0] if row else None

    # Files --------------------------------------------------------------------------------
    def file(self, path: str) -> FileRecord | None:
        row = self.conn.execute(
            "SELECT path, size, mtime_ns, sha256 FROM files WHERE path = ?", (path,)
        ).fetchone()
        return FileRecord(*row) if row else None

    def put_file(self, record: FileRecord) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO files (path, size, mtime_ns, sha256) VALUES (?,?,?,?)",
            (record.path, record.size, record.mtime_ns, record.sha256),
        )

    def drop_file(self, path: str) -> None:
        self.conn.execute("DELETE FROM files WHERE path = ?", (path,))

    def files_under(self, folder: str) -> list[str]:
        prefix = folder.rstrip(os.sep) + os.sep
        rows = self.conn.execute(
            "SELECT path FROM files WHERE substr(path, 1, ?) = ?", (len(prefix), prefix)
        )
        return [r[0] for r in rows]
