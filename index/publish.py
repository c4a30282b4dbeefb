"""Bringing the search index up to what the record has committed, then saying so in the record.

The record is written first and marked afterwards, so a crash in between only leaves work that
the next open repeats (see `folder.upkeep.catch_up`). This is the one place where the record and
the engine meet: neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

from .record.articles import ArticleStore, transaction

if TYPE_CHECKING:
    from .search.port import Document, SearchEngine

T = TypeVar("T")


def publish(
    store: ArticleStore,
    engine: SearchEngine,
    docs: list[Document],
    deleted: list[str],
    *,
    new: bool = False,
    on_written: Callable[[int], None] | None = None,
    on_commit: Callable[[], None] | None = None,
) -> None:
    """Index ``docs`` and delete ``deleted``, all committed to the record already, then mark
    them done there. ``on_written(n)`` is told after each of the ``docs`` is added (n of them so
    far), and ``on_commit`` once they all are, before the index merges them in."""
    counted = _counted(docs, on_written) if on_written else docs
    engine.replace(counted, deleted, new=new, total=len(docs), on_commit=on_commit)
    with transaction(store.conn):
        store.mark_indexed(article.id for article, _ in docs)
        store.clear_pending_deletes(deleted)


def _counted(docs: list[T], on_written: Callable[[int], None]) -> Iterator[T]:
    for n, doc in enumerate(docs, 1):
        yield doc
        on_written(n)
