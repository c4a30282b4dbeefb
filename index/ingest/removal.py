"""Removing articles the user asked to drop: the record, the index entries and the origins.

The origins are remembered (the `removed` table) so that an unchanged file does not add them
back on the next `index`; naming that file to `index` again does (see `Ingester`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..publish import publish

if TYPE_CHECKING:
    from ..library import Library
    from ..models import Hit
    from ..record.db import Record
    from ..search.port import SearchEngine


def matching(library: Library, query: str) -> tuple[list[Hit], str | None]:
    """Every article the query matches, archived ones included, and why the query could not
    be read as written (then it is searched for its plain words: not a thing to remove by)."""
    first = library.search(query, limit=1, include_archived=True)
    if first.total <= 1 or first.problem:
        return list(first.hits), first.problem
    every = library.search(query, limit=first.total, include_archived=True)
    return list(every.hits), every.problem


def remove_articles(record: Record, engine: SearchEngine, ids: Sequence[str]) -> int:
    """Remove the articles from the record, then from the index; the count removed.

    The record goes first and lists the ids as pending deletes, so an interruption before the
    index is written leaves work that the next open of the library finishes.
    """
    present = record.remove(list(ids))
    publish(record.articles, engine, [], present)
    return len(present)
