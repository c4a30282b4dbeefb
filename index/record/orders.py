"""The orders the whole library is listed in without a query, and the indexes that serve them.

`browse` lists the empty query newest first, oldest first or last added first, undated (or of
unknown entry) last. SQLite reads an ORDER BY from an index only when the index holds the same
terms in the same directions, expressions included, so each order here has an index spelled
exactly as its ORDER BY: the first page is then the index's first entries, where without it
SQLite read and sorted every article for the 50 it shows (at 210k articles a page of the reader
took 44-56 ms of CPU newest first and 210-260 ms last added first, 6-7 ms with the indexes).

A library made before these indexes gains them the first time it is opened for writing (1.6 s
of CPU at 210k, once; 28 MB more on disk). Where they cannot be written (read-only, a
full disk, another writer for 30 s) the library opens as before and its lists are sorted
instead: the same order, only slower.
"""

from __future__ import annotations

import sqlite3

NEWEST = "date IS NULL, date DESC, id"
OLDEST = "date IS NULL, date, id"
BY_ADDED = "added IS NULL, added DESC, id"  # the last to enter the library first

# "New since the last session" is a range of times of entry: the equality on the index's first
# term is what lets SQLite search the range instead of scanning (`added > ?` alone does not: at
# 210k a page of 2,488 new articles newest first took 66 ms walking articles_newest, 1.1 ms so).
NEW_SINCE = "(added IS NULL) = 0 AND added > ?"
# Within that range every article has a time of entry, so this is BY_ADDED, read from the range
# in index order (with the `added IS NULL` term SQLite sorts the range again).
NEW_BY_ADDED = "added DESC, id"

# The date in the last index answers "new since" pages in date order from the index alone: the
# date sits after the article's text in its row, so reading it from the table reads the text.
INDEXES = {
    "articles_newest": f"articles({NEWEST})",
    "articles_oldest": f"articles({OLDEST})",
    "articles_added": f"articles({BY_ADDED}, date)",
}


def missing(conn: sqlite3.Connection) -> list[str]:
    """The names of the order indexes the record does not have yet."""
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    return [name for name in INDEXES if name not in present]


def prepare(conn: sqlite3.Connection) -> None:
    """Create the indexes a record opened for writing lacks, in one transaction; when that
    cannot be written, leave the record as it is (its lists are sorted instead)."""
    if not missing(conn):  # the usual open: no write lock taken, so no wait on another writer
        return
    from .articles import transaction  # articles.py imports this module

    try:
        with transaction(conn):
            for name in missing(conn):  # another process may have made some meanwhile
                conn.execute(f"CREATE INDEX {name} ON {INDEXES[name]}")
    except sqlite3.OperationalError:  # full disk, or another writer for 30 s
        pass
