"""Triage state, query history and saved searches, in the library's SQLite database.

State is keyed by the stable article id, so it survives re-indexing and duplicate origins,
and every change is committed at once, so a killed session loses nothing.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass

from newsreader.index.store import transaction

SCHEMA = """
CREATE TABLE IF NOT EXISTS state (
    article_id TEXT PRIMARY KEY,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0,
    updated REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS tags (
    article_id TEXT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX IF NOT EXISTS tags_tag ON tags(tag);
CREATE TABLE IF NOT EXISTS history (query TEXT PRIMARY KEY, used REAL NOT NULL);
CREATE TABLE IF NOT EXISTS saved_searches (name TEXT PRIMARY KEY, query TEXT NOT NULL);
"""

FLAGS = ("read", "starred", "archived")


@dataclass(frozen=True, slots=True)
class ArticleState:
    """Triage state of one article."""

    read: bool = False
    starred: bool = False
    archived: bool = False
    tags: tuple[str, ...] = ()


class StateStore:
    """Read and write triage flags, tags, history and saved searches."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.executescript(SCHEMA)

    def states(self, ids: Iterable[str]) -> dict[str, ArticleState]:
        ids = list(ids)
        flags: dict[str, tuple[int, int, int]] = {}
        tags: dict[str, list[str]] = {}
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT article_id, read, starred, archived FROM state"
                f" WHERE article_id IN ({marks})",
                chunk,
            ):
                flags[row[0]] = row[1:]
            for article_id, tag in self.conn.execute(
                f"SELECT article_id, tag FROM tags WHERE article_id IN ({marks}) ORDER BY tag",
                chunk,
            ):
                tags.setdefault(article_id, []).append(tag)
        return {
            i: ArticleState(*(bool(f) for f in flags.get(i, (0, 0, 0))), tuple(tags.get(i, ())))
            for i in ids
        }

    def set_flag(self, ids: Iterable[str], flag: str, value: bool) -> None:
        if flag not in FLAGS:
            raise ValueError(f"unknown flag {flag!r}")
        now = time.time()
        with transaction(self.conn):
            self.conn.executemany(
                f"INSERT INTO state (article_id, {flag}, updated) VALUES (?, ?, ?)"
                f" ON CONFLICT(article_id) DO UPDATE SET {flag} = excluded.{flag},"
                " updated = excluded.updated",
                ((i, int(value), now) for i in ids),
            )

    def add_tag(self, ids: Iterable[str], tag: str) -> None:
        with transaction(self.conn):
            self.conn.executemany(
                "INSERT OR IGNORE INTO tags (article_id, tag) VALUES (?, ?)",
                ((i, tag) for i in ids),
            )

    def remove_tag(self, ids: Iterable[str], tag: str) -> None:
        with transaction(self.conn):
            self.conn.executemany(
                "DELETE FROM tags WHERE article_id = ? AND tag = ?", ((i, tag) for i in ids)
            )

    def tags(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT tag FROM tags ORDER BY tag")]

    def restore(self, states: dict[str, ArticleState]) -> None:
        with transaction(self.conn):
            self._write(states)

    def ids_where(self, flag: str, value: bool) -> set[str]:
        """Ids whose flag is set to value; ids with no row count as all flags unset."""
        if flag not in FLAGS:
            raise ValueError(f"unknown flag {flag!r}")
        rows = self.conn.execute(f"SELECT article_id FROM state WHERE {flag} = ?", (int(value),))
        return {r[0] for r in rows}

    def ids_tagged(self, tag: str) -> set[str]:
        rows = self.conn.execute("SELECT article_id FROM tags WHERE tag = ?", (tag,))
        return {r[0] for r in rows}

    def carry(self, old_id: str, new_id: str) -> None:
        """Give an edited article's new version the state of the old one, unless it has its own."""
        old = self.states([old_id])[old_id]
        if old != ArticleState() and self.states([new_id])[new_id] == ArticleState():
            self._write({new_id: old})

    # History and saved searches -------------------------------------------------------------
    def history(self, limit: int = 100) -> list[str]:
        rows = self.conn.execute("SELECT query FROM history ORDER BY used DESC LIMIT ?", (limit,))
        return [r[0] for r in rows]

    def add_history(self, query: str) -> None:
        query = query.strip()
        if query:
            with transaction(self.conn):
                self.conn.execute(
                    "INSERT OR REPLACE INTO history (query, used) VALUES (?, ?)",
                    (query, time.time()),
                )

    def save_search(self, name: str, query: str) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT OR REPLACE INTO saved_searches (name, query) VALUES (?, ?)", (name, query)
            )

    def delete_saved_search(self, name: str) -> None:
        with transaction(self.conn):
            self.conn.execute("DELETE FROM saved_searches WHERE name = ?", (name,))

    def saved_searches(self) -> list[tuple[str, str]]:
        rows = self.conn.execute("SELECT name, query FROM saved_searches ORDER BY name")
        return [(r[0], r[1]) for r in rows]

    # Export and import ------------------------------------------------------------------------
    def export(self) -> dict:
        """Everything a user set by hand, as plain JSON-able data."""
        ids = {r[0] for r in self.conn.execute("SELECT article_id FROM state")}
        ids |= {r[0] for r in self.conn.execute("SELECT article_id FROM tags")}
        states = self.states(sorted(ids))
        return {
            "format": "newsreader-state",
            "version": 1,
            "articles": {
                i: {**{f: getattr(s, f) for f in FLAGS}, "tags": list(s.tags)}
                for i, s in states.items()
            },
            "saved_searches": dict(self.saved_searches()),
        }

    def merge(self, data: dict) -> int:
        """Merge exported state: flags are OR-ed and tags united, never cleared. Returns count."""
        if not isinstance(data, dict) or data.get("format") != "newsreader-state":
            raise ValueError("not a newsreader state file")
        articles = data.get("articles", {})
        current = self.states(articles)
        merged = {
            i: ArticleState(
                *(getattr(current[i], f) or bool(v.get(f)) for f in FLAGS),
                tuple(sorted(set(current[i].tags) | {str(t) for t in v.get("tags", ())})),
            )
            for i, v in articles.items()
            if isinstance(v, dict)
        }
        with transaction(self.conn):
            self._write(merged)
            for name, query in data.get("saved_searches", {}).items():
                self.conn.execute(
                    "INSERT OR IGNORE INTO saved_searches (name, query) VALUES (?, ?)",
                    (str(name), str(query)),
                )
        return len(merged)

    def _write(self, states: dict[str, ArticleState]) -> None:
        now = time.time()
        for i, s in states.items():
            self.conn.execute(
                "INSERT OR REPLACE INTO state (article_id, read, starred, archived, updated)"
                " VALUES (?, ?, ?, ?, ?)",
                (i, int(s.read), int(s.starred), int(s.archived), now),
            )
            self.conn.execute("DELETE FROM tags WHERE article_id = ?", (i,))
            self.conn.executemany(
                "INSERT INTO tags (article_id, tag) VALUES (?, ?)", ((i, t) for t in s.tags)
            )


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
