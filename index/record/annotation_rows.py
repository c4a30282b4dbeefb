"""The library views' reads of the quote and claim tables (`annotation_tables`): each one
indexed query, with nothing decoded but the rows asked for.

The views count speakers and claim groups over a search's articles as the user types; they keep
what every article holds (`article_refs`, `pairs`, read once per change of the record) and
count over the search's articles in memory. The quotes and claims themselves are read when
asked for, newest first from the tables' date index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterator

from ..models import ArticleRef, Quote
from .annotation_tables import ARTICLE_REF_INDEX
from .codec import decode_date, quote_from_row
from .row_reader import KEY_COLUMNS, Row, RowReader

Stamp = tuple[int, int]
Ids = Collection[str] | None  # None: every article
# (article id, speaker or unit as written, how many of the article's rows have it)
Pair = tuple[str, str, int]

_KEYS = KEY_COLUMNS
PART = 2000  # rows read and decoded at once


def record_stamp(conn: sqlite3.Connection) -> Stamp:
    """What changes whenever an article is added, replaced or removed: an article is stored with
    INSERT OR REPLACE, which gives its row a new rowid, and removing one lowers the count."""
    count, last = conn.execute("SELECT count(*), coalesce(max(rowid), 0) FROM articles").fetchone()
    return count, last


def article_refs(conn: sqlite3.Connection) -> dict[str, ArticleRef]:
    """What a view row shows of each article, read from the index that holds just that (the
    table's rows hold the text before the date)."""
    present = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (ARTICLE_REF_INDEX,)
    ).fetchone()
    table = f"articles INDEXED BY {ARTICLE_REF_INDEX}" if present else "articles"
    rows = conn.execute(f"SELECT id, title, date, source, url FROM {table}")
    return {
        i: ArticleRef(i, title, decode_date(date), source or None, url or None)
        for i, title, date, source, url in rows
    }


def key_counts(conn: sqlite3.Connection, table: str) -> dict[str, int]:
    """Each speaker (table "quotes") or unit ("claims") as written -> its number of rows."""
    key = _KEYS[table]
    rows = conn.execute(
        f"SELECT {key}, count(*) FROM {table} WHERE {key} IS NOT NULL GROUP BY {key}"
    )
    return dict(rows.fetchall())


def pairs(conn: sqlite3.Connection, table: str) -> list[Pair]:
    """(article, speaker or unit, rows) for every article and every speaker quoted (unit
    counted) in it: what the views count speakers and groups from."""
    key = _KEYS[table]
    rows = conn.execute(
        f"SELECT article_id, {key}, count(*) FROM {table} WHERE {key} IS NOT NULL"
        f" GROUP BY article_id, {key}"
    )
    return rows.fetchall()


def totals(conn: sqlite3.Connection, table: str) -> dict[str, int]:
    """Each article with quotes (table "quotes") or claims -> how many."""
    rows = conn.execute(f"SELECT article_id, count(*) FROM {table} GROUP BY article_id")
    return dict(rows.fetchall())


def quotes(
    conn: sqlite3.Connection,
    ids: Ids,
    speakers: Collection[str] | None,
    limit: int | None,
) -> Iterator[tuple[str, Quote]]:
    """(article id, quote) for the articles among ``ids`` (by one of ``speakers`` as written,
    when given), newest article first, undated ones last, then in article and text order."""
    for article_id, row in _rows(RowReader(conn, "quotes", ids, speakers), limit):
        yield article_id, quote_from_row(row)


def _rows(reader: RowReader, limit: int | None) -> Iterator[Row]:
    """The reader's first ``limit`` rows (all when None), read a part at a time."""
    read = 0
    while not reader.done and (limit is None or read < limit):
        part = reader.read(PART if limit is None else min(PART, limit - read))
        read += len(part)
        yield from part
