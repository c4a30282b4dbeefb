"""Counts and ranges over the whole library, read from the record."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts and ranges over the whole library."""

    articles: int
    first_date: dt.date | None
    last_date: dt.date | None
    sources: tuple[tuple[str, int], ...]
    index_bytes: int
    quotes: int
    claims: int
    entities: int
    path: str


def library_stats(conn: sqlite3.Connection, *, index_bytes: int, path: str) -> Stats:
    """The record's article, date, source and annotation counts, with the index's size."""
    count, first, last = conn.execute(
        "SELECT count(*), min(date), max(date) FROM articles"
    ).fetchone()
    sources = conn.execute(
        "SELECT coalesce(source, '(none)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()
    quotes, claims, entities = conn.execute(
        "SELECT coalesce(sum(json_array_length(analysis, '$.q')), 0),"
        " coalesce(sum(json_array_length(analysis, '$.c')), 0),"
        " coalesce(sum(json_array_length(analysis, '$.e')), 0)"
        " FROM articles WHERE analysis IS NOT NULL"
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
