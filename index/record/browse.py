"""Listing the library without a query, straight from the SQLite record, newest first.

An empty query asks for no ranking, so its pages need neither Whoosh nor numpy: the reader can
show the library while the search engine is still loading, and `newsreader search` with no words
does not pay for it either.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from ..models import Hit, SearchResult
from ..text.flatten import flatten, lead_span
from .articles import added_text
from .codec import decode_date
from .orders import BY_ADDED, NEW_BY_ADDED, NEW_SINCE, NEWEST, OLDEST

# Enough of the text for the lead line of any normalised article, without reading whole bodies.
_LEAD_CHARS = 4000
# The ids to leave out travel as one JSON array, however many there are.
_NOT_HIDDEN = "id NOT IN (SELECT value FROM json_each(?))"
_ORDER = {"relevance": NEWEST, "-date": NEWEST, "date": OLDEST, "added": BY_ADDED}


def browse(
    conn: sqlite3.Connection,
    *,
    hidden: frozenset[str] = frozenset(),
    limit: int = 20,
    offset: int = 0,
    sort: str = "relevance",
    added_since: dt.datetime | None = None,
) -> SearchResult:
    """One page of every article but the ``hidden`` ones (the archived, say), undated last;
    with ``added_since``, only those that entered the library after it."""
    where, args = _where(hidden, added_since)
    order = _ORDER.get(sort, _ORDER["relevance"])
    if added_since is not None and order == BY_ADDED:
        order = NEW_BY_ADDED  # the same order over the range, read from the index as it stands
    total = conn.execute(f"SELECT count(*) FROM articles {where}", args).fetchone()[0]
    ids = [
        row[0]
        for row in conn.execute(
            f"SELECT id FROM articles {where} ORDER BY {order} LIMIT ? OFFSET ?",
            (*args, max(0, limit), max(0, offset)),
        )
    ]
    rows = {row[0]: row for row in conn.execute(_page_sql(len(ids)), ids)}
    hits = tuple(_hit(rows[i]) for i in ids if i in rows)
    return SearchResult(hits, total, "")


def _where(hidden: frozenset[str], added_since: dt.datetime | None) -> tuple[str, list[str]]:
    """The WHERE clause leaving out ``hidden`` and keeping only what entered after
    ``added_since``, with its parameters."""
    terms: list[str] = []
    args: list[str] = []
    if hidden:
        terms.append(_NOT_HIDDEN)
        args.append(json.dumps(sorted(hidden)))
    if added_since is not None:
        terms.append(NEW_SINCE)
        args.append(added_text(added_since))
    return ("WHERE " + " AND ".join(terms) if terms else ""), args


def _page_sql(count: int) -> str:
    marks = ",".join("?" * count)
    return (
        f"SELECT id, title, date, source, category, substr(text, 1, {_LEAD_CHARS}),"
        " (SELECT path FROM origins WHERE article_id = articles.id ORDER BY path, key LIMIT 1)"
        f" FROM articles WHERE id IN ({marks})"
    )


def _hit(row: tuple) -> Hit:
    article_id, title, date, source, category, lead, path = row
    start, end = lead_span(lead)
    snippet, _ = flatten(lead, start, end, [])
    return Hit(
        id=article_id,
        title=title,
        date=decode_date(date),
        source=source or None,
        path=path,
        score=0.0,
        snippet=snippet,
        category=category or None,
    )


def with_web_fields(conn: sqlite3.Connection, hits: tuple[Hit, ...]) -> tuple[Hit, ...]:
    """The hits with each article's URL and time of entry, read from the record in one query."""
    if not hits:
        return hits
    marks = ",".join("?" * len(hits))
    rows = conn.execute(f"SELECT id, url, added FROM articles WHERE id IN ({marks})",
                        [hit.id for hit in hits])  # fmt: skip
    found = {article_id: (url, added) for article_id, url, added in rows}
    return tuple(_with(hit, *found.get(hit.id, (None, None))) for hit in hits)


def _with(hit: Hit, url: str | None, added: str | None) -> Hit:
    when = dt.datetime.fromisoformat(added) if added else None
    # Built directly: dataclasses.replace costs as much again per hit of every page searched.
    return Hit(
        id=hit.id, title=hit.title, date=hit.date, source=hit.source, path=hit.path,
        score=hit.score, snippet=hit.snippet, marks=hit.marks, category=hit.category,
        url=url or None, added=when,
    )  # fmt: skip
