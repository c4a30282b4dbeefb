"""Reading a view's quotes or claims in order a part at a time, only the rows of the search's
articles decoded.

A group holds up to tens of thousands of rows, and a view shows its newest few hundred first:
reading the rest in parts lets a front end put other reads (the next query typed) between
them. Each part first walks the keys (article, position) from the table's covering index in
the view's order, newest article first (undated last), which reads no row's text; only the
rows of the search's articles are then read, by key. Reading every row and dropping the
others read the text of rows never shown (most of them, for a narrow query). The ids are
picked here rather than in SQLite: passing thousands of ids to it cost more than skipping the
others' keys.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection

Ids = Collection[str] | None  # None: every article
Key = tuple[str, int]  # (article id, position of the row among the article's)
Row = tuple[str, list]  # (article id, the codec's positional row)

KEY_COLUMNS = {"quotes": "speaker", "claims": "unit"}
KEYS_AT_ONCE = 4000  # keys walked per step: a few milliseconds from the covering index


class RowReader:
    """The rows of one table, of the articles among ``ids``, with one of ``keys`` (a speaker or
    unit as written; any when None), newest article first, then by article and position."""

    def __init__(
        self, conn: sqlite3.Connection, table: str, ids: Ids, keys: Collection[str] | None
    ) -> None:
        self._conn, self._table, self._ids = conn, table, ids
        self._where, self._params = _where(KEY_COLUMNS[table], keys)
        self._walked = 0  # keys of the index walked so far
        self._waiting: list[Key] = []  # keys of the search's articles walked, not read yet
        self._walked_all = False

    @property
    def done(self) -> bool:
        """Whether every row has been read."""
        return self._walked_all and not self._waiting

    def read(self, count: int) -> list[Row]:
        """The next ``count`` rows (fewer at the end)."""
        if self._ids is None:
            return self._next(count)
        while len(self._waiting) < count and not self._walked_all:
            self._walk()
        chosen, self._waiting = self._waiting[:count], self._waiting[count:]
        return self._rows(chosen)

    def _next(self, count: int) -> list[Row]:
        """Every article's next ``count`` rows, in one statement: their keys from the covering
        index (skipping the rows read before costs no reading of their text), then the rows."""
        table = self._table
        found = self._conn.execute(
            f"SELECT c.article_id, c.row FROM (SELECT article_id, seq, date FROM {table}"
            f" {self._where} ORDER BY date DESC, article_id, seq LIMIT ? OFFSET ?) AS k"
            f" CROSS JOIN {table} AS c ON c.article_id = k.article_id AND c.seq = k.seq"
            " ORDER BY k.date DESC, k.article_id, k.seq",
            (*self._params, count, self._walked),
        ).fetchall()
        self._walked += len(found)
        self._walked_all = len(found) < count
        return _decoded(found)

    def _walk(self) -> None:
        """Walk the next keys in order, keeping those of the search's articles."""
        found = self._conn.execute(
            f"SELECT article_id, seq FROM {self._table} {self._where}"
            " ORDER BY date DESC, article_id, seq LIMIT ? OFFSET ?",
            (*self._params, KEYS_AT_ONCE, self._walked),
        ).fetchall()
        self._walked += len(found)
        self._walked_all = len(found) < KEYS_AT_ONCE
        ids = self._ids
        self._waiting += found if ids is None else [k for k in found if k[0] in ids]

    def _rows(self, keys: list[Key]) -> list[Row]:
        if not keys:
            return []
        # One JSON parameter carries the keys; the cross join reads them in their order.
        found = self._conn.execute(
            f"SELECT c.article_id, c.row FROM json_each(?) AS k CROSS JOIN {self._table} AS c"
            " ON c.article_id = json_extract(k.value, '$[0]')"
            " AND c.seq = json_extract(k.value, '$[1]') ORDER BY k.key",
            (json.dumps(keys),),
        ).fetchall()
        return _decoded(found)


def _decoded(found: list[tuple[str, str]]) -> list[Row]:
    """(article id, row) with the rows decoded: one decode of them all as one JSON array (row
    by row took most of the time)."""
    decoded = json.loads("[" + ",".join([r[1] for r in found]) + "]")
    return list(zip([r[0] for r in found], decoded, strict=True))


def _where(column: str, keys: Collection[str] | None) -> tuple[str, tuple]:
    if keys is None:
        return "", ()
    if len(keys) == 1:  # in order from the key's index, unsorted
        return f"WHERE {column} = ?", tuple(keys)
    return f"WHERE {column} IN (SELECT value FROM json_each(?))", (json.dumps(list(keys)),)
