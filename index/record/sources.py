"""Every source of the library (an article's `source` field) with article and unread counts, and
the last error of the feed each one comes from (a feed's articles carry its name as source)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Collection

from ..models import SourceCount
from .codec import decode_date


def source_counts(conn: sqlite3.Connection, ids: Collection[str] | None) -> list[SourceCount]:
    """The sources of the articles in ``ids`` (all when None), the most articles first; articles
    without a source count under None. Archived articles count when ``ids`` holds them. A feed
    whose last fetch failed is listed with its error even when none of its articles is counted,
    so a failing feed is never out of sight."""
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
    counts = [
        SourceCount(name, articles, unread, decode_date(first), decode_date(last))
        for name, articles, unread, first, last in rows
    ]
    return with_feed_errors(counts, feed_errors(conn))


def feed_errors(conn: sqlite3.Connection) -> dict[str, str]:
    """Feed name -> why its last fetch failed, for the feeds whose last fetch did."""
    rows = conn.execute("SELECT name, error FROM feeds WHERE error IS NOT NULL AND error != ''")
    return dict(rows.fetchall())


def with_feed_errors(counts: list[SourceCount], errors: dict[str, str]) -> list[SourceCount]:
    """The counts with each failing feed's error on its source, and a row of no articles after
    them for each failing feed that has none among them."""
    marked = [dataclasses.replace(c, feed_error=errors.get(c.name or "")) for c in counts]
    listed = {c.name for c in counts}
    missing = [
        SourceCount(name, 0, 0, None, None, feed_error=error)
        for name, error in sorted(errors.items())
        if name not in listed
    ]
    return marked + missing
