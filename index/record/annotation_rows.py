"""Every quote and claim of the library with the article it comes from, read once and kept.

The library views (speakers, claim groups) filter these rows by a search's article ids as the
user types; decoding every article's analysis again for each key would take seconds on 20,000
articles, so the rows are kept until the record's articles change (`record_stamp`). SQLite's
JSON functions pick the quotes and claims out of each stored analysis, so the entities (most of
it) are never decoded.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass

from ..models import ArticleRef, Claim, Quote
from .codec import decode_date, quote_from_row

Stamp = tuple[int, int]


@dataclass(frozen=True, slots=True)
class AnnotationRows:
    """The library's quotes and claims, each with its article's id, as of one `record_stamp`."""

    stamp: Stamp
    articles: dict[str, ArticleRef]  # every analysed article
    quotes: tuple[tuple[str, Quote], ...]  # (article id, quote), in article then text order
    claims: tuple[tuple[str, Claim], ...]


def record_stamp(conn: sqlite3.Connection) -> Stamp:
    """What changes whenever an article is added, replaced or removed: an article is stored with
    INSERT OR REPLACE, which gives its row a new rowid, and removing one lowers the count."""
    count, last = conn.execute("SELECT count(*), coalesce(max(rowid), 0) FROM articles").fetchone()
    return count, last


def read_rows(conn: sqlite3.Connection) -> AnnotationRows:
    """Every analysed article's quotes and claims, read from the record now."""
    stamp = record_stamp(conn)
    articles: dict[str, ArticleRef] = {}
    quotes: list[tuple[str, Quote]] = []
    claims: list[tuple[str, Claim]] = []
    for row in conn.execute(
        "SELECT id, title, date, source, url, json_extract(analysis, '$.q'),"
        " json_extract(analysis, '$.c') FROM articles WHERE analysis IS NOT NULL ORDER BY id"
    ):
        article_id, title, date, source, url, said, counted = row
        articles[article_id] = ArticleRef(
            article_id, title, decode_date(date), source or None, url or None
        )
        quotes.extend((article_id, quote_from_row(q)) for q in json.loads(said or "[]"))
        claims.extend((article_id, Claim(*c)) for c in json.loads(counted or "[]"))
    return AnnotationRows(stamp, articles, tuple(quotes), tuple(claims))


class RowCache:
    """The latest `AnnotationRows`, read again only when the record's articles have changed."""

    def __init__(self) -> None:
        self._rows: AnnotationRows | None = None
        self._lock = threading.Lock()  # two threads asking at once read the record once

    def rows(self, conn: sqlite3.Connection) -> AnnotationRows:
        with self._lock:
            if self._rows is None or self._rows.stamp != record_stamp(conn):
                self._rows = read_rows(conn)
            return self._rows
