"""When articles entered the library (`articles.added`, UTC ISO 8601 to the second, so text
order is time order): those added since a moment, a page of them last added first, and whether
another process has committed to the record since the last look.

An article stored before the record kept times of entry has none: it is never "new" and sorts
after every article that has one.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Collection

from .articles import added_text
from .orders import BY_ADDED, NEW_SINCE


def added_after(
    conn: sqlite3.Connection, since: dt.datetime | None, allow: frozenset[str] | None
) -> frozenset[str] | None:
    """The ids a search may return (``allow``, None for any) narrowed to the articles that
    entered the library after ``since``; ``allow`` itself when ``since`` is None."""
    if since is None:
        return allow
    rows = conn.execute(f"SELECT id FROM articles WHERE {NEW_SINCE}", (added_text(since),))
    added = frozenset(row[0] for row in rows)
    return added if allow is None else allow & added


def page_by_added(
    conn: sqlite3.Connection, ids: Collection[str], *, limit: int, offset: int
) -> list[str]:
    """One page of ``ids``, the last to enter the library first (one JSON parameter carries
    them, however many)."""
    rows = conn.execute(
        f"SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY {BY_ADDED}"
        " LIMIT ? OFFSET ?",
        (json.dumps(list(ids)), max(0, limit), max(0, offset)),
    )
    return [row[0] for row in rows]


def others_commits(conn: sqlite3.Connection) -> int:
    """A number that changes when another connection (another process: a `fetch` from cron, or
    the reader's own fetch on a library of its own) commits to the record; this connection's own
    commits leave it as it is (SQLite's `PRAGMA data_version`)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])
