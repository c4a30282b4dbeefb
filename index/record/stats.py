"""Counts and ranges over the whole library, read from the record."""

from __future__ import annotations

import datetime as dt
import sqlite3

from ..models import Stats
from .codec import CLAIMS, ENTITIES, QUOTES


def library_stats(conn: sqlite3.Connection, *, index_bytes: int, path: str) -> Stats:
    """The record's article, date, source and annotation counts, with the index's size."""
    count, first, last = conn.execute(
        "SELECT count(*), min(date), max(date) FROM articles"
    ).fetchone()
    sources = conn.execute(
        "SELECT coalesce(source, '(none)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()
    quotes, claims, entities = conn.execute(
        "SELECT coalesce(sum(json_array_length(analysis, ?)), 0),"
        " coalesce(sum(json_array_length(analysis, ?)), 0),"
        " coalesce(sum(json_array_length(analysis, ?)), 0)"
        " FROM articles WHERE analysis IS NOT NULL",
        (f"$.{QUOTES}", f"$.{CLAIMS}", f"$.{ENTITIES}"),
    ).fetchone()
    return Stats(
        articles=count,
        first_date=dt.date.fromisoformat(first) if first else None,
        last_date=dt.date.fromisoformat(last) if last else None,
        sources=tuple((s, n) for s, n in sources),
        index_bytes=index_bytes,
        quotes=quotes,
        claims=claims,
        entities=entities,
        path=path,
    )
