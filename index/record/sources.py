"""Every source of the library (an article's `source` field) with article and unread counts."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection

from ..models import SourceCount
from .codec import decode_date


def source_counts(conn: sqlite3.Connection, ids: Collection[str] | None) -> list[SourceCount]:
    """The sources of the articles in ``ids`` (all when None), the most articles first; articles
    without a source count under None. Archived articles count when ``ids`` holds them."""
    where, params = "", ()
    if ids is not None:  # one parameter however many: SQLite reads the ids from a JSON array
        where, params = "WHERE a.id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),)
    rows = conn.execute(
        "SELECT nullif(a.source, ''), count(*), sum(coalesce(s.read, 0) = 0),"
        " min(a.date), max(a.date)"
        f" FROM articles AS a LEFT JOIN state AS s ON s.article_id = a.id {where}"
        " GROUP BY 1 ORDER BY 2 DESC, 1",
        params,
    )
    return [
        SourceCount(name, articles, unread, decode_date(first), decode_date(last))
        for name, articles, unread, first, last in rows
    ]
