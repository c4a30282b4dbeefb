"""A search in order of entry into the library (sort "added"): the engine finds the articles and
ranks nothing; the record orders them by their time of entry and cuts the page; the engine then
writes the snippets of that page's hits. The engine's port stays as it is: every engine sorts
this way without knowing the record's times of entry."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from .models import SearchResult

if TYPE_CHECKING:
    from .query.assemble import ParsedQuery
    from .record.db import Record
    from .search.port import SearchEngine

Search = Callable[..., SearchResult]  # `SearchEngine.search`'s signature


def searcher(engine: SearchEngine, record: Record, sort: str) -> Search:
    """The engine's own search, or for sort "added" the search in order of entry."""
    if sort != "added":
        return engine.search
    return lambda parsed, **options: search_by_added(engine, record, parsed, **options)


def search_by_added(
    engine: SearchEngine,
    record: Record,
    parsed: ParsedQuery,
    *,
    limit: int = 20,
    offset: int = 0,
    allow_ids: frozenset[str] | None = None,
    deny_ids: frozenset[str] | None = None,
    abandoned: Callable[[], bool] | None = None,
    **_sort: object,
) -> SearchResult:
    """One page of the articles the query matches, the last to enter the library first."""
    matching = engine.matching_ids(parsed, allow_ids, deny_ids)
    page = record.page_by_added(matching, limit=limit, offset=offset)
    found = engine.search(parsed, limit=len(page), allow_ids=frozenset(page), abandoned=abandoned)
    by_id = {hit.id: hit for hit in found.hits}
    hits = tuple(by_id[article_id] for article_id in page if article_id in by_id)
    return dataclasses.replace(found, hits=hits, total=len(matching))
